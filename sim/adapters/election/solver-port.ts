// The staking pallet's solver port, as the election adapters see it.
import type { ElectionInput } from '../../../protocol/pallets/staking/index.js';
import { sameShape } from '../../../protocol/pallets/staking/election/graph.js';
export { PENDING_ELECTIONS_MAX } from '../../../protocol/pallets/staking/solver.js';
export type { ElectionInput, ElectionSolver } from '../../../protocol/pallets/staking/index.js';

/** Same candidates and voters' targets (weights aside): the worker can keep the shape it has. */
export function sameShapeOf(a: ElectionInput, b: ElectionInput): boolean {
  return sameShape(a.candidates, a.voters, b.candidates, b.voters);
}
