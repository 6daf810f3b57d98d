// Fixed-point helpers for the curation rules: every share is a bigint in units of ONE = 10^18 (FixedU128's DIV),
// every division floors. Bittensor's epoch uses I32F32; we use the chain's FixedU128 scale so that results are exact,
// deterministic bigint arithmetic (no float in consensus math, see SIMULATION.md "JavaScript pitfalls").

import { FIXED_DIV } from '../../primitives/fixed.js';
import { assert } from '../../primitives/dispatch.js';

export const ONE = FIXED_DIV;

/** Σ v in index order. */
export function sum(v: readonly bigint[]): bigint {
  let s = 0n;
  for (const x of v) s += x;
  return s;
}

/** v_k * ONE / Σv (floor); all zeros when Σv = 0 (nothing to normalise, as Bittensor's inplace_normalize). */
export function normalize(v: readonly bigint[]): bigint[] {
  const s = sum(v);
  if (s === 0n) return v.map(() => 0n);
  return v.map((x) => {
    assert(x >= 0n, 'normalize: negative entry');
    return (x * ONE) / s;
  });
}

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
