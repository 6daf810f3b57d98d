// The fused supports pipeline (float64 route for stakes below 2^52, bigint route above, the float64 reduce or
// the port) against the general API composed step by step (seqPhragmen -> assignmentToStaked -> [reduce port -> ratio
// round trip] -> toSupports), on elections mixing small stakes with u64-sized ones, self-voting validators, and
// zero-weight voters. Both with and without the miner's reduce.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { electSupports } from '../../../protocol/pallets/staking/election/supports.js';
import { seqPhragmen } from '../../../protocol/pallets/staking/election/phragmen.js';
import { resultToSupports } from '../../../protocol/pallets/staking/election/result.js';
import { reducedSupportsByParts } from './reduce-reference.js';

const U64_MAX = 2n ** 64n - 1n;
const weightArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 12n }), weight: 4 },
  { arbitrary: fc.bigInt({ min: 2n ** 51n, max: 2n ** 53n }), weight: 2 }, // around the float64 route's bound (2^52)
  { arbitrary: fc.bigInt({ min: 2n ** 53n, max: U64_MAX }), weight: 1 },
  { arbitrary: fc.constant(0n), weight: 1 },
);
const electionArb = fc.record({
  candidates: fc.integer({ min: 1, max: 8 }),
  seats: fc.integer({ min: 1, max: 6 }),
  selfVotes: fc.boolean(),
  voters: fc.array(fc.record({ weight: weightArb, targets: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }) }), { maxLength: 30 }),
});

function inputs(e: { candidates: number; selfVotes: boolean; voters: Array<{ weight: bigint; targets: number[] }> }) {
  const candidates = Array.from({ length: e.candidates }, (_, i) => `c${i}`);
  const voters: VoterInput[] = e.voters.map((v, i) => ({ who: `v${String(i).padStart(3, '0')}`, weight: v.weight, targets: v.targets.map((t) => `c${t}`) }));
  // Validators vote for themselves with their own stake (the account is both a voter and a target).
  if (e.selfVotes) candidates.forEach((c, i) => voters.push({ who: c, weight: 2n ** 52n + BigInt(i) * 3n ** 30n, targets: [c] }));
  voters.sort((a, b) => (a.who < b.who ? -1 : 1));
  return { candidates, voters };
}

describe('fused supports on mixed stake sizes', () => {
  it('without reduce: equals seqPhragmen + resultToSupports', () => {
    fc.assert(fc.property(electionArb, (e) => {
      const { candidates, voters } = inputs(e);
      const fused = electSupports('phragmen', e.seats, candidates, voters, null);
      const stake = new Map(voters.map((v) => [v.who, v.weight]));
      expect(fused.supports).toEqual(resultToSupports(seqPhragmen(e.seats, candidates, voters), (w) => stake.get(w)!));
    }), { numRuns: 300 });
  });

  it('with reduce: equals the general API composed with the reduce port', () => {
    fc.assert(fc.property(electionArb, (e) => {
      const { candidates, voters } = inputs(e);
      const fused = electSupports('phragmen', e.seats, candidates, voters, null, { reduce: true });
      expect(fused.supports).toEqual(reducedSupportsByParts(e.seats, candidates, voters));
    }), { numRuns: 300 });
  });
});
