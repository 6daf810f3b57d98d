// The staking pipeline from an election graph straight to supports, without materialising per-voter Assignment
// objects: for each voter, edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100%
// -> back to stake (ratio * stake, nearest) -> normalized to the voter's stake -> appended to each winner's support
// in voter order. Same steps and rounding as finishElection + resultToSupports (a test proves equality); used by the
// staking pallet every era, where the object churn of the general path dominated the cost.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, mulRound } from '../../../primitives/perthing.js';
import { graphOf, sat, setupInputs, type BalancingConfig, type Graph, type TopologyCache, type VoterInput } from './graph.js';
import { normalize } from './normalize.js';
import { seqPhragmenCore } from './phragmen.js';
import { phragmmsOnGraph } from './phragmms.js';
import { balance } from './balancing.js';
import { compareAccount, type Support } from './result.js';

const ONE = PERBILL.accuracy;

export interface ElectionSupports {
  /** Winners in election-round order. */
  readonly winners: readonly AccountId[];
  /** Supports of winners with at least one backing voter, sorted by account. */
  readonly supports: ReadonlyArray<readonly [AccountId, Support]>;
}

export function electSupports(algorithm: 'phragmen' | 'phragmms', toElect: number, candidates: readonly AccountId[],
                              voters: readonly VoterInput[], balancing: BalancingConfig | null,
                              cache: TopologyCache | null = null): ElectionSupports {
  const g = cache === null ? setupInputs(candidates, voters) : graphOf(cache.topology(candidates, voters), voters);
  if (algorithm === 'phragmen') {
    seqPhragmenCore(g, toElect);
    if (balancing !== null) balance(g, balancing);
  } else {
    phragmmsOnGraph(g, toElect, balancing);
  }
  return graphToSupports(g, toElect);
}

export function graphToSupports(g: Graph, toElect: number): ElectionSupports {
  const C = g.candWho.length;
  const winnersIdx: number[] = [];
  for (let c = 0; c < C; c++) if (g.elected[c]) winnersIdx.push(c);
  winnersIdx.sort((a, b) => g.round[a]! - g.round[b]!);
  const winnerSet = new Uint8Array(C);
  for (const c of winnersIdx.slice(0, toElect)) winnerSet[c] = 1;
  const supVoters: Array<Array<readonly [AccountId, bigint]>> = Array.from({ length: C }, () => []);
  const supTotal: bigint[] = new Array<bigint>(C).fill(0n);
  const edges: number[] = [];
  const parts: bigint[] = [];
  for (let v = 0; v < g.voterWho.length; v++) {
    const b = g.budget[v]!;
    edges.length = 0; parts.length = 0;
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      if (!g.alive[e]) continue;
      const w = g.weight[e]!;
      const p = b === 0n || w >= b ? ONE : (w * ONE) / b;
      if (p !== 0n) { edges.push(e); parts.push(p); }
    }
    if (edges.length === 0) continue;
    const who = g.voterWho[v]!;
    if (edges.length === 1) {
      // One target: the ratio normalizes to 100% and 100% of the stake is the stake (no rounding possible).
      const c = g.edgeCand[edges[0]!]!;
      supVoters[c]!.push([who, b]);
      supTotal[c] = sat(supTotal[c]! + b);
      continue;
    }
    const normParts = normalize(parts, ONE);
    const stakedEdges: number[] = [];
    const staked: bigint[] = [];
    for (let i = 0; i < edges.length; i++) {
      if (normParts[i] === 0n) continue;
      stakedEdges.push(edges[i]!);
      staked.push(mulRound(PERBILL, normParts[i]!, b));
    }
    const normStaked = normalize(staked, b);
    for (let i = 0; i < stakedEdges.length; i++) {
      const c = g.edgeCand[stakedEdges[i]!]!;
      supVoters[c]!.push([who, normStaked[i]!]);
      supTotal[c] = sat(supTotal[c]! + normStaked[i]!);
    }
  }
  const order = Array.from({ length: C }, (_, i) => i).filter((c) => supVoters[c]!.length > 0);
  order.sort((a, b) => compareAccount(g.candWho[a]!, g.candWho[b]!));
  for (const c of order) if (!winnerSet[c]) throw new Error(`election: support for a non-winner ${g.candWho[c]}`);
  return {
    winners: winnersIdx.slice(0, toElect).map((c) => g.candWho[c]!),
    supports: order.map((c) => [g.candWho[c]!, { total: supTotal[c]!, voters: supVoters[c]! }] as const),
  };
}
