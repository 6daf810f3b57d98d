import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gini, MarketplaceSource, MARKETPLACE_KPIS } from '../../../../sim/metrics/kpis/marketplace.js';

/** Reference Gini by the double sum Σ|xi − xj| / (2 n Σx). */
function giniRef(xs: number[]): number {
  const n = xs.length, t = xs.reduce((a, b) => a + b, 0);
  if (n === 0 || t === 0) return 0;
  let s = 0;
  for (const a of xs) for (const b of xs) s += Math.abs(a - b);
  return s / (2 * n * t);
}

describe('marketplace KPIs', () => {
  it('gini matches the double-sum definition', () => {
    expect(gini([1n, 1n, 1n])).toBe(0);
    expect(gini([0n, 0n, 0n, 4n])).toBeCloseTo(0.75, 12);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 30 }), (xs) => {
      expect(gini(xs.map(BigInt))).toBeCloseTo(giniRef(xs), 9);
    }));
  });
  it('samples group shares and profits from chain reads and the role map', () => {
    const src = new MarketplaceSource({
      callCount: () => 42n,
      revenue: () => [5n, 7n],
      providerGrants: () => [['p0', 60n], ['cabal/provider/0', 20n]],
      curatorDividends: () => [['c0', 10n], ['cabal/curator/0', 10n]],
      providerCount: () => 2,
      wealth: (w) => ({ 'wash/provider/0': 1000n, 'wash/0/0': 90n, 'sybil/0/0': 500n } as Record<string, bigint>)[w] ?? 0n,
    }, {
      providers: ['p0', 'cabal/provider/0', 'p-idle'],
      cabal: new Set(['cabal/provider/0', 'cabal/curator/0']),
      wash: ['wash/provider/0', 'wash/0/0'],
      sybil: ['sybil/0/0'],
      lazy: new Set(['c0']),
      genesisWealth: new Map([['wash/provider/0', 1000n], ['wash/0/0', 100n], ['sybil/0/0', 400n]]),
    });
    const v = src.sample();
    expect(v.grantShareByCabal).toBe(0.3); // (20 + 10) / 100
    expect(v.washProfit).toBe(-10n);
    expect(v.sybilProfit).toBe(100n);
    expect(v.lazyCuratorShare).toBe(0.5); // c0 got 10 of 20
    expect(v.topProviderShare).toBe(0.75);
    expect(v.grantGini).toBeCloseTo(giniRef([60, 20, 0]), 9);
    expect([v.consumerCalls, v.providerRevenue, v.curatorDividends, v.providerCount]).toEqual([42, 12n, 20n, 2]);
    expect(Object.keys(v).sort()).toEqual(MARKETPLACE_KPIS.map((k) => k.name).sort());
  });
});
