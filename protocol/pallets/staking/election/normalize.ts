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
  const out = input.slice();
  if (diff === 0n) return out;
  const countB = BigInt(count);
  const needsBump = target > sum;
  const perRound = diff / countB;
  let leftover = diff % countB;
  // Positions in ascending value order, stable (Rust `sort_by_key` is stable): insertion sort, inputs are short.
  const ord = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let j = i;
    while (j > 0 && out[ord[j - 1]!]! > out[i]!) { ord[j] = ord[j - 1]!; j--; }
    ord[j] = i;
  }
  let steps = 0;
  if (needsBump) {
    let minIndex = 0;
    const threshold = target / countB;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const i = ord[minIndex]!;
        out[i] = out[i]! + perRound;
        if (out[i]! >= threshold) minIndex = (minIndex + 1) % count;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = ord[minIndex]!;
      out[i] = out[i]! + 1n;
      if (out[i]! >= threshold) minIndex = (minIndex + 1) % count;
      leftover -= 1n;
    }
  } else {
    let maxIndex = count - 1;
    const threshold = out[ord[0]!]!;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const i = ord[maxIndex]!;
        if (out[i]! >= perRound) out[i] = out[i]! - perRound;
        else { leftover += perRound - out[i]!; out[i] = 0n; }
        if (out[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = ord[maxIndex]!;
      if (out[i]! >= 1n) {
        out[i] = out[i]! - 1n;
        if (out[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
        leftover -= 1n;
      } else {
        maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
  }
  let check = 0n;
  for (const v of out) check += v;
  assert(check === target, 'normalize: sum mismatch');
  return out;
}
