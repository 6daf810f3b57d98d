// Reference steps for the reduce pipeline test: the general election API's per-assignment conversions
// (sp-npos-elections assignments.rs), written out here as the test's independent expectation.
import { PERBILL, fromRational } from '../../../protocol/primitives/perthing.js';
import { normalize } from '../../../protocol/pallets/staking/election/normalize.js';
import { assignmentToStaked, toSupports, type Assignment, type Support, type StakedAssignment } from '../../../protocol/pallets/staking/election/result.js';
import { seqPhragmen } from '../../../protocol/pallets/staking/election/phragmen.js';
import { reduce, type MutableStaked } from '../../../protocol/pallets/staking/election/reduce.js';
import type { VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
export { assignmentToStaked, toSupports };

/** StakedAssignment::into_assignment + Assignment::try_normalize (Perbill). */
export function fromRationalAssignment(s: StakedAssignment): Assignment {
  const total = s.distribution.reduce((a, [, w]) => a + w, 0n);
  const dist = s.distribution.map(([t, w]) => [t, fromRational(PERBILL, w, total)] as const).filter(([, p]) => p !== 0n);
  const norm = normalize(dist.map(([, p]) => p), PERBILL.accuracy);
  return { who: s.who, distribution: dist.map(([t], i) => [t, norm[i]!] as const) };
}

/** The miner's solution path from the general API: seqPhragmen -> staked -> reduce (the port) -> ratios -> staked -> supports. */
export function reducedSupportsByParts(seats: number, candidates: readonly string[], voters: readonly VoterInput[]): Array<readonly [string, Support]> {
  const r = seqPhragmen(seats, candidates, voters);
  const stake = new Map(voters.map((v) => [v.who, v.weight]));
  const staked: MutableStaked[] = r.assignments.map((a) => {
    const s = assignmentToStaked(a, stake.get(a.who)!);
    return { who: s.who, distribution: s.distribution.map(([t, w]) => [t, w] as [string, bigint]) };
  });
  reduce(staked);
  return toSupports(staked.map((s) => assignmentToStaked(fromRationalAssignment(s), stake.get(s.who)!)));
}
