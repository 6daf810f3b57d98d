// The election's memoised topology and float64 approval sums are speed-ups only: they must give exactly what a fresh
// bigint computation gives. Expectations here are independent recomputations (naive sums, uncached elections).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { approvals, buildTopology, TopologyCache, type VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { electSupports } from '../../../protocol/pallets/staking/election/supports.js';
import { U128_MAX } from '../../../protocol/primitives/units.js';

const U64_MAX = (1n << 64n) - 1n;
const weightArb = fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: U64_MAX }),
  fc.bigInt({ min: U64_MAX - 5n, max: U64_MAX }), fc.bigInt({ min: U64_MAX, max: 1n << 100n }));

const electionArb = fc.record({
  candidates: fc.integer({ min: 1, max: 8 }),
  voters: fc.array(fc.record({ weight: weightArb, targets: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }) }), { maxLength: 25 }),
});

function inputs(e: { candidates: number; voters: Array<{ weight: bigint; targets: number[] }> }) {
  const candidates = Array.from({ length: e.candidates }, (_, i) => `c${i}`);
  // Targets may name non-candidates (c8, c9 beyond the list) and repeat: the topology drops both.
  const voters: VoterInput[] = e.voters.map((v, i) => ({ who: `v${String(i).padStart(3, '0')}`, weight: v.weight, targets: v.targets.map((t) => `c${t}`) }));
  return { candidates, voters };
}

/** approval[c] by the definition: Σ weights of distinct voters listing candidate c, saturated at u128::MAX. */
function naiveApprovals(candidates: string[], voters: VoterInput[]): bigint[] {
  return candidates.map((c) => {
    let a = 0n;
    for (const v of voters) if (v.targets.includes(c)) a += v.weight;
    return a > U128_MAX ? U128_MAX : a;
  });
}

function outcome<T>(f: () => T): T | { error: string } {
  try { return f(); } catch (e) { return { error: (e as Error).message }; }
}

describe('election topology and approvals', () => {
  it('approvals equal the naive bigint sums, on the float64 path and the bigint fallback', () => {
    fc.assert(fc.property(electionArb, (e) => {
      const { candidates, voters } = inputs(e);
      const t = buildTopology(candidates, voters);
      const budget = Array.from(t.inputIndex, (i) => voters[i]!.weight);
      expect(approvals(t, budget)).toEqual(naiveApprovals(candidates, voters));
    }), { numRuns: 300 });
  });

  it('the exact split sum holds for many u64::MAX weights on one candidate (carry between halves)', () => {
    const voters: VoterInput[] = Array.from({ length: 5000 }, (_, i) => ({ who: `v${i}`, weight: U64_MAX - BigInt(i % 3), targets: ['a'] }));
    const t = buildTopology(['a'], voters);
    const expected = voters.reduce((s, v) => s + v.weight, 0n);
    expect(approvals(t, voters.map((v) => v.weight))).toEqual([expected]);
  });

  it('a cached topology gives the same supports as a fresh election across changing weights and nominations', () => {
    fc.assert(fc.property(fc.array(electionArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (rounds, seats) => {
      const cache = new TopologyCache();
      let expectedHits = 0;
      let prev: { candidates: string[]; voters: VoterInput[] } | null = null;
      for (const r of rounds) {
        // Every other round keeps the previous shape with new weights (a cache hit), else the new shape (a miss).
        const next = inputs(r);
        const same: boolean = prev !== null && prev.candidates.length === next.candidates.length && prev.voters.length === next.voters.length;
        const cur: { candidates: string[]; voters: VoterInput[] } = same ? { candidates: prev!.candidates, voters: prev!.voters.map((v, i) => ({ ...v, weight: next.voters[i]!.weight })) } : next;
        if (same) expectedHits++;
        const fresh = electSupports('phragmen', seats, cur.candidates, cur.voters, null);
        const cached = electSupports('phragmen', seats, cur.candidates, cur.voters, null, { cache });
        expect(cached).toEqual(fresh);
        prev = cur;
      }
      expect(cache.hits).toBe(expectedHits);
    }), { numRuns: 200 });
  });
  it('graphs on the cache\'s pooled edge arrays (reused, grown, shrunk) match fresh elections, phragmen and phragmms interleaved', () => {
    // PhragMMS reads edge weights before writing them and seq-Phragmén leaves every edge written, so a pool that kept
    // the previous election's weights (or alive marks) would change the next result.
    const balancing = { iterations: 2, tolerance: 0n };
    fc.assert(fc.property(fc.array(fc.tuple(electionArb, fc.constantFrom('phragmen', 'phragmms') as fc.Arbitrary<'phragmen' | 'phragmms'>, fc.boolean()), { minLength: 2, maxLength: 5 }),
      fc.integer({ min: 1, max: 4 }), (rounds, seats) => {
        const cache = new TopologyCache();
        for (const [r, algorithm, balanced] of rounds) {
          const { candidates, voters } = inputs(r);
          const b = balanced ? balancing : null;
          // Compared as outcomes: PhragMMS refuses some inputs (a zero-stake voter's edge), and the pooled graph must
          // refuse the same ones with the same message.
          expect(outcome(() => electSupports(algorithm, seats, candidates, voters, b, { cache, reduce: balanced })))
            .toEqual(outcome(() => electSupports(algorithm, seats, candidates, voters, b, { reduce: balanced })));
        }
      }), { numRuns: 300 });
  });
});
