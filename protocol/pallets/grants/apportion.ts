// Split an integer amount of planck by integer weights with the largest-remainder (Hamilton) method, so that the
// parts sum to the amount exactly: every planck of the grant pool is accounted for. Ties in the remainder go to the
// lower index (callers pass recipients in canonical sorted order), never to Map insertion order.

import { assert } from '../../primitives/dispatch.js';

/** Parts of `amount` proportional to `weights`; Σ parts == amount when Σ weights > 0, else all zero. */
export function apportion(amount: bigint, weights: readonly bigint[]): bigint[] {
  assert(amount >= 0n, 'apportion: negative amount');
  let total = 0n;
  for (const w of weights) { assert(w >= 0n, 'apportion: negative weight'); total += w; }
  if (total === 0n || amount === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (amount * w) / total);
  const rems = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let given = 0n;
  for (const p of parts) given += p;
  let left = amount - given;
  assert(left >= 0n && left < BigInt(weights.length) + 1n, 'apportion: remainder out of bounds');
  rems.sort((a, b) => (a.r > b.r ? -1 : a.r < b.r ? 1 : a.i - b.i));
  for (let k = 0; left > 0n; k++, left--) parts[rems[k]!.i]! += 1n;
  return parts;
}
