// Scenario section `curation`: how curators bond and score models, and which rule turns scores into grant shares.
// Defaults follow Bittensor's subtensor where BalanceAI publishes nothing (BALANCEAI.md §4).

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import { PERBILL, fromFloat, type Parts } from '../../primitives/perthing.js';
import type { Planck } from '../../primitives/units.js';
import { TokenAmount, parseAmount, parseInteger, type TokenContext } from '../../chain-config.js';

export const CURATION_RULES = ['yuma', 'mean', 'quadratic'] as const;
export type CurationRule = (typeof CURATION_RULES)[number];

export const curationSection = Type.Object({
  rule: Type.Union(CURATION_RULES.map((r) => Type.Literal(r)), {
    default: 'yuma',
    description: 'Grant score rule: yuma (stake-weighted median at κ, clipping, bonds EMA; Bittensor), mean (plain ' +
      'stake-weighted mean of scores), quadratic (quadratic funding over consumer payments). BALANCEAI.md §4.',
  }),
  kappa: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.5,
    description: 'κ: stake majority backing the consensus score, in (0, 1). Bittensor Kappa default 32767/65535 ≈ 0.5.' }),
  bondsAlpha: Type.Number({ minimum: 0, maximum: 1, default: 0.1,
    description: 'Bond EMA α (weight of the new epoch). Bittensor BondsMovingAverage 900000/1e6 -> α = 0.1.' }),
  minCuratorBond: TokenAmount('100', 'Minimum bond (BAI) to curate. Lab default (BalanceAI publishes none).'),
  maxCurators: Type.Integer({ minimum: 1, maximum: 100_000, default: 1024,
    description: 'Bound on bonded curators (Bittensor caps validators per subnet; lab bound).' }),
  maxVotingCurators: Type.Integer({ minimum: 1, maximum: 100_000, default: 64,
    description: 'Curators with a voting permit: the top this-many by bond (ties by account id) may set scores and hold bonds; ' +
      'Bittensor max_allowed_validators (validator permits) = 64.' }),
  maxScoresPerCurator: Type.Integer({ minimum: 1, maximum: 65_535, default: 256,
    description: 'Bound on models one curator scores per epoch (Bittensor MaxWeightsLimit-style bound). Lab default.' }),
  scoreMax: Type.Integer({ minimum: 1, maximum: 65_535, default: 65_535,
    description: 'Largest raw score: u16 weights as in Bittensor set_weights.' }),
  activityCutoffEras: Type.Integer({ minimum: 1, maximum: 1000, default: 1,
    description: 'A curator counts in an epoch only if it scored within this many eras (Bittensor activity_cutoff ' +
      '5000 blocks ≈ 0.7 day at 12 s; one era here).' }),
}, { additionalProperties: false, default: {}, description: 'Curators, their scores and the grant score rule.' });
export type CurationSection = Static<typeof curationSection>;

export interface CurationConfig {
  readonly rule: CurationRule;
  readonly kappaParts: Parts;
  readonly bondsAlphaParts: Parts;
  readonly minCuratorBondPlanck: Planck;
  readonly maxCurators: number;
  readonly maxVotingCurators: number;
  readonly maxScoresPerCurator: number;
  readonly scoreMax: number;
  readonly activityCutoffEras: number;
}

export function curationFromScenario(s: Partial<CurationSection>, token: TokenContext): CurationConfig {
  const rule = (s.rule ?? 'yuma') as string;
  if (!(CURATION_RULES as readonly string[]).includes(rule)) {
    throw new ConfigError('curation.rule', `unknown rule ${JSON.stringify(rule)}`, CURATION_RULES.join(' | '));
  }
  const kappa = s.kappa ?? 0.5;
  if (typeof kappa !== 'number' || !(kappa > 0 && kappa < 1)) {
    throw new ConfigError('curation.kappa', `κ must lie strictly between 0 and 1, got ${JSON.stringify(kappa)}`, '0 < kappa < 1');
  }
  const kappaParts = fromFloat(PERBILL, kappa);
  if (kappaParts === 0n || kappaParts === PERBILL.accuracy) {
    throw new ConfigError('curation.kappa', `κ = ${kappa} rounds to ${kappaParts === 0n ? 0 : 1} at Perbill precision`, '1e-9 <= kappa <= 1 - 1e-9');
  }
  const alpha = s.bondsAlpha ?? 0.1;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
    throw new ConfigError('curation.bondsAlpha', `α out of range: ${JSON.stringify(alpha)}`, '0 <= bondsAlpha <= 1');
  }
  return {
    rule: rule as CurationRule,
    kappaParts,
    bondsAlphaParts: fromFloat(PERBILL, alpha),
    minCuratorBondPlanck: parseAmount('curation.minCuratorBond', s.minCuratorBond ?? '100', token.decimals, { min: 1n }),
    maxCurators: parseInteger('curation.maxCurators', s.maxCurators ?? 1024, 1, 100_000),
    maxVotingCurators: parseInteger('curation.maxVotingCurators', s.maxVotingCurators ?? 64, 1, 100_000),
    maxScoresPerCurator: parseInteger('curation.maxScoresPerCurator', s.maxScoresPerCurator ?? 256, 1, 65_535),
    scoreMax: parseInteger('curation.scoreMax', s.scoreMax ?? 65_535, 1, 65_535),
    activityCutoffEras: parseInteger('curation.activityCutoffEras', s.activityCutoffEras ?? 1, 1, 1000),
  };
}
export { curationFromScenario as fromScenario };
