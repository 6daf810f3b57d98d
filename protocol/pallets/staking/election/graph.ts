// The election's working state: candidates, voters and their edges in flat arrays (indices, not pointers),
// shared by sequential Phragmén, PhragMMS and balancing. Mirrors sp-npos-elections `setup_inputs`:
// votes for non-candidates and duplicate targets are dropped, voters left without edges are dropped.
//
// Canonical order (determinism): candidates and voters are processed in the order given. Staking passes both
// sorted by account id (string order), so ties between equal scores go to the smaller account id.

import type { AccountId } from '../../../primitives/units.js';
import { U128_MAX } from '../../../primitives/units.js';
import { assert } from '../../../primitives/dispatch.js';

export const EXTENDED_MAX = U128_MAX; // ExtendedBalance = u128; every saturating op clamps here

export interface VoterInput {
  readonly who: AccountId;
  /** VoteWeight (u64 on chain): CurrencyToVote of the voter's active stake. */
  readonly weight: bigint;
  readonly targets: readonly AccountId[];
}

export interface BalancingConfig {
  readonly iterations: number;
  readonly tolerance: bigint;
}

export interface Graph {
  readonly candWho: AccountId[];
  readonly approval: bigint[];      // Σ budget of voters approving the candidate
  readonly backed: bigint[];        // backed stake as the algorithm distributes weight
  readonly elected: Uint8Array;
  readonly round: Int32Array;       // round in which the candidate was elected
  readonly voterWho: AccountId[];
  readonly budget: bigint[];
  readonly edgeStart: Int32Array;   // voter v's edges are [edgeStart[v], edgeStart[v+1])
  readonly edgeCand: Int32Array;
  readonly edgeVoter: Int32Array;
  readonly weight: bigint[];        // edge weight (stake given to the candidate)
  readonly alive: Uint8Array;       // 0 once seq-phragmen strips a zero edge (Vec::retain on chain)
}

export const sat = (v: bigint): bigint => (v > EXTENDED_MAX ? EXTENDED_MAX : v);

export function setupInputs(candidates: readonly AccountId[], voters: readonly VoterInput[]): Graph {
  const idx = new Map<AccountId, number>();
  candidates.forEach((c, i) => { assert(!idx.has(c), `election: duplicate candidate ${c}`); idx.set(c, i); });
  const C = candidates.length;
  const approval: bigint[] = new Array<bigint>(C).fill(0n);
  const voterWho: AccountId[] = [];
  const budget: bigint[] = [];
  const starts: number[] = [0];
  const edgeCandList: number[] = [];
  for (const v of voters) {
    assert(v.weight >= 0n, `election: negative vote weight for ${v.who}`);
    const first = edgeCandList.length;
    for (const t of v.targets) {
      const ci = idx.get(t);
      if (ci === undefined) continue; // not a candidate: the chain ignores the vote
      let dup = false;
      for (let e = first; e < edgeCandList.length; e++) if (edgeCandList[e] === ci) { dup = true; break; }
      if (dup) continue;
      edgeCandList.push(ci);
      approval[ci] = sat(approval[ci]! + v.weight);
    }
    if (edgeCandList.length === first) continue;
    voterWho.push(v.who);
    budget.push(v.weight);
    starts.push(edgeCandList.length);
  }
  const E = edgeCandList.length;
  const edgeVoter = new Int32Array(E);
  for (let v = 0; v < voterWho.length; v++) for (let e = starts[v]!; e < starts[v + 1]!; e++) edgeVoter[e] = v;
  return {
    candWho: candidates.slice(), approval, backed: new Array<bigint>(C).fill(0n),
    elected: new Uint8Array(C), round: new Int32Array(C).fill(-1),
    voterWho, budget, edgeStart: Int32Array.from(starts), edgeCand: Int32Array.from(edgeCandList), edgeVoter,
    weight: new Array<bigint>(E).fill(0n), alive: new Uint8Array(E).fill(1),
  };
}
