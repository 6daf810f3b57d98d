// The fee formula (SUBSTRATE.md §2.1): pure functions over the payment config.
import { PERBILL, mulRound } from '../../primitives/perthing.js';
import { fixedMulInt, type FixedU128 } from '../../primitives/fixed.js';
import type { Planck } from '../../primitives/units.js';
import type { PaymentConfig } from './config.js';

/** WeightToFeePolynomial of degree 1 (positive coefficient): coeff_integer·w + coeff_frac·w (Perbill, nearest). */
export function weightToFee(c: PaymentConfig, weight: bigint): Planck {
  return c.coeffInteger * weight + mulRound(PERBILL, c.coeffFracParts, weight);
}

export interface FeeBreakdown {
  readonly baseFee: Planck;
  readonly lengthFee: Planck;
  readonly adjustedWeightFee: Planck;
  readonly inclusionFee: Planck; // base + length + adjusted weight fee
  readonly tip: Planck;
  readonly finalFee: Planck;     // inclusion + tip
}

/** compute_fee for a Normal, pays-fee extrinsic of call weight `weight` (base extrinsic weight is charged via baseFee). */
export function computeFee(c: PaymentConfig, multiplier: FixedU128, lengthBytes: number, weight: bigint, tip: Planck): FeeBreakdown {
  const baseFee = weightToFee(c, c.extrinsicBaseWeight);
  const lengthFee = BigInt(lengthBytes) * c.lengthFeePerBytePlanck;
  const capped = weight < c.maxBlockWeight ? weight : c.maxBlockWeight;
  const adjustedWeightFee = fixedMulInt(multiplier, weightToFee(c, capped));
  const inclusionFee = baseFee + lengthFee + adjustedWeightFee;
  return { baseFee, lengthFee, adjustedWeightFee, inclusionFee, tip, finalFee: inclusionFee + tip };
}
