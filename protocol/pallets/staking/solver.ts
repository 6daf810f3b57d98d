// Where elections are computed. On chain the next era's election is mined off-chain while blocks go on: the snapshot
// is taken when the election-provider phases open (about 2 h before the planning point on Polkadot's legacy relay,
// SUBSTRATE.md §3.1) and the solution is applied at the planning point. The staking pallet mirrors that: with
// `staking.electionLookaheadBlocks` > 0 it takes the snapshot early and `submit`s it, and `take`s the solution when the
// era is planned. The inline solver computes in `take`; a solver in sim/ may compute in another thread meanwhile.
// Either way the solution is `solveElection(input)`, a pure function of the snapshot, so no solver changes an outcome.

import type { AccountId } from '../../primitives/units.js';
import { assert } from '../../primitives/dispatch.js';
import { TopologyCache, type BalancingConfig, type VoterInput } from './election/graph.js';
import { electSupports, type ElectionSupports } from './election/supports.js';

/** The snapshot and the solver settings: everything an election depends on. Plain data (checkpointable). */
export interface ElectionInput {
  readonly algorithm: 'phragmen' | 'phragmms';
  readonly toElect: number;
  readonly candidates: readonly AccountId[];
  readonly voters: readonly VoterInput[];
  readonly balancing: BalancingConfig | null;
  readonly reduce: boolean;
}

export interface ElectionSolver {
  /** Starts solving `input`; returns a ticket for `take`. */
  submit(input: ElectionInput): number;
  /** The solution for `ticket` (waits for it if it is being computed elsewhere). Each ticket is taken once. */
  take(ticket: number): ElectionSupports;
}

export function solveElection(input: ElectionInput, cache: TopologyCache | null = null): ElectionSupports {
  return electSupports(input.algorithm, input.toElect, input.candidates, input.voters, input.balancing,
    { cache, reduce: input.reduce });
}

/** Bound on tickets submitted and not yet taken (staking has at most one election in flight). */
export const PENDING_ELECTIONS_MAX = 16;

/** Computes in `take`, in the calling thread. */
export class InlineSolver implements ElectionSolver {
  private readonly cache = new TopologyCache();
  private readonly pending = new Map<number, ElectionInput>();
  private nextTicket = 0;

  submit(input: ElectionInput): number {
    assert(this.pending.size < PENDING_ELECTIONS_MAX, 'election solver: too many pending elections');
    const t = this.nextTicket++;
    this.pending.set(t, input);
    return t;
  }

  take(ticket: number): ElectionSupports {
    const input = this.pending.get(ticket);
    assert(input !== undefined, `election solver: unknown ticket ${ticket}`);
    this.pending.delete(ticket);
    return solveElection(input, this.cache);
  }
}
