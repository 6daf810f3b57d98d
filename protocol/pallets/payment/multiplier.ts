// TargetedFeeAdjustment::convert (SUBSTRATE.md §2.2), in FixedU128 exactly as sp_runtime/frame's
// `TargetedFeeAdjustment` does it: only ref_time is modelled (the relay chain's proof size is unlimited,
// so ref_time is always the limiting dimension).
import { FIXED_DIV, fixedFromRational, fixedMul, fixedAdd, fixedSub, type FixedU128 } from '../../primitives/fixed.js';
import { PERQUINTILL, mulRound } from '../../primitives/perthing.js';

export interface MultiplierParams {
  readonly normalMaxWeight: bigint;
  readonly targetFullnessPerquintill: bigint;
  readonly adjustmentVariable: FixedU128;
  readonly minMultiplier: FixedU128;
  readonly maxMultiplier: FixedU128;
}

/** next = prev ± (v·diff ± v²/2·diff²)·prev, clamped to [M, X]; `normalWeight` is the block's Normal weight. */
export function nextFeeMultiplier(previous: FixedU128, normalWeight: bigint, p: MultiplierParams): FixedU128 {
  const prev = previous > p.minMultiplier ? previous : p.minMultiplier;
  const maxDim = p.normalMaxWeight;
  const used = normalWeight < maxDim ? normalWeight : maxDim;
  const target = targetWeight(p); // Perquintill * u64 rounds to nearest
  // Fast path, exact: at the floor with a block at or under target the result is clamped back to the floor.
  if (prev === p.minMultiplier && used <= target) return p.minMultiplier;
  const positive = used >= target;
  const term = adjustmentTerm(p, used, target, positive);
  const next = positive ? fixedAdd(prev, fixedMul(term, prev)) : fixedSub(prev, fixedMul(term, prev));
  return next < p.minMultiplier ? p.minMultiplier : next > p.maxMultiplier ? p.maxMultiplier : next;
}

/** v·diff ± v²/2·diff² for this block's usage: independent of the previous multiplier, so memoised for the last
 * usage seen (empty blocks, the common case, all share one). */
function adjustmentTerm(p: MultiplierParams, used: bigint, target: bigint, positive: boolean): FixedU128 {
  if (p === termParams && used === termUsed && target === termTarget && p.adjustmentVariable === termV
      && p.normalMaxWeight === termMax) return termValue;
  const maxDim = p.normalMaxWeight;
  const diffAbs = positive ? used - target : target - used;
  const diff = fixedFromRational(diffAbs, maxDim > 0n ? maxDim : 1n);
  const diffSquared = fixedMul(diff, diff);
  const vSquared2 = fixedMul(p.adjustmentVariable, p.adjustmentVariable) / 2n; // FixedU128 / saturating_from_integer(2)
  const firstTerm = fixedMul(p.adjustmentVariable, diff);
  const secondTerm = fixedMul(vSquared2, diffSquared);
  termValue = positive ? fixedAdd(firstTerm, secondTerm) : fixedSub(firstTerm, secondTerm);
  termParams = p; termUsed = used; termTarget = target; termV = p.adjustmentVariable; termMax = maxDim;
  return termValue;
}
let termParams: MultiplierParams | null = null;
let termUsed = -1n, termTarget = -1n, termValue = 0n, termV = -1n, termMax = -1n;

export const MULTIPLIER_ONE = FIXED_DIV;

// The target weight depends only on the parameters: computed once per parameter object (it ran every block).
let targetParams: MultiplierParams | null = null;
let targetValue = 0n;
function targetWeight(p: MultiplierParams): bigint {
  if (p !== targetParams || p.normalMaxWeight !== targetMaxWeight || p.targetFullnessPerquintill !== targetFullness) {
    targetValue = mulRound(PERQUINTILL, p.targetFullnessPerquintill, p.normalMaxWeight);
    targetParams = p; targetMaxWeight = p.normalMaxWeight; targetFullness = p.targetFullnessPerquintill;
  }
  return targetValue;
}
let targetMaxWeight = -1n, targetFullness = -1n;
