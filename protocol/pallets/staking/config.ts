// Scenario section `staking` and the pallet's internal config. BalanceAI publishes none of these values
// (BALANCEAI.md §2: "era length, validator count, minimum bonds" unknown), so defaults are Polkadot's
// (SUBSTRATE.md §3) unless noted; every one is a scenario parameter.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import type { ChainConfig } from '../../chain-config.js';
import { TokenAmount, Fraction, parseAmount, parseFraction, parseInteger } from '../../chain-config.js';
import type { Parts } from '../../primitives/perthing.js';
import type { Planck } from '../../primitives/units.js';

export const ELECTION_ALGORITHMS = ['phragmen', 'phragmms'] as const;
export type ElectionAlgorithm = (typeof ELECTION_ALGORITHMS)[number];
export const ELECTION_POINTS = ['sessionBeforeEraEnd', 'eraEnd'] as const;
export type ElectionPoint = (typeof ELECTION_POINTS)[number];

export const stakingSection = Type.Object({
  eraBlocks: Type.Integer({ minimum: 1, default: 7200,
    description: 'Era length in blocks: 7200 = 1 day at 12 s. BalanceAI unpublished; Polkadot era = 24 h (SUBSTRATE.md §3.1). Must be a multiple of sessionsPerEra.' }),
  sessionsPerEra: Type.Integer({ minimum: 1, maximum: 1000, default: 6, description: 'SessionsPerEra (Polkadot 6, SUBSTRATE.md §3.1).' }),
  bondingDurationEras: Type.Integer({ minimum: 0, maximum: 10_000, default: 28, description: 'BondingDuration in eras (Polkadot 28).' }),
  slashDeferDurationEras: Type.Integer({ minimum: 0, maximum: 10_000, default: 27,
    description: 'SlashDeferDuration in eras (Polkadot 27); a slash for an offence in era e is applied at the start of era e + this (0 = immediately).' }),
  historyDepth: Type.Integer({ minimum: 1, maximum: 10_000, default: 84, description: 'HistoryDepth: eras during which rewards stay claimable (Polkadot 84).' }),
  maxNominations: Type.Integer({ minimum: 1, maximum: 1000, default: 16, description: 'MaxNominations (Polkadot 16, NposCompactSolution16).' }),
  validatorCount: Type.Integer({ minimum: 1, maximum: 100_000, default: 100,
    description: 'ValidatorCount: seats per election. Governance storage on Polkadot (AH MaxValidatorSet = 1000); BalanceAI unpublished: lab default 100, sweep it.' }),
  maxElectingVoters: Type.Integer({ minimum: 1, default: 22_500, description: 'MaxElectingVoters: the top voters by stake that take part (Polkadot 22,500).' }),
  maxUnlockingChunks: Type.Integer({ minimum: 1, maximum: 1000, default: 32, description: 'MaxUnlockingChunks (Polkadot 32).' }),
  maxExposurePageSize: Type.Integer({ minimum: 1, maximum: 100_000, default: 512, description: 'MaxExposurePageSize: nominators per reward page (Polkadot 512).' }),
  minNominatorBond: TokenAmount('0', 'MinNominatorBond in BAI: governance storage (SUBSTRATE.md §8.4); Substrate genesis default 0 (the ED is always the floor).'),
  minValidatorBond: TokenAmount('0', 'MinValidatorBond in BAI: governance storage; Substrate genesis default 0 (the ED is always the floor).'),
  minCommission: Fraction(0, 'MinCommission: governance storage; Substrate genesis default 0.'),
  election: Type.Union([Type.Literal('phragmen'), Type.Literal('phragmms')], { default: 'phragmen',
    description: 'Election algorithm: sequential Phragmén (the runtimes\' miner) or PhragMMS (SUBSTRATE.md §3.3). PhragMMS costs O(seats × edges) per era: fine for hundreds of voters, slow for tens of thousands.' }),
  electionAt: Type.Union([Type.Literal('sessionBeforeEraEnd'), Type.Literal('eraEnd')], { default: 'sessionBeforeEraEnd',
    description: 'When the next era\'s set is elected: at the start of the era\'s last session (pallet_session planning, as on chain) or at the era\'s last block.' }),
  electionLookaheadBlocks: Type.Integer({ minimum: 0, default: 0,
    description: 'Blocks between the election snapshot and the planning point (the election-provider phases). 0 = snapshot at the planning point. Polkadot legacy relay: signed + unsigned phases of 1 h each, about 600 blocks (SUBSTRATE.md §3.1). Must be below staking.eraBlocks.' }),
  balancingIterations: Type.Integer({ minimum: 0, maximum: 1000, default: 0,
    description: 'Balancing iterations after the election (0 = none, like the runtimes\' own miner, SUBSTRATE.md §3.3).' }),
  balancingTolerance: Type.Integer({ minimum: 0, default: 0, description: 'Balancing tolerance in vote units (0 = run all iterations).' }),
  reduce: Type.Boolean({ default: true,
    description: 'Exposures from the election miner\'s solution (EPM Miner::mine_solution: seq-Phragmén, then sp-npos-elections reduce, which cuts the assignment graph to a forest of at most voters + winners − 1 edges, then the ratio round trip of the submitted solution), as the chain\'s elections are produced. false = the on-chain fallback (OnChainSeqPhragmen) distribution, with every nominator spread over all its elected targets. The winners are the same either way; each validator\'s total backing too, up to the ratio round trip\'s rounding.' }),
  slashRewardFraction: Fraction(0, 'SlashRewardFraction paid to reporters (× 50% REWARD_F1). Governance storage on Polkadot (unread, SUBSTRATE.md §8.4): lab default 0.'),
  autoPayout: Type.Boolean({ default: true,
    description: 'Lab convenience: at each era end the runtime claims every page of every validator of the era that just ended (no extrinsic, so no fee), as a bot would on chain.' }),
}, { additionalProperties: false, default: {} });
export type StakingSection = Static<typeof stakingSection>;

export interface StakingConfig {
  readonly eraBlocks: number;
  readonly sessionsPerEra: number;
  readonly sessionBlocks: number;
  readonly bondingDurationEras: number;
  readonly slashDeferDurationEras: number;
  readonly historyDepth: number;
  readonly maxNominations: number;
  readonly validatorCount: number;
  readonly maxElectingVoters: number;
  readonly maxUnlockingChunks: number;
  readonly maxExposurePageSize: number;
  readonly minNominatorBondPlanck: Planck;
  readonly minValidatorBondPlanck: Planck;
  readonly minCommission: Parts;
  readonly election: ElectionAlgorithm;
  readonly electionAt: ElectionPoint;
  readonly electionLookaheadBlocks: number;
  readonly balancing: { readonly iterations: number; readonly tolerance: bigint } | null;
  readonly reduce: boolean;
  readonly slashRewardFraction: Parts;
  readonly autoPayout: boolean;
}

export function stakingFromScenario(s: Partial<StakingSection>, chain: ChainConfig): StakingConfig {
  const d = chain.tokenDecimals;
  const eraBlocks = parseInteger('staking.eraBlocks', s.eraBlocks ?? 7200, 1);
  const sessionsPerEra = parseInteger('staking.sessionsPerEra', s.sessionsPerEra ?? 6, 1, 1000);
  if (eraBlocks % sessionsPerEra !== 0) {
    throw new ConfigError('staking.eraBlocks', `${eraBlocks} is not a multiple of staking.sessionsPerEra (${sessionsPerEra})`, `a multiple of ${sessionsPerEra}`);
  }
  const election = s.election ?? 'phragmen';
  if (!(ELECTION_ALGORITHMS as readonly string[]).includes(election)) {
    throw new ConfigError('staking.election', `unknown algorithm ${JSON.stringify(election)}`, ELECTION_ALGORITHMS.join(' | '));
  }
  const electionAt = s.electionAt ?? 'sessionBeforeEraEnd';
  if (!(ELECTION_POINTS as readonly string[]).includes(electionAt)) {
    throw new ConfigError('staking.electionAt', `unknown value ${JSON.stringify(electionAt)}`, ELECTION_POINTS.join(' | '));
  }
  const iterations = parseInteger('staking.balancingIterations', s.balancingIterations ?? 0, 0, 1000);
  const tolerance = parseInteger('staking.balancingTolerance', s.balancingTolerance ?? 0, 0);
  const autoPayout = s.autoPayout ?? true;
  if (typeof autoPayout !== 'boolean') throw new ConfigError('staking.autoPayout', `not a boolean: ${JSON.stringify(autoPayout)}`, 'true | false');
  return {
    eraBlocks, sessionsPerEra, sessionBlocks: eraBlocks / sessionsPerEra,
    bondingDurationEras: parseInteger('staking.bondingDurationEras', s.bondingDurationEras ?? 28, 0, 10_000),
    slashDeferDurationEras: parseInteger('staking.slashDeferDurationEras', s.slashDeferDurationEras ?? 27, 0, 10_000),
    historyDepth: parseInteger('staking.historyDepth', s.historyDepth ?? 84, 1, 10_000),
    maxNominations: parseInteger('staking.maxNominations', s.maxNominations ?? 16, 1, 1000),
    validatorCount: parseInteger('staking.validatorCount', s.validatorCount ?? 100, 1, 100_000),
    maxElectingVoters: parseInteger('staking.maxElectingVoters', s.maxElectingVoters ?? 22_500, 1),
    maxUnlockingChunks: parseInteger('staking.maxUnlockingChunks', s.maxUnlockingChunks ?? 32, 1, 1000),
    maxExposurePageSize: parseInteger('staking.maxExposurePageSize', s.maxExposurePageSize ?? 512, 1, 100_000),
    minNominatorBondPlanck: parseAmount('staking.minNominatorBond', s.minNominatorBond ?? '0', d),
    minValidatorBondPlanck: parseAmount('staking.minValidatorBond', s.minValidatorBond ?? '0', d),
    minCommission: parseFraction('staking.minCommission', s.minCommission ?? 0),
    election: election as ElectionAlgorithm,
    electionAt: electionAt as ElectionPoint,
    electionLookaheadBlocks: parseInteger('staking.electionLookaheadBlocks', s.electionLookaheadBlocks ?? 0, 0, eraBlocks - 1),
    balancing: iterations > 0 ? { iterations, tolerance: BigInt(tolerance) } : null,
    reduce: s.reduce ?? true,
    slashRewardFraction: parseFraction('staking.slashRewardFraction', s.slashRewardFraction ?? 0),
    autoPayout,
  };
}
export { stakingFromScenario as fromScenario };
