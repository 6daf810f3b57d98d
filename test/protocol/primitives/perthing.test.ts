// PerThing rounding (per_things.rs): `x * n` rounds to nearest with ties toward zero. mulRound uses one floor division
// with floor((A − 1)/2) added; checked here against the definition (quotient, remainder, 2r > A) and by hand.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PERBILL, PERCENT, PERMILL, PERQUINTILL, fromRational, mulRound } from '../../../protocol/primitives/perthing.js';

/** The definition for num >= 0 (the chain's balances are unsigned): q = num / A, r = num % A, one more when 2r > A.
 * The lab's earlier code applied the same expression to negative products too; that behaviour is kept. */
function nearestPrefDown(accuracy: bigint, parts: bigint, n: bigint): bigint {
  const num = parts * n;
  const q = num / accuracy, r = num % accuracy;
  return r * 2n > accuracy ? q + 1n : q;
}

describe('mulRound', () => {
  it('equals the quotient-and-remainder definition for every kind, exact halves included', () => {
    for (const kind of [PERCENT, PERMILL, PERBILL, PERQUINTILL]) {
      fc.assert(fc.property(fc.bigInt({ min: 0n, max: kind.accuracy }), fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 128n })),
        (parts, n) => { expect(mulRound(kind, parts, n)).toBe(nearestPrefDown(kind.accuracy, parts, n)); }), { numRuns: 500 });
    }
  });

  it('hand-computed: ties go down, just above a half goes up', () => {
    expect(mulRound(PERBILL, 500_000_000n, 3n)).toBe(1n);          // 1.5 -> 1
    expect(mulRound(PERBILL, 500_000_001n, 3n)).toBe(2n);          // 1.500000003 -> 2
    expect(mulRound(PERBILL, 500_000_000n, 5n)).toBe(2n);          // 2.5 -> 2
    expect(mulRound(PERCENT, 1n, 50n)).toBe(0n);                   // 0.5 -> 0
    expect(mulRound(PERCENT, 1n, 51n)).toBe(1n);                   // 0.51 -> 1
    expect(mulRound(PERBILL, PERBILL.accuracy, 12345n)).toBe(12345n);
    expect(mulRound(PERBILL, 0n, 10n ** 30n)).toBe(0n);
  });

  it('negative products (never on chain) behave as before the one-division form', () => {
    expect(mulRound(PERBILL, 500_000_000n, -3n)).toBe(-1n);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: PERBILL.accuracy }), fc.bigInt({ min: -(2n ** 100n), max: -1n }),
      (parts, n) => { expect(mulRound(PERBILL, parts, n)).toBe(nearestPrefDown(PERBILL.accuracy, parts, n)); }), { numRuns: 300 });
  });

  it('fromRational rounds down and gives one for q = 0 or p >= q', () => {
    expect(fromRational(PERBILL, 1n, 3n)).toBe(333_333_333n);
    expect(fromRational(PERBILL, 2n, 3n)).toBe(666_666_666n);
    expect(fromRational(PERBILL, 5n, 0n)).toBe(PERBILL.accuracy);
    expect(fromRational(PERBILL, 7n, 7n)).toBe(PERBILL.accuracy);
  });
});
