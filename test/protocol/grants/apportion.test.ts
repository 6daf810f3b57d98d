import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion } from '../../../protocol/pallets/grants/apportion.js';

describe('largest-remainder apportionment', () => {
  it('hand case: 10 planck by 1:1:1 gives 4,3,3 (tie on remainder -> lowest index)', () => {
    expect(apportion(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(apportion(7n, [0n, 2n, 5n])).toEqual([0n, 2n, 5n]);
    expect(apportion(5n, [0n, 0n])).toEqual([0n, 0n]);
  });
  it('sums exactly and each part is within one planck of the exact quota', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 27n }),
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 20n }), { minLength: 1, maxLength: 50 }), (amount, weights) => {
        const parts = apportion(amount, weights);
        const total = weights.reduce((a, w) => a + w, 0n);
        const paid = parts.reduce((a, p) => a + p, 0n);
        expect(paid).toBe(total === 0n ? 0n : amount);
        parts.forEach((p, i) => {
          if (total === 0n) return;
          const floor = (amount * weights[i]!) / total;
          expect(p === floor || p === floor + 1n).toBe(true);
          if (weights[i] === 0n) expect(p).toBe(0n);
        });
      }));
  });
});

/** The first implementation: remainders as objects, one bigint sort. */
function apportionRef(amount: bigint, weights: readonly bigint[]): bigint[] {
  let total = 0n;
  for (const w of weights) total += w;
  if (total === 0n || amount === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (amount * w) / total);
  const rems = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let left = amount - parts.reduce((a, p) => a + p, 0n);
  rems.sort((a, b) => (a.r > b.r ? -1 : a.r < b.r ? 1 : a.i - b.i));
  for (let k = 0; left > 0n; k++, left--) parts[rems[k]!.i]! += 1n;
  return parts;
}

describe('apportion == the straightforward version', () => {
  it('on small (number-compared) and huge (bigint-compared) totals, with many remainder ties', () => {
    const small = fc.array(fc.bigInt({ min: 0n, max: 40n }), { minLength: 1, maxLength: 60 });
    const huge = fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: 0n, max: 10n ** 30n })), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 27n }), fc.oneof(small, huge), (amount, weights) => {
      expect(apportion(amount, weights)).toEqual(apportionRef(amount, weights));
    }), { numRuns: 500 });
  });
});
