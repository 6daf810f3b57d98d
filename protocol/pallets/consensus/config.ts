// The `consensus` scenario section: BABE lottery, GRANDPA voting rules, fidelity, byzantine validators.
// Each default names its source (SUBSTRATE.md §4). cli-runner composes `consensusSection` into the scenario schema.
import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import { PERBILL, fromFloat } from '../../primitives/perthing.js';
import type { Rational } from './babe.js';
import { DEFAULT_VOTING_RULES, type VotingRules } from './grandpa.js';

export const BROKEN_VARIANTS = ['none', 'lowThreshold', 'ignoreFinality'] as const;
export type BrokenVariant = (typeof BROKEN_VARIANTS)[number];

export const consensusSection = Type.Object({
  fidelity: Type.Union([Type.Literal('message'), Type.Literal('aggregated')], {
    default: 'aggregated',
    description: 'message: every block and vote is a network message between validator nodes (consensus studies); '
      + 'aggregated: per-slot outcomes drawn from the same distributions (multi-year economics). Lab parameter.',
  }),
  primaryProbability: Type.Number({
    exclusiveMinimum: 0, maximum: 1, default: 0.25,
    description: 'BABE c: chance a slot has at least one primary leader. Polkadot/Kusama BABE_GENESIS_EPOCH_CONFIG c = (1, 4).',
  }),
  secondarySlots: Type.Boolean({
    default: true,
    description: 'Secondary author every slot (allowed_slots = PrimaryAndSecondaryVRFSlots on Polkadot and Kusama).',
  }),
  epochSlots: Type.Integer({
    minimum: 1, maximum: 1_000_000, default: 1200,
    description: 'Slots per BABE epoch (fresh lottery randomness each epoch). Polkadot: 4 h epochs; at 12 s slots = 1200.',
  }),
  proposalTimeMs: Type.Integer({
    minimum: 0, maximum: 600_000, default: 2000,
    description: 'Time from slot start to the authored block leaving the author (build budget). '
      + 'SUBSTRATE.md §4.1 assumption (2-4 s of a 6 s slot); must be below chain.blockTimeMs.',
  }),
  maxBlockLengthBytes: Type.Integer({
    minimum: 1, maximum: 1_000_000_000, default: 3_932_160,
    description: 'Length budget for normal extrinsics per block: 5 MiB x NORMAL_DISPATCH_RATIO 75% (Polkadot BlockLength).',
  }),
  mempoolCapacity: Type.Integer({
    minimum: 1, maximum: 10_000_000, default: 8192,
    description: 'Ready-pool limit in transactions (Substrate --pool-limit default 8192); lowest priority evicted first.',
  }),
  grandpa: Type.Object({
    gossipDurationMs: Type.Integer({
      minimum: 1, maximum: 600_000, default: 1000,
      description: 'GRANDPA T: prevote timer 2T, precommit timer 4T after round start. Polkadot node gossip_duration = 1000 ms.',
    }),
    beforeBestBy: Type.Integer({
      minimum: 0, maximum: 1000, default: 2,
      description: 'Voting rule BeforeBestBlockBy(2) (sc-consensus-grandpa default).',
    }),
    unfinalizedFraction: Type.Number({
      minimum: 0, maximum: 1, default: 0.75,
      description: 'Voting rule ThreeQuartersOfTheUnfinalizedChain: target <= base + 3/4 (best - base).',
    }),
    rebroadcastMs: Type.Integer({
      minimum: 1, maximum: 3_600_000, default: 12_000,
      description: 'A voter stuck in a round re-gossips its votes this often (stands for GRANDPA neighbour packets and '
        + 'catch-up requests, which repair lost votes). Lab parameter.',
    }),
  }, { default: {}, additionalProperties: false }),
  byzantine: Type.Object({
    count: Type.Integer({
      minimum: 0, default: 0,
      description: 'Validators (the last `count` indices) that equivocate; must not exceed the validator set size.',
    }),
    babeEquivocationRate: Type.Number({
      minimum: 0, maximum: 1, default: 1,
      description: 'Chance a byzantine author signs two blocks in a slot it authors.',
    }),
    grandpaEquivocationRate: Type.Number({
      minimum: 0, maximum: 1, default: 1,
      description: 'Chance a byzantine voter casts two different votes in a round stage.',
    }),
  }, { default: {}, additionalProperties: false }),
  testOnlyBrokenVariant: Type.Union(BROKEN_VARIANTS.map((v) => Type.Literal(v)), {
    default: 'none',
    description: 'TEST ONLY: a deliberately broken protocol. lowThreshold: GRANDPA threshold ceil(n/3), caught by the '
      + 'conflicting-finality oracle within a few seeds (the proof that the oracles can fail); ignoreFinality: BABE fork '
      + 'choice ignores finalized blocks (GRANDPA\'s own supermajority rules still keep finality safe).',
  }),
}, { default: {}, additionalProperties: false, description: 'BABE block production and GRANDPA finality.' });

export type ConsensusSection = Static<typeof consensusSection>;

export interface ConsensusConfig {
  readonly fidelity: 'message' | 'aggregated';
  readonly c: Rational;
  readonly secondarySlots: boolean;
  readonly epochSlots: number;
  readonly slotMs: number;
  readonly proposalTimeMs: number;
  readonly maxBlockLengthBytes: number;
  readonly mempoolCapacity: number;
  readonly gossipDurationMs: number;
  readonly votingRules: VotingRules;
  readonly rebroadcastMs: number;
  readonly validatorCount: number;
  readonly byzantineCount: number;
  readonly babeEquivocationRate: number;
  readonly grandpaEquivocationRate: number;
  readonly brokenVariant: BrokenVariant;
}

/** Fill defaults of a partial section (for callers that bypass the scenario loader, e.g. tests and check). */
export function withDefaults(s: Partial<ConsensusSection> = {}): ConsensusSection {
  return {
    fidelity: s.fidelity ?? 'aggregated',
    primaryProbability: s.primaryProbability ?? 0.25,
    secondarySlots: s.secondarySlots ?? true,
    epochSlots: s.epochSlots ?? 1200,
    proposalTimeMs: s.proposalTimeMs ?? 2000,
    maxBlockLengthBytes: s.maxBlockLengthBytes ?? 3_932_160,
    mempoolCapacity: s.mempoolCapacity ?? 8192,
    grandpa: {
      gossipDurationMs: s.grandpa?.gossipDurationMs ?? 1000,
      beforeBestBy: s.grandpa?.beforeBestBy ?? 2,
      unfinalizedFraction: s.grandpa?.unfinalizedFraction ?? 0.75,
      rebroadcastMs: s.grandpa?.rebroadcastMs ?? 12_000,
    },
    byzantine: {
      count: s.byzantine?.count ?? 0,
      babeEquivocationRate: s.byzantine?.babeEquivocationRate ?? 1,
      grandpaEquivocationRate: s.byzantine?.grandpaEquivocationRate ?? 1,
    },
    testOnlyBrokenVariant: s.testOnlyBrokenVariant ?? 'none',
  };
}

/**
 * Validate against the rest of the scenario (validator count, slot length) and convert.
 * Throws ConfigError(path, reason, allowed) — the loader maps it to a named error and exit 2.
 */
export function fromScenario(s: ConsensusSection, validatorCount: number, slotMs: number): ConsensusConfig {
  if (!Number.isInteger(validatorCount) || validatorCount < 1) {
    throw new ConfigError('staking.validatorCount', `consensus needs at least one validator, got ${validatorCount}`, 'integer >= 1');
  }
  if (!Number.isInteger(slotMs) || slotMs < 1) throw new ConfigError('chain.blockTimeMs', `must be a positive integer, got ${slotMs}`, 'integer >= 1');
  const b = s.byzantine;
  if (!Number.isInteger(b.count) || b.count < 0 || b.count > validatorCount) {
    throw new ConfigError('consensus.byzantine.count', `${b.count} byzantine validators but the set has ${validatorCount}`, `0..${validatorCount}`);
  }
  for (const [k, v] of [['babeEquivocationRate', b.babeEquivocationRate], ['grandpaEquivocationRate', b.grandpaEquivocationRate]] as const) {
    if (!(v >= 0 && v <= 1)) throw new ConfigError(`consensus.byzantine.${k}`, `must be a fraction, got ${v}`, '[0, 1]');
  }
  if (!(s.primaryProbability > 0 && s.primaryProbability <= 1)) {
    throw new ConfigError('consensus.primaryProbability', `must be in (0, 1], got ${s.primaryProbability}`, '(0, 1]');
  }
  if (!Number.isInteger(s.proposalTimeMs) || s.proposalTimeMs < 0 || s.proposalTimeMs >= slotMs) {
    throw new ConfigError('consensus.proposalTimeMs', `must be in [0, chain.blockTimeMs = ${slotMs}), got ${s.proposalTimeMs}`, `0..${slotMs - 1}`);
  }
  const g = s.grandpa;
  if (!Number.isInteger(g.gossipDurationMs) || g.gossipDurationMs < 1) {
    throw new ConfigError('consensus.grandpa.gossipDurationMs', `must be a positive integer, got ${g.gossipDurationMs}`, 'integer >= 1');
  }
  if (!(g.unfinalizedFraction >= 0 && g.unfinalizedFraction <= 1)) {
    throw new ConfigError('consensus.grandpa.unfinalizedFraction', `must be a fraction, got ${g.unfinalizedFraction}`, '[0, 1]');
  }
  if (!Number.isInteger(g.beforeBestBy) || g.beforeBestBy < 0) {
    throw new ConfigError('consensus.grandpa.beforeBestBy', `must be a non-negative integer, got ${g.beforeBestBy}`, 'integer >= 0');
  }
  const cParts = fromFloat(PERBILL, s.primaryProbability);
  const fracParts = fromFloat(PERBILL, g.unfinalizedFraction);
  return {
    fidelity: s.fidelity,
    c: { num: cParts, den: PERBILL.accuracy },
    secondarySlots: s.secondarySlots,
    epochSlots: s.epochSlots,
    slotMs,
    proposalTimeMs: s.proposalTimeMs,
    maxBlockLengthBytes: s.maxBlockLengthBytes,
    mempoolCapacity: s.mempoolCapacity,
    gossipDurationMs: g.gossipDurationMs,
    votingRules: g.beforeBestBy === DEFAULT_VOTING_RULES.beforeBestBy && fracParts === 750_000_000n
      ? DEFAULT_VOTING_RULES
      : { beforeBestBy: g.beforeBestBy, unfinalizedNum: Number(fracParts), unfinalizedDen: Number(PERBILL.accuracy) },
    rebroadcastMs: g.rebroadcastMs,
    validatorCount,
    byzantineCount: b.count,
    babeEquivocationRate: b.babeEquivocationRate,
    grandpaEquivocationRate: b.grandpaEquivocationRate,
    brokenVariant: s.testOnlyBrokenVariant,
  };
}

/** GRANDPA threshold actually used: the correct n - floor((n-1)/3), or the test-only broken one. */
export function effectiveThreshold(cfg: ConsensusConfig, n: number): number {
  if (cfg.brokenVariant === 'lowThreshold') return Math.max(1, Math.ceil(n / 3));
  return n - Math.floor((n - 1) / 3);
}
