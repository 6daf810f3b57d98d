// The miner's solution path (reduce) in the fused staking pipeline, against the same steps composed from the general
// API (seqPhragmen -> assignmentToStaked -> reduce -> ratio round trip -> toSupports), and the forest bound.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { electSupports } from '../../../protocol/pallets/staking/election/supports.js';
import { reducedSupportsByParts } from './reduce-reference.js';

const electionArb = fc.record({
  candidates: fc.integer({ min: 1, max: 8 }),
  seats: fc.integer({ min: 1, max: 6 }),
  voters: fc.array(fc.record({ weight: fc.bigInt({ min: 1n, max: 10n ** 12n }), targets: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }) }), { maxLength: 30 }),
});

function inputs(e: { candidates: number; voters: Array<{ weight: bigint; targets: number[] }> }) {
  const candidates = Array.from({ length: e.candidates }, (_, i) => `c${i}`);
  const voters: VoterInput[] = e.voters.map((v, i) => ({ who: `v${String(i).padStart(3, '0')}`, weight: v.weight, targets: v.targets.map((t) => `c${t}`) }));
  return { candidates, voters };
}

describe('election with reduce (the miner solution path)', () => {
  it('equals the general API composed step by step, keeps the winners, and leaves a forest', () => {
    fc.assert(fc.property(electionArb, (e) => {
      const { candidates, voters } = inputs(e);
      const fused = electSupports('phragmen', e.seats, candidates, voters, null, { reduce: true });
      const plain = electSupports('phragmen', e.seats, candidates, voters, null);
      expect(fused.supports).toEqual(reducedSupportsByParts(e.seats, candidates, voters));
      expect(fused.winners).toEqual(plain.winners);
      const edges = fused.supports.reduce((n, [, s]) => n + s.voters.length, 0);
      const voterCount = new Set(fused.supports.flatMap(([, s]) => s.voters.map(([w]) => w))).size;
      expect(edges).toBeLessThanOrEqual(voterCount + fused.supports.length - 1 + (fused.supports.length === 0 ? 1 : 0));
    }), { numRuns: 300 });
  });
});
