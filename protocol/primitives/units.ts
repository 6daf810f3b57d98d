// Units of the chain. Names carry the unit last (TIGER_STYLE): `amountPlanck`, `blockTimeMs`.
// Balances are u128 planck held in bigint; time in the simulator is integer milliseconds.

/** An amount of the native token in its smallest unit (u128 on chain). */
export type Planck = bigint;
/** A block height. */
export type BlockNumber = number;
/** Virtual time in integer milliseconds since genesis. */
export type Ms = number;
/** An era index. */
export type EraIndex = number;
/** An account id: a stable string (e.g. "validator/12", "treasury"); encoded as blake2-256 of its UTF-8 bytes for SCALE. */
export type AccountId = string;

export const U128_MAX: Planck = (1n << 128n) - 1n;
export const U64_MAX = (1n << 64n) - 1n;

/** 10^decimals as bigint. */
export function unitPlanck(decimals: number): Planck {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) throw new RangeError(`decimals out of range: ${decimals}`);
  return 10n ** BigInt(decimals);
}

/**
 * Parse a decimal token amount ("1", "0.25", "1e3" is rejected) into planck exactly.
 * Throws RangeError naming the problem; callers add the field path.
 */
export function parseTokenAmount(text: string | number, decimals: number): Planck {
  const s = typeof text === 'number' ? numberToPlainString(text) : text.trim().replace(/_/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new RangeError(`not a decimal token amount: ${JSON.stringify(text)}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > decimals) throw new RangeError(`more than ${decimals} decimals: ${JSON.stringify(text)}`);
  const v = BigInt(whole!) * unitPlanck(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  return sign === '-' ? -v : v;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite amount: ${n}`);
  // toFixed avoids exponent notation for the magnitudes a scenario uses; 20 digits is Number's exact limit.
  const s = Math.abs(n) < 1e21 ? n.toFixed(20).replace(/\.?0+$/, '') : String(n);
  return s;
}

/** Format planck as a decimal token string without losing precision. */
export function formatPlanck(v: Planck, decimals: number): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const u = unitPlanck(decimals);
  const whole = a / u;
  const frac = (a % u).toString().padStart(decimals, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
}
