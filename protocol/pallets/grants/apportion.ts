// Split an integer amount of planck by integer weights with the largest-remainder (Hamilton) method, so that the
// parts sum to the amount exactly: every planck of the grant pool is accounted for. Ties in the remainder go to the
// lower index (callers pass recipients in canonical sorted order), never to Map insertion order.

import { assert } from '../../primitives/dispatch.js';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Parts of `amount` proportional to `weights`; Σ parts == amount when Σ weights > 0, else all zero. */
export function apportion(amount: bigint, weights: readonly bigint[]): bigint[] {
  assert(amount >= 0n, 'apportion: negative amount');
  let total = 0n;
  for (const w of weights) { assert(w >= 0n, 'apportion: negative weight'); total += w; }
  if (total === 0n || amount === 0n) return weights.map(() => 0n);
  const n = weights.length;
  const parts: bigint[] = new Array<bigint>(n);
  const rems: bigint[] = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const x = amount * weights[i]!;
    const p = x / total;
    parts[i] = p;
    rems[i] = x - p * total; // (amount · w) mod total
    given += p;
  }
  let left = amount - given;
  assert(left >= 0n && left < BigInt(n) + 1n, 'apportion: remainder out of bounds');
  if (left === 0n) return parts;
  // Indices by remainder descending, ties to the lower index. Remainders are below total: when total fits a float64
  // exactly (grant weights are 2^24-scaled shares) they are compared as numbers, else as bigints.
  const order = Array.from({ length: n }, (_, i) => i);
  if (total <= SAFE) {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) r[i] = Number(rems[i]!);
    order.sort((a, b) => r[b]! - r[a]! || a - b);
  } else {
    order.sort((a, b) => (rems[a]! > rems[b]! ? -1 : rems[a]! < rems[b]! ? 1 : a - b));
  }
  for (let k = 0; left > 0n; k++, left--) parts[order[k]!]! += 1n;
  return parts;
}
