// Reference steps for the reduce pipeline test: the general election API's per-assignment conversions
// (sp-npos-elections assignments.rs), written out here as the test's independent expectation.
import { PERBILL, fromRational } from '../../../protocol/primitives/perthing.js';
import { normalize } from '../../../protocol/pallets/staking/election/normalize.js';
import type { Assignment, StakedAssignment } from '../../../protocol/pallets/staking/election/result.js';
export { assignmentToStaked, toSupports } from '../../../protocol/pallets/staking/election/result.js';

/** StakedAssignment::into_assignment + Assignment::try_normalize (Perbill). */
export function fromRationalAssignment(s: StakedAssignment): Assignment {
  const total = s.distribution.reduce((a, [, w]) => a + w, 0n);
  const dist = s.distribution.map(([t, w]) => [t, fromRational(PERBILL, w, total)] as const).filter(([, p]) => p !== 0n);
  const norm = normalize(dist.map(([, p]) => p), PERBILL.accuracy);
  return { who: s.who, distribution: dist.map(([t], i) => [t, norm[i]!] as const) };
}
