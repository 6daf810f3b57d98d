// Fixed-point helpers for the curation rules.
//
// Yuma runs on every (curator, model) pair each epoch (200 × 1,000 in the bench), so its shares are fixed point with
// 24 fractional bits held in float64 integers (Q = 2^24), like Bittensor's I32F32 but narrower so that every product
// of two shares (< 2^48) and every intermediate stays an exact integer below 2^53: +, ×, and the floor divisions
// below are exact integer arithmetic, deterministic on every platform, with no bigint allocation per pair. Ledger
// amounts (stakes, the grant pool) stay bigint planck; only their ratios are shares.

import { assert } from '../../primitives/dispatch.js';

/** One, in shares: 2^24. */
export const Q = 16_777_216;

/** floor(a / b) for non-negative integers a < 2^53, b >= 1: the float quotient corrected to the exact floor. */
export function idiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  if (q * b > a) q--;
  else if ((q + 1) * b <= a) q++;
  return q;
}

/** floor(a · b / Q) for shares a, b (a · b < 2^53, exact; division by 2^24 is exact in binary floating point). */
export function mulQ(a: number, b: number): number { return Math.floor((a * b) / Q); }

/** v_k · Q / Σv (floor), all zeros when Σv = 0. Entries must satisfy v_k · Q < 2^53. */
export function normalizeQ(v: readonly number[]): number[] {
  let s = 0;
  for (const x of v) { assert(x >= 0 && Number.isInteger(x), 'normalize: bad entry'); s += x; }
  if (s === 0) return v.map(() => 0);
  return v.map((x) => idiv(x * Q, s));
}

/** Bigint weights to shares: w_k · Q / Σw (floor), exact for any size. */
export function sharesOf(v: readonly bigint[]): number[] {
  let s = 0n;
  for (const x of v) { assert(x >= 0n, 'shares: negative'); s += x; }
  if (s === 0n) return v.map(() => 0);
  const q = BigInt(Q);
  return v.map((x) => Number((x * q) / s));
}

/** Perbill parts to a share (floor). */
export function shareOfParts(parts: bigint): number { return Number((parts * BigInt(Q)) / 1_000_000_000n); }

/** Integer square root: the largest r with r*r <= n (Newton's method; exact for any size). */
export function isqrt(n: bigint): bigint {
  assert(n >= 0n, 'isqrt: negative input');
  if (n < 2n) return n;
  let x = 1n << (BigInt(n.toString(2).length + 1) >> 1n); // >= sqrt(n)
  for (let i = 0; i < 4096; i++) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
  assert(false, 'isqrt: no convergence'); // unreachable: Newton from above converges in O(log n) steps
}
