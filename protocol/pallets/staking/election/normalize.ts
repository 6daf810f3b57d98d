// sp_arithmetic::normalize: adjust a vector of non-negative integers so that it sums exactly to `target`,
// moving the difference one element at a time from the smallest (bump) or the largest (trim) element.
// A line-by-line port of substrate/primitives/arithmetic/src/lib.rs `normalize` (the election pipeline calls it
// for every voter's edge weights and PerThing ratios), so the lab's exposures match the chain's to the unit.

import { assert } from '../../../primitives/dispatch.js';

/** Bound on the one-by-one leftover loop; the chain's own bound is the value range (diff % count < count). */
const NORMALIZE_STEPS_MAX = 1_000_000;

export function normalize(input: readonly bigint[], target: bigint): bigint[] {
  let sum = 0n;
  for (const t of input) { assert(t >= 0n, 'normalize: negative input'); sum += t; }
  const count = input.length;
  if (count === 0) return [];
  const diff = target > sum ? target - sum : sum - target;
  if (diff === 0n) return input.slice();
  const countB = BigInt(count);
  const needsBump = target > sum;
  const perRound = diff / countB;
  let leftover = diff % countB;
  // Stable sort by value, remembering the original index (Rust `sort_by_key` is stable too).
  const out = input.map((v, i) => ({ i, v }));
  out.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
  let steps = 0;
  if (needsBump) {
    let minIndex = 0;
    const threshold = target / countB;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        out[minIndex]!.v += perRound;
        if (out[minIndex]!.v >= threshold) minIndex = (minIndex + 1) % count;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      out[minIndex]!.v += 1n;
      if (out[minIndex]!.v >= threshold) minIndex = (minIndex + 1) % count;
      leftover -= 1n;
    }
  } else {
    let maxIndex = count - 1;
    const threshold = out[0]!.v;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const cur = out[maxIndex]!;
        if (cur.v >= perRound) cur.v -= perRound;
        else { leftover += perRound - cur.v; cur.v = 0n; }
        if (cur.v <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const cur = out[maxIndex]!;
      if (cur.v >= 1n) {
        cur.v -= 1n;
        if (cur.v <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
        leftover -= 1n;
      } else {
        maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
  }
  out.sort((a, b) => a.i - b.i);
  const res = out.map((x) => x.v);
  let check = 0n; for (const v of res) check += v;
  assert(check === target, 'normalize: sum mismatch');
  return res;
}
