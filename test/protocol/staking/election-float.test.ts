// The float64 arithmetic of the staking supports pipeline against the bigint formulas it replaces (the independent
// expectation: perthing.ts fromRational / mulRound and the sp_arithmetic normalize port), on random integers across
// the whole range the pipeline admits (stakes below 2^52), with the edge cases that break naive float code: quotients
// a hair below an integer, remainders at exactly half, stakes just below a multiple of 10^9, zeros.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERBILL, fromRational, mulRound } from '../../../protocol/primitives/perthing.js';
import { normalize, normalizeNumInPlace } from '../../../protocol/pallets/staking/election/normalize.js';
import { fromRationalNum, mulRoundNumOf } from '../../../protocol/pallets/staking/election/supports.js';

const STAKE_MAX = 2n ** 52n - 1n;
const stakeArb = fc.oneof(
  fc.bigInt({ min: 0n, max: STAKE_MAX }),
  fc.bigInt({ min: 0n, max: 10n ** 6n }),
  fc.bigInt({ min: 1n, max: 4_503_599n }).map((k) => k * 10n ** 9n - 1n), // just below a multiple of 10^9
  fc.constantFrom(0n, 1n, STAKE_MAX, 10n ** 9n, 2n ** 32n),
);

describe('float64 election arithmetic', () => {
  it('fromRationalNum equals Perbill::from_rational', () => {
    fc.assert(fc.property(stakeArb, stakeArb, (a, b) => {
      const [w, total] = a <= b ? [a, b] : [b, a];
      expect(fromRationalNum(Number(w), Number(total))).toBe(Number(fromRational(PERBILL, w, total)));
    }), { numRuns: 20000 });
  });

  it('fromRationalNum near integer quotients (the float-floor fallback)', () => {
    // w / total = q / 10^9 exactly, or one unit either side of it: the float quotient lands on or next to an integer.
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 4_503_599n }), fc.bigInt({ min: 0n, max: 10n ** 9n - 1n }), fc.integer({ min: -1, max: 1 }),
      (k, q, d) => {
        const total = k * 10n ** 9n;
        const w = q * k + BigInt(d);
        if (w < 0n) return;
        expect(fromRationalNum(Number(w), Number(total))).toBe(Number(fromRational(PERBILL, w, total)));
      }), { numRuns: 20000 });
  });

  it('mulRoundNum equals Perbill mul (nearest, ties down)', () => {
    const partsArb = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom(0n, 1n, 5n * 10n ** 8n, 10n ** 9n, 10n ** 9n - 1n));
    fc.assert(fc.property(partsArb, stakeArb, (p, b) => {
      expect(mulRoundNumOf(Number(p), Number(b))).toBe(Number(mulRound(PERBILL, p, b)));
    }), { numRuns: 20000 });
    // Remainder exactly half: 5·10^8 × odd stake -> r = 5·10^8 (rounds down); one more part rounds up.
    expect(mulRoundNumOf(5e8, 3)).toBe(Number(mulRound(PERBILL, 5n * 10n ** 8n, 3n)));
    expect(mulRoundNumOf(5e8 + 1, 3)).toBe(Number(mulRound(PERBILL, 5n * 10n ** 8n + 1n, 3n)));
  });

  it('normalizeNumInPlace equals normalize (bump and trim, zeros, ties)', () => {
    // Targets near the inputs' sum (as the pipeline has them: a few units of rounding either way, or a large bump),
    // or small values against any small target (deep trims); far trims would spin the one-by-one loop to its bound.
    const caseArb = fc.oneof(
      fc.record({ xs: fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 3n }), fc.bigInt({ min: 0n, max: 2n ** 47n })), { maxLength: 16 }),
        delta: fc.oneof(fc.bigInt({ min: -40n, max: 40n }), fc.bigInt({ min: 0n, max: 2n ** 48n })) })
        .map(({ xs, delta }) => { const sum = xs.reduce((a, x) => a + x, 0n); return { xs, target: sum + delta < 0n ? 0n : sum + delta }; }),
      fc.record({ xs: fc.array(fc.bigInt({ min: 0n, max: 5n }), { maxLength: 16 }), target: fc.bigInt({ min: 0n, max: 40n }) }),
    );
    fc.assert(fc.property(caseArb, fc.integer({ min: 0, max: 3 }), ({ xs, target }, offset) => {
      const buf = new Float64Array(offset + xs.length + 2).fill(7);
      xs.forEach((x, i) => { buf[offset + i] = Number(x); });
      const expected = normalize(xs, target);
      normalizeNumInPlace(buf, offset, xs.length, Number(target));
      expect(Array.from(buf.subarray(offset, offset + xs.length), BigInt)).toEqual(expected);
      expect(buf[offset - 1] ?? 7).toBe(7); // neighbours untouched
      expect(buf[offset + xs.length]).toBe(7);
    }), { numRuns: 5000 });
  });

  it('normalizeNumInPlace refuses values beyond 2^53', () => {
    expect(() => normalizeNumInPlace(Float64Array.of(2 ** 53, 1), 0, 2, 5)).toThrow(/2\^53/);
  });
});
