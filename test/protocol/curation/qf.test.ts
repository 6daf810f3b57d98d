import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isqrt } from '../../../protocol/pallets/curation/fixed-math.js';
import { QF_SQRT_SCALE, qfMatchWeight, qfMatchWeights } from '../../../protocol/pallets/curation/qf.js';
import { apportion } from '../../../protocol/pallets/grants/apportion.js';

const Q2 = QF_SQRT_SCALE * QF_SQRT_SCALE;

describe('quadratic funding', () => {
  it('matches (Σ√c)² − Σc on hand-computed cases', () => {
    expect(qfMatchWeight([1n, 4n])).toBe(4n * Q2);        // (1 + 2)² − 5 = 4
    expect(qfMatchWeight([9n])).toBe(0n);                  // a single backer gets no match: 3² − 9 = 0
    expect(qfMatchWeight([1n, 1n, 1n, 1n])).toBe(12n * Q2); // 4² − 4 = 12
    expect(qfMatchWeight([100n, 100n])).toBe(200n * Q2);  // (10 + 10)² − 200 = 200
    expect(qfMatchWeight([])).toBe(0n);
  });
  it('splits a pool of 1000 planck by those matches: many small backers beat one whale', () => {
    // p0: four backers of 1 -> 12 ; p1: two of 100 -> 200 ; p2: one of 10_000 -> 0
    const w = qfMatchWeights([[1n, 1n, 1n, 1n], [100n, 100n], [10_000n]]);
    // 1000 * 12/212 = 56.60 ; 1000 * 200/212 = 943.39 -> floors 56 + 943 = 999, the remainder to the larger fraction (.60)
    expect(apportion(1000n, w)).toEqual([57n, 943n, 0n]);
  });
  it('√2 case agrees with the real-valued formula within the floor bound 2(Σ√c)·n/Q ≈ 5e-9', () => {
    // (1 + √2)² − 3 = 2√2 = 2.8284271247...
    const m = qfMatchWeight([1n, 2n]);
    expect(m).toBe(((1n * QF_SQRT_SCALE + isqrt(2n * Q2)) ** 2n) - 3n * Q2);
    expect(Number(m) / Number(Q2)).toBeCloseTo(2 * Math.SQRT2, 8);
  });
  it('isqrt is the floor square root', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1n << 200n }), (n) => {
      const r = isqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
    }));
  });
  it('is never negative and zero for any single contributor', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), (c) => { expect(qfMatchWeight([c])).toBe(0n); }));
  });
});
