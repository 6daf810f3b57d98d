// Scenario section `fees` (pallet_transaction_payment) and the internal bigint config.
//
// Fee constants are Polkadot's construction (SUBSTRATE.md §2.1) rescaled to an 18-decimal BAI with
// "1 BAI plays the role of 1 DOT": CENTS = 0.01 BAI = 10^16 planck, MILLICENTS = CENTS/1000.
//   weight fee: polynomial of degree 1, coefficient p/q with p = CENTS, q = 10·ExtrinsicBaseWeight
//               => a base-weight extrinsic pays CENTS/10 = 0.001 BAI of weight fee, and base_fee = 0.001 BAI;
//   length fee: TransactionByteFee = 10·MILLICENTS = 0.0001 BAI per byte.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import type { ChainConfig } from '../../chain-config.js';
import { TokenAmount, Fraction, parseAmount, parseSplit, parseInteger, parseFixedU128, parsePerquintill } from '../../chain-config.js';
import { PERBILL, fromRational, type Parts } from '../../primitives/perthing.js';
import { FIXED_MAX, type FixedU128 } from '../../primitives/fixed.js';
import type { Planck } from '../../primitives/units.js';

export const feesSection = Type.Object({
  extrinsicBaseWeight: Type.Integer({ minimum: 0, default: 126_045_000,
    description: 'ExtrinsicBaseWeight ref_time added to every extrinsic (Polkadot relay 126,045 ns, SUBSTRATE.md §2.1).' }),
  weightFeeNumerator: TokenAmount('0.01', 'p of the weight→fee coefficient p/q in BAI: Polkadot p = CENTS, scaled CENTS = 0.01 BAI.'),
  weightFeeDenominator: Type.Integer({ minimum: 1, default: 1_260_450_000,
    description: 'q of the weight→fee coefficient p/q (ref_time units): Polkadot q = 10·ExtrinsicBaseWeight.' }),
  lengthFeePerByte: TokenAmount('0.0001', 'Length fee per encoded byte in BAI: Polkadot TransactionByteFee = 10·MILLICENTS, scaled.'),
  maxBlockWeight: Type.Integer({ minimum: 1, default: 2_000_000_000_000,
    description: 'MAXIMUM_BLOCK_WEIGHT ref_time: 2 s (Polkadot runtime common).' }),
  normalDispatchRatio: Fraction(0.75, 'NORMAL_DISPATCH_RATIO: share of the block for Normal extrinsics (Polkadot 75%).'),
  maxBlockLengthBytes: Type.Integer({ minimum: 1, default: 5 * 1024 * 1024, description: 'Max block length: 5 MiB (Polkadot); Normal gets normalDispatchRatio of it.' }),
  multiplier: Type.Object({
    targetBlockFullness: Fraction(0.25, 'TargetBlockFullness S, share of Normal capacity (Polkadot 25%; BALANCEAI.md §2 says BalanceAI uses SlowAdjustingFeeUpdate).'),
    adjustmentVariable: Type.Number({ minimum: 0, maximum: 1, default: 0.000075, description: 'AdjustmentVariable v (Polkadot 0.000075).' }),
    minimum: Type.Number({ minimum: 0, default: 0.1, description: 'MinimumMultiplier M (Polkadot 1/10).' }),
    maximum: Type.Union([Type.Number({ minimum: 0 }), Type.Literal('max')], { default: 'max', description: 'MaximumMultiplier X; "max" = FixedU128::max_value() (Polkadot).' }),
    initial: Type.Number({ minimum: 0, default: 1, description: 'Genesis NextFeeMultiplier (Substrate default 1).' }),
  }, { additionalProperties: false, default: {} }),
  split: Type.Object({
    burn: Fraction(0.5, 'Share of the inclusion fee burned. BalanceAI: "part burned, part to validators", ratio unpublished (BALANCEAI.md §1): the lab assumes 50/50. Polkadot relay: 0 burn, 80% treasury / 20% author (SUBSTRATE.md §2.4).'),
    author: Fraction(0.5, 'Share of the inclusion fee to the block author (lab assumption 50%, see burn; Polkadot 20%). Receives the rounding remainder.'),
    treasury: Fraction(0, 'Share of the inclusion fee to the treasury (lab assumption 0; Polkadot 80%).'),
  }, { additionalProperties: false, default: {} }),
}, { additionalProperties: false, default: {} });
export type FeesSection = Static<typeof feesSection>;

export interface PaymentConfig {
  readonly extrinsicBaseWeight: bigint;
  /** WeightToFee polynomial (degree 1): fee(w) = coeffInteger·w + coeffFrac(Perbill)·w. */
  readonly coeffInteger: bigint;
  readonly coeffFracParts: Parts;
  readonly lengthFeePerBytePlanck: Planck;
  readonly maxBlockWeight: bigint;
  readonly normalMaxWeight: bigint;       // NORMAL_DISPATCH_RATIO · max block weight
  readonly normalMaxLengthBytes: number;
  readonly targetFullnessPerquintill: bigint;
  readonly adjustmentVariable: FixedU128;
  readonly minMultiplier: FixedU128;
  readonly maxMultiplier: FixedU128;
  readonly initialMultiplier: FixedU128;
  readonly split: { readonly burn: Parts; readonly author: Parts; readonly treasury: Parts };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function feesFromScenario(s: DeepPartial<FeesSection>, chain: ChainConfig): PaymentConfig {
  const d = chain.tokenDecimals;
  const ebw = BigInt(parseInteger('fees.extrinsicBaseWeight', s.extrinsicBaseWeight ?? 126_045_000, 0));
  const p = parseAmount('fees.weightFeeNumerator', s.weightFeeNumerator ?? '0.01', d);
  const q = BigInt(parseInteger('fees.weightFeeDenominator', s.weightFeeDenominator ?? 1_260_450_000, 1));
  const maxBlockWeight = BigInt(parseInteger('fees.maxBlockWeight', s.maxBlockWeight ?? 2_000_000_000_000, 1));
  const ratio = parsePerquintill('fees.normalDispatchRatio', s.normalDispatchRatio ?? 0.75);
  const maxLen = parseInteger('fees.maxBlockLengthBytes', s.maxBlockLengthBytes ?? 5 * 1024 * 1024, 1);
  const m = s.multiplier ?? {};
  const minMultiplier = parseFixedU128('fees.multiplier.minimum', m.minimum ?? 0.1);
  const maxMultiplier = (m.maximum ?? 'max') === 'max' ? FIXED_MAX : parseFixedU128('fees.multiplier.maximum', m.maximum);
  if (maxMultiplier < minMultiplier) throw new ConfigError('fees.multiplier.maximum', 'below fees.multiplier.minimum', '>= minimum');
  const split = s.split ?? {};
  return {
    extrinsicBaseWeight: ebw,
    coeffInteger: p / q,
    coeffFracParts: fromRational(PERBILL, p % q, q),
    lengthFeePerBytePlanck: parseAmount('fees.lengthFeePerByte', s.lengthFeePerByte ?? '0.0001', d),
    maxBlockWeight,
    normalMaxWeight: (maxBlockWeight * ratio) / 10n ** 18n,
    normalMaxLengthBytes: Number((BigInt(maxLen) * ratio) / 10n ** 18n),
    targetFullnessPerquintill: parsePerquintill('fees.multiplier.targetBlockFullness', m.targetBlockFullness ?? 0.25),
    adjustmentVariable: parseFixedU128('fees.multiplier.adjustmentVariable', m.adjustmentVariable ?? 0.000075),
    minMultiplier,
    maxMultiplier,
    initialMultiplier: parseFixedU128('fees.multiplier.initial', m.initial ?? 1),
    split: parseSplit('fees.split', { burn: split.burn ?? 0.5, author: split.author ?? 0.5, treasury: split.treasury ?? 0 },
      ['burn', 'author', 'treasury'] as const),
  };
}
export { feesFromScenario as fromScenario };
