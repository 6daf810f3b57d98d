// collectExposures (one pass straight into pages) against the straightforward version: others in voter order with
// a running total, then intoPages. Same overview, pages, entries, field order (JSON) on random supports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectExposures, type IndividualExposure } from '../../../protocol/pallets/staking/exposure.js';
import { intoPages } from './exposure-reference.js';
import { currencyToVoteFactor } from '../../../protocol/pallets/staking/election/currency-to-vote.js';
import { jsonReplacer } from '../../../protocol/primitives/storage.js';
import type { Support } from '../../../protocol/pallets/staking/election/result.js';

function reference(supports: ReadonlyArray<readonly [string, Support]>, totalIssuance: bigint, pageSize: number) {
  const factor = currencyToVoteFactor(totalIssuance);
  return supports.map(([validator, support]) => {
    let own = 0n;
    let total = 0n;
    const others: IndividualExposure[] = [];
    for (const [who, weight] of support.voters) {
      const stake = weight * factor;
      if (who === validator) own += stake; else others.push({ who, value: stake });
      total += stake;
    }
    return { validator, ...intoPages(own, total, others, pageSize) };
  });
}

const ids = ['v0', 'v1', 'v2', 'n0', 'n1', 'n2', 'n3'];
const weight = fc.oneof(fc.bigInt(0n, 10n), fc.bigInt(0n, (1n << 64n) - 1n));
const supports = fc.array(fc.tuple(fc.constantFrom('v0', 'v1', 'v2'),
  fc.array(fc.tuple(fc.constantFrom(...ids), weight), { maxLength: 12 })), { maxLength: 4 })
  .map((xs) => xs.map(([v, voters]) => [v, { total: voters.reduce((s, x) => s + x[1], 0n), voters }] as const));
const issuance = fc.oneof(fc.bigInt(0n, 1n << 70n), fc.constant(21_000_000n * 10n ** 18n));

describe('collectExposures == others + running total + intoPages', () => {
  it('same exposures on random supports, issuances and page sizes', () => {
    fc.assert(fc.property(supports, issuance, fc.integer({ min: 1, max: 5 }), (sup, ti, pageSize) => {
      const fast = collectExposures(sup, ti, pageSize);
      const ref = reference(sup, ti, pageSize);
      expect(JSON.stringify(fast, jsonReplacer)).toBe(JSON.stringify(ref, jsonReplacer));
      expect(fast).toEqual(ref);
    }), { numRuns: 3000 });
  });

  it('hand case: factor 2, page size 2, a self vote in the middle', () => {
    const ti = 2n * ((1n << 64n) - 1n) + 5n; // factor = ti / u64::MAX = 2
    const [e] = collectExposures([['v', { total: 10n, voters: [['a', 1n], ['v', 4n], ['b', 2n], ['c', 3n]] }]], ti, 2);
    expect(e!.overview).toEqual({ total: 20n, own: 8n, nominatorCount: 3, pageCount: 2 });
    expect(e!.pages).toEqual([{ pageTotal: 6n, others: [{ who: 'a', value: 2n }, { who: 'b', value: 4n }] },
      { pageTotal: 6n, others: [{ who: 'c', value: 6n }] }]);
  });
});
