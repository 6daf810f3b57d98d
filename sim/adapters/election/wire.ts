// The election worker's messages: a request carries the snapshot (its shape only when that changed since the last
// request, else just the weights), a reply carries the supports as indices into the request's candidates and voters
// plus the weights, in typed arrays (one copy, no per-entry objects). Pure encode/decode, tested against solveElection.

import type { AccountId } from '../../../protocol/primitives/units.js';
import type { ElectionInput } from '../../../protocol/pallets/staking/index.js';
import type { BalancingConfig, VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import type { ElectionSupports } from '../../../protocol/pallets/staking/election/supports.js';
import type { Support } from '../../../protocol/pallets/staking/election/result.js';
import { assert } from '../../../protocol/primitives/dispatch.js';
import { U64_MAX } from '../../../protocol/primitives/units.js';
import { sat } from '../../../protocol/pallets/staking/election/graph.js';

/** Weights as a BigUint64Array when all fit in u64 (every staking vote weight does), else as plain bigints. */
export type Weights = BigUint64Array | bigint[];

export interface Shape { readonly candidates: readonly AccountId[]; readonly voterWho: readonly AccountId[]; readonly voterTargets: ReadonlyArray<readonly AccountId[]> }

export interface SolveRequest {
  readonly ticket: number;
  readonly algorithm: ElectionInput['algorithm'];
  readonly toElect: number;
  readonly balancing: BalancingConfig | null;
  readonly reduce: boolean;
  /** Present when the shape differs from the previous request's; absent = reuse it. */
  readonly shape?: Shape;
  readonly weights: Weights;
}

export type SolveReply =
  | { readonly ticket: number; readonly winners: Int32Array; readonly supCand: Int32Array; readonly supStart: Int32Array;
      readonly supVoter: Int32Array; readonly supWeight: Weights }
  | { readonly ticket: number; readonly error: string };

function weightsOf(values: readonly bigint[]): Weights {
  for (const v of values) if (v < 0n || v > U64_MAX) return values.slice();
  return BigUint64Array.from(values);
}

export function encodeRequest(ticket: number, input: ElectionInput, withShape: boolean): SolveRequest {
  const base = { ticket, algorithm: input.algorithm, toElect: input.toElect, balancing: input.balancing, reduce: input.reduce,
    weights: weightsOf(input.voters.map((v) => v.weight)) };
  if (!withShape) return base;
  return { ...base, shape: { candidates: input.candidates, voterWho: input.voters.map((v) => v.who), voterTargets: input.voters.map((v) => v.targets) } };
}

/** The ElectionInput a request stands for, given the shape in force (the request's own, or the last one sent). */
export function decodeRequest(r: SolveRequest, shape: Shape): ElectionInput {
  assert(r.weights.length === shape.voterWho.length, 'election worker: weights do not match the shape');
  const voters: VoterInput[] = new Array(shape.voterWho.length);
  for (let i = 0; i < voters.length; i++) voters[i] = { who: shape.voterWho[i]!, weight: BigInt(r.weights[i]!), targets: shape.voterTargets[i]! };
  return { algorithm: r.algorithm, toElect: r.toElect, candidates: shape.candidates, voters, balancing: r.balancing, reduce: r.reduce };
}

export function encodeReply(ticket: number, input: ElectionInput, s: ElectionSupports, voterIndex: ReadonlyMap<AccountId, number>): SolveReply {
  const candIndex = new Map(input.candidates.map((c, i) => [c, i]));
  const n = s.supports.reduce((a, [, sup]) => a + sup.voters.length, 0);
  const supCand = new Int32Array(s.supports.length), supStart = new Int32Array(s.supports.length + 1), supVoter = new Int32Array(n);
  const w: bigint[] = new Array<bigint>(n);
  let k = 0;
  s.supports.forEach(([c, sup], i) => {
    supCand[i] = candIndex.get(c)!;
    for (const [who, x] of sup.voters) { supVoter[k] = voterIndex.get(who)!; w[k++] = x; }
    supStart[i + 1] = k;
  });
  return { ticket, winners: Int32Array.from(s.winners, (c) => candIndex.get(c)!), supCand, supStart, supVoter, supWeight: weightsOf(w) };
}

/** Rebuilds the supports; totals are the saturating sums of the weights, as the pipeline accumulates them. */
export function decodeReply(r: Extract<SolveReply, { winners: Int32Array }>, input: ElectionInput): ElectionSupports {
  const supports: Array<readonly [AccountId, Support]> = [];
  for (let i = 0; i < r.supCand.length; i++) {
    const voters: Array<readonly [AccountId, bigint]> = [];
    let total = 0n;
    for (let k = r.supStart[i]!; k < r.supStart[i + 1]!; k++) {
      const x = BigInt(r.supWeight[k]!);
      voters.push([input.voters[r.supVoter[k]!]!.who, x]);
      total += x;
    }
    supports.push([input.candidates[r.supCand[i]!]!, { total: sat(total), voters }]);
  }
  return { winners: Array.from(r.winners, (c) => input.candidates[c]!), supports };
}
