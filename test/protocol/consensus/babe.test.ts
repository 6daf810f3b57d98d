import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  U128_ONE, epochRandomness, iroot, primaryThreshold, primaryWinners, secondaryAuthorIndex, vrfOutput,
} from '../../../protocol/pallets/consensus/index.js';

describe('iroot', () => {
  it('hand values', () => {
    expect(iroot(1000n, 3)).toBe(10n);
    expect(iroot(999n, 3)).toBe(9n);
    expect(iroot(1n << 200n, 4)).toBe(1n << 50n);
    expect(iroot(0n, 5)).toBe(0n);
    expect(iroot(17n, 1)).toBe(17n);
  });
  it('r^n <= x < (r+1)^n', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 1n << 400n }), fc.integer({ min: 1, max: 40 }), (x, n) => {
      const r = iroot(x, n);
      const N = BigInt(n);
      return r ** N <= x && (r + 1n) ** N > x;
    }), { numRuns: 200 });
  });
});

describe('primaryThreshold = floor(2^128 (1 - (1-c)^(1/N)))', () => {
  const quarter = { num: 1n, den: 4n };
  it('N = 1 gives floor(2^128 c) exactly', () => {
    expect(primaryThreshold(quarter, 1)).toBe(1n << 126n);
    expect(primaryThreshold({ num: 1n, den: 3n }, 1)).toBe(U128_ONE / 3n);
  });
  it('c = 1 gives 2^128 (every draw wins)', () => {
    expect(primaryThreshold({ num: 1n, den: 1n }, 7)).toBe(U128_ONE);
  });
  it('N = 2, c = 3/4: (1/4)^(1/2) = 1/2 exactly, so p = 1/2', () => {
    expect(primaryThreshold({ num: 3n, den: 4n }, 2)).toBe(1n << 127n);
  });
  it('is the floor: with q = 2^128 - T, (q-1)^N < (1-c) 2^(128N) <= q^N', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 999 }), (n, cPermille) => {
      const c = { num: BigInt(cPermille), den: 1000n };
      const T = primaryThreshold(c, n);
      const q = U128_ONE - T;
      const N = BigInt(n);
      const rhs = (c.den - c.num) * (1n << (128n * N)); // (1-c) 2^(128N), scaled by den
      return (q - 1n) ** N * c.den < rhs && q ** N * c.den >= rhs;
    }), { numRuns: 60 });
  });
  it('agrees with the float formula to 1e-9 relative for N = 100', () => {
    const T = primaryThreshold(quarter, 100);
    const pFloat = 1 - 0.75 ** (1 / 100); // reference only, in the test
    expect(Math.abs(Number(T) / 2 ** 128 - pFloat) / pFloat).toBeLessThan(1e-9);
  });
});

describe('lottery statistics', () => {
  const rand = epochRandomness(new Uint8Array(32).fill(7), 0);
  it('vrfOutput is deterministic and distinct per validator', () => {
    expect(vrfOutput(rand, 5, 1)).toBe(vrfOutput(rand, 5, 1));
    expect(vrfOutput(rand, 5, 1)).not.toBe(vrfOutput(rand, 5, 2));
  });
  it('P(slot has a primary) is c = 1/4 within 4 sigma over 8000 slots, N = 20', () => {
    const n = 20; const slots = 8000;
    const T = primaryThreshold({ num: 1n, den: 4n }, n);
    let withPrimary = 0; let winners = 0;
    for (let s = 0; s < slots; s++) { const w = primaryWinners(rand, s, n, T); if (w.length > 0) withPrimary++; winners += w.length; }
    const sigma = Math.sqrt(slots * 0.25 * 0.75);
    expect(Math.abs(withPrimary - slots * 0.25)).toBeLessThan(4 * sigma);
    // expected winners per slot N p = 20 (1 - 0.75^(1/20)) = 0.28414...; Poisson-ish sd sqrt(slots * 0.284)
    const mean = n * (1 - 0.75 ** (1 / n));
    expect(Math.abs(winners - slots * mean)).toBeLessThan(4 * Math.sqrt(slots * mean));
  });
  it('secondary author is uniform over N (chi-square, 9 dof, p > 0.001)', () => {
    const n = 10; const slots = 5000; const counts = new Array<number>(n).fill(0);
    for (let s = 0; s < slots; s++) counts[secondaryAuthorIndex(rand, s, n)]! += 1;
    const e = slots / n;
    const chi2 = counts.reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(27.88); // chi-square 0.999 quantile, 9 dof
  });
  it('epoch randomness differs per epoch', () => {
    const g = new Uint8Array(32);
    expect(Buffer.from(epochRandomness(g, 1)).equals(Buffer.from(epochRandomness(g, 2)))).toBe(false);
  });
});
