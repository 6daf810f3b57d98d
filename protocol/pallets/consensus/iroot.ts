// Exact integer n-th root for bigint, used to compute the BABE primary threshold without floats
// (Math.pow is implementation-defined across V8 versions; see SIMULATION.md "JavaScript pitfalls").
import { assert } from '../../primitives/dispatch.js';

const NEWTON_STEPS_MAX = 100_000;

/** floor(x^(1/n)) for x >= 0, n >= 1. Newton iteration from an over-estimate, which decreases monotonically. */
export function iroot(x: bigint, n: number): bigint {
  assert(x >= 0n, 'iroot: negative radicand');
  assert(Number.isInteger(n) && n >= 1, 'iroot: degree must be a positive integer');
  if (x < 2n || n === 1) return x;
  const N = BigInt(n);
  // 2^ceil(bits/n) >= x^(1/n): a safe starting over-estimate.
  const bits = x.toString(2).length;
  let r = 1n << BigInt(Math.ceil(bits / n));
  for (let step = 0; step < NEWTON_STEPS_MAX; step++) {
    const next = ((N - 1n) * r + x / r ** (N - 1n)) / N;
    if (next >= r) break;
    r = next;
  }
  assert(r ** N <= x && (r + 1n) ** N > x, 'iroot: Newton iteration did not converge');
  return r;
}
