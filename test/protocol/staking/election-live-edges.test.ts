// seq-Phragmén's weight assignment lists the alive edges (g.live) so the supports pipeline reads ~1 edge in 10 instead
// of scanning every edge. The listed route must give exactly what the scan of g.alive gives (the same graph with
// g.live = null), with and without balancing and reduce, on stakes around the float64 route's 2^52 bound and up to
// u64::MAX; and a list that is not the ascending alive edges is refused.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { setupInputs, type VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { seqPhragmenCore } from '../../../protocol/pallets/staking/election/phragmen.js';
import { balance } from '../../../protocol/pallets/staking/election/balancing.js';
import { graphToSupports } from '../../../protocol/pallets/staking/election/supports.js';

const U64_MAX = 2n ** 64n - 1n;
const weightArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 12n }), weight: 4 },
  { arbitrary: fc.bigInt({ min: 2n ** 52n - 3n, max: 2n ** 52n + 3n }), weight: 2 },
  { arbitrary: fc.bigInt({ min: 2n ** 51n, max: 2n ** 64n - 1n }), weight: 1 },
  { arbitrary: fc.constant(U64_MAX), weight: 1 },
  { arbitrary: fc.constant(0n), weight: 1 },
);
const electionArb = fc.record({
  candidates: fc.integer({ min: 1, max: 8 }),
  seats: fc.integer({ min: 1, max: 6 }),
  balanced: fc.boolean(),
  reduce: fc.boolean(),
  voters: fc.array(fc.record({ weight: weightArb, targets: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 }) }), { maxLength: 30 }),
});

type Election = typeof electionArb extends fc.Arbitrary<infer T> ? T : never;

function graphFor(e: Election) {
  const candidates = Array.from({ length: e.candidates }, (_, i) => `c${i}`);
  const voters: VoterInput[] = e.voters.map((v, i) => ({ who: `v${String(i).padStart(3, '0')}`, weight: v.weight, targets: v.targets.map((t) => `c${t}`) }));
  const g = setupInputs(candidates, voters);
  seqPhragmenCore(g, e.seats);
  if (e.balanced) balance(g, { iterations: 3, tolerance: 0n });
  return g;
}

describe('live edge list of seq-Phragmén', () => {
  it('lists exactly the alive edges, ascending, and the supports from it equal those of the alive scan', () => {
    fc.assert(fc.property(electionArb, (e) => {
      const g = graphFor(e);
      const expectedLive: number[] = [];
      for (let x = 0; x < g.edgeCand.length; x++) if (g.alive[x]) expectedLive.push(x);
      expect(g.liveCount).toBeGreaterThanOrEqual(0);
      expect(Array.from(g.liveScratch.subarray(0, g.liveCount))).toEqual(expectedLive);
      const listed = graphToSupports(g, e.seats, e.reduce);
      g.liveCount = -1;
      expect(graphToSupports(g, e.seats, e.reduce)).toEqual(listed);
    }), { numRuns: 400 });
  });

  it('refuses a list that is not the ascending alive edges', () => {
    const voters: VoterInput[] = [{ who: 'a', weight: 10n, targets: ['x', 'y'] }, { who: 'b', weight: 7n, targets: ['y', 'x'] }];
    const g = setupInputs(['x', 'y'], voters);
    seqPhragmenCore(g, 2);
    expect(g.liveCount).toBe(4);
    const edges = Int32Array.from(g.liveScratch.subarray(0, 4));
    g.liveScratch.set([edges[1]!, edges[0]!, edges[2]!, edges[3]!]);
    expect(() => graphToSupports(g, 2)).toThrow(/live edge list/);
    g.liveScratch.set(edges);
    g.alive[edges[3]!] = 0;
    expect(() => graphToSupports(g, 2)).toThrow(/live edge list/);
  });
});
