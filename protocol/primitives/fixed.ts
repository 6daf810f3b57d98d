// FixedU128: unsigned fixed point with 18 decimals (DIV = 10^18), as sp_arithmetic::FixedU128.
// Used for the fee multiplier. All operations saturate at [0, u128::MAX] like the chain's saturating_* calls.

export type FixedU128 = bigint; // inner value, i.e. x * 10^18
export const FIXED_DIV = 1_000_000_000_000_000_000n;
export const FIXED_ONE: FixedU128 = FIXED_DIV;
export const FIXED_MAX: FixedU128 = (1n << 128n) - 1n;

const sat = (v: bigint): FixedU128 => (v < 0n ? 0n : v > FIXED_MAX ? FIXED_MAX : v);

export function fixedFromRational(p: bigint, q: bigint): FixedU128 {
  if (q === 0n) throw new RangeError('fixedFromRational: zero denominator');
  return sat((p * FIXED_DIV) / q);
}
export function fixedFromInt(n: bigint): FixedU128 { return sat(n * FIXED_DIV); }
/** a * b, truncated (checked_mul rounds down in FixedU128's const_checked_mul with Rounding::Down semantics for unsigned). */
export function fixedMul(a: FixedU128, b: FixedU128): FixedU128 { return sat((a * b) / FIXED_DIV); }
export function fixedDiv(a: FixedU128, b: FixedU128): FixedU128 {
  if (b === 0n) throw new RangeError('fixedDiv: division by zero');
  return sat((a * FIXED_DIV) / b);
}
export function fixedAdd(a: FixedU128, b: FixedU128): FixedU128 { return sat(a + b); }
export function fixedSub(a: FixedU128, b: FixedU128): FixedU128 { return sat(a - b); }
/** saturating_mul_int: truncates toward zero. */
export function fixedMulInt(a: FixedU128, n: bigint): bigint { return (a * n) / FIXED_DIV; }
export function fixedToFloat(a: FixedU128): number { return Number(a) / 1e18; }
