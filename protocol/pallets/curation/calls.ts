// Curation extrinsics and their weights.
import type { Planck } from '../../primitives/units.js';
import type { Origin } from '../../primitives/origin.js';
import { err, type DispatchResult } from '../../primitives/dispatch.js';
import type { Curation } from './pallet.js';
import type { Score } from './storage.js';

export type CurationCall =
  | { pallet: 'curation'; name: 'bond_curator'; args: { amount: Planck } }
  | { pallet: 'curation'; name: 'unbond_curator'; args: Record<string, never> }
  | { pallet: 'curation'; name: 'set_scores'; args: { scores: readonly Score[] } };

/** Weights (ref_time): lab estimates; set_scores is declared for a full row of maxScoresPerCurator entries. */
export const CURATION_CALL_WEIGHTS: Record<CurationCall['name'], bigint> = {
  bond_curator: 50_000_000n,
  unbond_curator: 60_000_000n,
  set_scores: 200_000_000n,
};

export function dispatchCuration(p: Curation, origin: Origin, call: CurationCall): DispatchResult {
  if (origin.kind !== 'Signed') return err('system', 'BadOrigin');
  switch (call.name) {
    case 'bond_curator': return p.bondCurator(origin.who, call.args.amount);
    case 'unbond_curator': return p.unbondCurator(origin.who);
    case 'set_scores': return p.setScores(origin.who, call.args.scores);
  }
}
