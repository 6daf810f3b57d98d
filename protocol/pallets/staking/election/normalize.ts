// sp_arithmetic::normalize: adjust a vector of non-negative integers so that it sums exactly to `target`,
// moving the difference one element at a time from the smallest (bump) or the largest (trim) element.
// A line-by-line port of substrate/primitives/arithmetic/src/lib.rs `normalize` (the election pipeline calls it
// for every voter's edge weights and PerThing ratios), so the lab's exposures match the chain's to the unit.

import { assert } from '../../../primitives/dispatch.js';

/** Bound on the one-by-one leftover loop; the chain's own bound is the value range (diff % count < count). */
const NORMALIZE_STEPS_MAX = 1_000_000;

/** Scratch for the ascending-order permutation (grown on demand; inputs are one voter's edges, usually <= 16). */
let ordScratch = new Int32Array(64);

export function normalize(input: readonly bigint[], target: bigint): bigint[] {
  const out = input.slice();
  normalizeInPlace(out, 0, out.length, target);
  return out;
}

/** normalize on buf[start .. start + count) in place (the election pipeline's allocation-free form). */
export function normalizeInPlace(buf: bigint[], start: number, count: number, target: bigint): void {
  let sum = 0n;
  for (let k = 0; k < count; k++) { const t = buf[start + k]!; assert(t >= 0n, 'normalize: negative input'); sum += t; }
  if (count === 0) return;
  const diff = target > sum ? target - sum : sum - target;
  if (diff === 0n) return;
  const countB = BigInt(count);
  const needsBump = target > sum;
  const perRound = diff / countB;
  let leftover = diff % countB;
  // Positions in ascending value order, stable (Rust `sort_by_key` is stable): insertion sort, inputs are short.
  if (ordScratch.length < count) ordScratch = new Int32Array(Math.max(count, 2 * ordScratch.length));
  const ord = ordScratch;
  for (let i = 0; i < count; i++) {
    let j = i;
    const vi = buf[start + i]!;
    while (j > 0 && buf[start + ord[j - 1]!]! > vi) { ord[j] = ord[j - 1]!; j--; }
    ord[j] = i;
  }
  let steps = 0;
  if (needsBump) {
    let minIndex = 0;
    const threshold = target / countB;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const i = start + ord[minIndex]!;
        buf[i] = buf[i]! + perRound;
        if (buf[i]! >= threshold) minIndex = (minIndex + 1) % count;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = start + ord[minIndex]!;
      buf[i] = buf[i]! + 1n;
      if (buf[i]! >= threshold) minIndex = (minIndex + 1) % count;
      leftover -= 1n;
    }
  } else {
    let maxIndex = count - 1;
    const threshold = buf[start + ord[0]!]!;
    if (perRound !== 0n) {
      for (let k = 0; k < count; k++) {
        const i = start + ord[maxIndex]!;
        if (buf[i]! >= perRound) buf[i] = buf[i]! - perRound;
        else { leftover += perRound - buf[i]!; buf[i] = 0n; }
        if (buf[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
    while (leftover !== 0n) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = start + ord[maxIndex]!;
      if (buf[i]! >= 1n) {
        buf[i] = buf[i]! - 1n;
        if (buf[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
        leftover -= 1n;
      } else {
        maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
  }
  let check = 0n;
  for (let k = 0; k < count; k++) check += buf[start + k]!;
  assert(check === target, 'normalize: sum mismatch');
}

/**
 * normalize on float64 integers, buf[start .. start + count) in place: the same steps as normalizeInPlace, exact while
 * the target and the inputs' sum stay below 2^53 (asserted; every intermediate value is then an integer below it).
 */
export function normalizeNumInPlace(buf: Float64Array, start: number, count: number, target: number): void {
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const t = buf[start + k]!;
    assert(t >= 0, 'normalize: negative input');
    assert(Number.isInteger(t), 'normalize: fractional input');
    sum += t;
  }
  if (count === 0) return;
  assert(sum <= Number.MAX_SAFE_INTEGER && target <= Number.MAX_SAFE_INTEGER && Number.isInteger(target) && target >= 0,
    'normalize: float64 input beyond 2^53');
  const diff = target > sum ? target - sum : sum - target;
  if (diff === 0) return;
  const needsBump = target > sum;
  const perRound = floorDiv(diff, count);
  let leftover = diff - perRound * count;
  if (ordScratch.length < count) ordScratch = new Int32Array(Math.max(count, 2 * ordScratch.length));
  const ord = ordScratch;
  for (let i = 0; i < count; i++) {
    let j = i;
    const vi = buf[start + i]!;
    while (j > 0 && buf[start + ord[j - 1]!]! > vi) { ord[j] = ord[j - 1]!; j--; }
    ord[j] = i;
  }
  let steps = 0;
  if (needsBump) {
    let minIndex = 0;
    const threshold = floorDiv(target, count);
    if (perRound !== 0) {
      for (let k = 0; k < count; k++) {
        const i = start + ord[minIndex]!;
        buf[i] = buf[i]! + perRound;
        if (buf[i]! >= threshold) minIndex = (minIndex + 1) % count;
      }
    }
    while (leftover !== 0) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = start + ord[minIndex]!;
      buf[i] = buf[i]! + 1;
      if (buf[i]! >= threshold) minIndex = (minIndex + 1) % count;
      leftover -= 1;
    }
  } else {
    let maxIndex = count - 1;
    const threshold = buf[start + ord[0]!]!;
    if (perRound !== 0) {
      for (let k = 0; k < count; k++) {
        const i = start + ord[maxIndex]!;
        if (buf[i]! >= perRound) buf[i] = buf[i]! - perRound;
        else { leftover += perRound - buf[i]!; buf[i] = 0; }
        if (buf[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
    while (leftover !== 0) {
      assert(++steps <= NORMALIZE_STEPS_MAX, 'normalize: leftover loop bound');
      const i = start + ord[maxIndex]!;
      if (buf[i]! >= 1) {
        buf[i] = buf[i]! - 1;
        if (buf[i]! <= threshold) maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
        leftover -= 1;
      } else {
        maxIndex = maxIndex === 0 ? count - 1 : maxIndex - 1;
      }
    }
  }
  let check = 0;
  for (let k = 0; k < count; k++) check += buf[start + k]!;
  assert(check === target, 'normalize: sum mismatch');
}

/** floor(x / d) for integers 0 <= x < 2^53, d >= 1: the float quotient's floor corrected by one step (float `%` is slow). */
function floorDiv(x: number, d: number): number {
  const q = Math.floor(x / d), r = x - q * d;
  return r < 0 ? q - 1 : r >= d ? q + 1 : q;
}
