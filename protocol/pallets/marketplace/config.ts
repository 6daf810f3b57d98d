// Scenario section `marketplace` and the pallet's internal bigint config. BalanceAI publishes none of these numbers
// (BALANCEAI.md §2 "Unknown, so parameters"): every default is a lab default, named as such, and sweepable.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import type { Planck } from '../../primitives/units.js';
import { TokenAmount, parseAmount, parseInteger, type TokenContext } from '../../chain-config.js';

export const DEFAULT_ACCESS_TIERS = [
  { minStake: '10', callsPerEra: 100 },
  { minStake: '100', callsPerEra: 1_500 },
  { minStake: '1000', callsPerEra: 20_000 },
  { minStake: '10000', callsPerEra: 250_000 },
] as const;

export const accessTierSchema = Type.Object({
  minStake: TokenAmount('10', 'Access stake (BAI) a consumer must hold to reach this tier.'),
  callsPerEra: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 100, description: 'Calls per era at this tier.' }),
}, { additionalProperties: false });

export const marketplaceSection = Type.Object({
  registrationDeposit: TokenAmount('10',
    'Deposit (BAI) held while a model or agent is registered; returned on deregistration. Lab default (BalanceAI publishes none; ' +
    'of the order of a Polkadot identity deposit).'),
  nodeMinBond: TokenAmount('1000',
    'Minimum bond (BAI) an AI node must hold to serve calls ("staking BAI is required to run an AI Node", BALANCEAI.md §1). Lab default.'),
  networkFee: TokenAmount('0.001',
    'Network fee (BAI) per call on top of the provider price, split by fees.split (burn/author/treasury). Lab default: ' +
    'the order of one Polkadot base fee (SUBSTRATE.md §2.1).'),
  maxPrice: TokenAmount('1000', 'Highest per-call price (BAI) a provider may set (a sanity bound). Lab default.'),
  accessTiers: Type.Array(accessTierSchema, {
    minItems: 1, maxItems: 16, default: DEFAULT_ACCESS_TIERS.map((t) => ({ ...t })),
    description: 'Stake-gated access (BALANCEAI.md §1): tiers by staked BAI, in increasing minStake with increasing ' +
      'callsPerEra; the first tier\'s minStake is the access gate. Lab default (unpublished).',
  }),
  maxModelsPerProvider: Type.Integer({ minimum: 1, maximum: 10_000, default: 16,
    description: 'Bound on models/agents one provider account may register (anti-spam bound). Lab default.' }),
  maxBatchItems: Type.Integer({ minimum: 1, maximum: 4096, default: 256,
    description: 'Bound on (model, count) items in one calls_batch extrinsic. Lab default.' }),
  maxCallsPerItem: Type.Integer({ minimum: 1, maximum: 1_000_000_000, default: 1_000_000,
    description: 'Bound on calls aggregated in one batch item. Lab default.' }),
  callLengthBytes: Type.Integer({ minimum: 1, maximum: 5_000_000, default: 200,
    description: 'Encoded length of one signed call_model extrinsic (two CIDs): calls_batch charges each aggregated call ' +
      'beyond the first the inclusion fee of such an extrinsic, so a batch costs what its calls made one by one cost ' +
      '(exactly, when the batch itself is submitted with this length). Lab estimate.' }),
  recordRingSize: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 4096,
    description: 'How many recent call-record hashes stay addressable on chain (older ones live in the accumulator only).' }),
}, { additionalProperties: false, default: {}, description: 'AI marketplace: models/agents, AI nodes, stake-gated paid calls.' });
export type MarketplaceSection = Static<typeof marketplaceSection>;

export interface AccessTier { readonly minStakePlanck: Planck; readonly callsPerEra: number }

export interface MarketplaceConfig {
  readonly registrationDepositPlanck: Planck;
  readonly nodeMinBondPlanck: Planck;
  readonly networkFeePlanck: Planck;
  readonly maxPricePlanck: Planck;
  readonly accessTiers: readonly AccessTier[];
  readonly maxModelsPerProvider: number;
  readonly maxBatchItems: number;
  readonly maxCallsPerItem: number;
  readonly recordRingSize: number;
  readonly callLengthBytes: number;
}

export function marketplaceFromScenario(s: Partial<MarketplaceSection>, token: TokenContext): MarketplaceConfig {
  const d = token.decimals;
  const rawTiers = s.accessTiers ?? DEFAULT_ACCESS_TIERS.map((t) => ({ ...t }));
  if (!Array.isArray(rawTiers) || rawTiers.length < 1 || rawTiers.length > 16) {
    throw new ConfigError('marketplace.accessTiers', 'must list 1 to 16 tiers', '1..16 tiers of {minStake, callsPerEra}');
  }
  const accessTiers = rawTiers.map((t, i) => ({
    minStakePlanck: parseAmount(`marketplace.accessTiers.${i}.minStake`, t.minStake, d, { min: 1n }),
    callsPerEra: parseInteger(`marketplace.accessTiers.${i}.callsPerEra`, t.callsPerEra, 1, 1_000_000_000),
  }));
  assertTiersIncrease(accessTiers);
  const maxPricePlanck = parseAmount('marketplace.maxPrice', s.maxPrice ?? '1000', d);
  return {
    registrationDepositPlanck: parseAmount('marketplace.registrationDeposit', s.registrationDeposit ?? '10', d),
    nodeMinBondPlanck: parseAmount('marketplace.nodeMinBond', s.nodeMinBond ?? '1000', d, { min: 1n }),
    networkFeePlanck: parseAmount('marketplace.networkFee', s.networkFee ?? '0.001', d),
    maxPricePlanck,
    accessTiers,
    maxModelsPerProvider: parseInteger('marketplace.maxModelsPerProvider', s.maxModelsPerProvider ?? 16, 1, 10_000),
    maxBatchItems: parseInteger('marketplace.maxBatchItems', s.maxBatchItems ?? 256, 1, 4096),
    maxCallsPerItem: parseInteger('marketplace.maxCallsPerItem', s.maxCallsPerItem ?? 1_000_000, 1, 1_000_000_000),
    recordRingSize: parseInteger('marketplace.recordRingSize', s.recordRingSize ?? 4096, 1, 1_000_000),
    callLengthBytes: parseInteger('marketplace.callLengthBytes', s.callLengthBytes ?? 200, 1, 5_000_000),
  };
}
export { marketplaceFromScenario as fromScenario };

/** Quotas must increase with stake: minStake strictly increasing and callsPerEra strictly increasing. */
export function assertTiersIncrease(tiers: readonly AccessTier[]): void {
  for (let i = 1; i < tiers.length; i++) {
    const a = tiers[i - 1]!, b = tiers[i]!;
    if (b.minStakePlanck <= a.minStakePlanck) {
      throw new ConfigError(`marketplace.accessTiers.${i}.minStake`, 'tiers must be listed by strictly increasing minStake',
        'minStake[i] > minStake[i-1]');
    }
    if (b.callsPerEra <= a.callsPerEra) {
      throw new ConfigError(`marketplace.accessTiers.${i}.callsPerEra`,
        `quotas must increase with stake: ${b.callsPerEra} calls at the higher tier vs ${a.callsPerEra} below`,
        'callsPerEra[i] > callsPerEra[i-1]');
    }
  }
}

/** Calls per era allowed for an access stake: the highest tier reached, 0 below the gate. */
export function quotaFor(tiers: readonly AccessTier[], stakePlanck: Planck): number {
  let q = 0;
  for (const t of tiers) if (stakePlanck >= t.minStakePlanck) q = t.callsPerEra;
  return q;
}
