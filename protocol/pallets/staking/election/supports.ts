// The staking pipeline from an election graph straight to supports, without materialising per-voter Assignment
// objects: for each voter, edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100%
// -> back to stake (ratio * stake, nearest) -> normalized to the voter's stake -> appended to each winner's support
// in voter order. Same steps and rounding as finishElection + resultToSupports (a test proves equality); used by the
// staking pallet every era, where the object churn of the general path dominated the cost.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, fromRational, mulRound } from '../../../primitives/perthing.js';
import { graphOf, sat, setupInputs, type BalancingConfig, type Graph, type TopologyCache, type VoterInput } from './graph.js';
import { normalize } from './normalize.js';
import { seqPhragmenCore } from './phragmen.js';
import { phragmmsOnGraph } from './phragmms.js';
import { balance } from './balancing.js';
import { assignmentToStaked, compareAccount, type Support } from './result.js';
import { reduce, type MutableStaked } from './reduce.js';

const ONE = PERBILL.accuracy;

export interface ElectionSupports {
  /** Winners in election-round order. */
  readonly winners: readonly AccountId[];
  /** Supports of winners with at least one backing voter, sorted by account. */
  readonly supports: ReadonlyArray<readonly [AccountId, Support]>;
}

export interface ElectOptions {
  /** Memo of the graph's shape across elections (staking keeps one). */
  readonly cache?: TopologyCache | null;
  /**
   * The miner's solution path (EPM Miner::mine_solution): staked assignments -> reduce -> ratios (normalized) ->
   * staked again with the snapshot stakes (the on-chain feasibility check) -> supports. Without it: the on-chain
   * fallback path (OnChainSeqPhragmen: ratios -> staked -> supports).
   */
  readonly reduce?: boolean;
}

export function electSupports(algorithm: 'phragmen' | 'phragmms', toElect: number, candidates: readonly AccountId[],
                              voters: readonly VoterInput[], balancing: BalancingConfig | null,
                              opts: ElectOptions = {}): ElectionSupports {
  const cache = opts.cache ?? null;
  const g = cache === null ? setupInputs(candidates, voters) : graphOf(cache.topology(candidates, voters), voters);
  if (algorithm === 'phragmen') {
    seqPhragmenCore(g, toElect);
    if (balancing !== null) balance(g, balancing);
  } else {
    phragmmsOnGraph(g, toElect, balancing);
  }
  return graphToSupports(g, toElect, opts.reduce ?? false);
}

export function graphToSupports(g: Graph, toElect: number, reduced = false): ElectionSupports {
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
  const forReduce: MutableStaked[] | null = reduced ? [] : null;
  const stakeOf: bigint[] = [];
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
      if (forReduce !== null) { forReduce.push({ who, distribution: [[g.candWho[c]!, b]] }); stakeOf.push(b); continue; }
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
    if (forReduce !== null) {
      forReduce.push({ who, distribution: stakedEdges.map((e, i) => [g.candWho[g.edgeCand[e]!]!, normStaked[i]!] as [AccountId, bigint]) });
      stakeOf.push(b);
      continue;
    }
    for (let i = 0; i < stakedEdges.length; i++) {
      const c = g.edgeCand[stakedEdges[i]!]!;
      supVoters[c]!.push([who, normStaked[i]!]);
      supTotal[c] = sat(supTotal[c]! + normStaked[i]!);
    }
  }
  if (forReduce !== null) {
    reduce(forReduce);
    const candIndex = new Map(g.candWho.map((c, i) => [c, i]));
    forReduce.forEach((a, i) => {
      for (const [t, w] of ratioRoundTrip(a.distribution, stakeOf[i]!)) {
        const c = candIndex.get(t)!;
        supVoters[c]!.push([a.who, w]);
        supTotal[c] = sat(supTotal[c]! + w);
      }
    });
  }
  const order = Array.from({ length: C }, (_, i) => i).filter((c) => supVoters[c]!.length > 0);
  order.sort((a, b) => compareAccount(g.candWho[a]!, g.candWho[b]!));
  for (const c of order) if (!winnerSet[c]) throw new Error(`election: support for a non-winner ${g.candWho[c]}`);
  return {
    winners: winnersIdx.slice(0, toElect).map((c) => g.candWho[c]!),
    supports: order.map((c) => [g.candWho[c]!, { total: supTotal[c]!, voters: supVoters[c]! }] as const),
  };
}

/**
 * assignment_staked_to_ratio_normalized then assignment_ratio_to_staked_normalized: the solution travels as ratios
 * (Perbill::from_rational(w, Σw), zero ratios dropped, normalized to 100%) and the chain turns them back into stake
 * (ratio × stake rounded to nearest, normalized to the voter's snapshot stake).
 */
function ratioRoundTrip(dist: ReadonlyArray<readonly [AccountId, bigint]>, stake: bigint): ReadonlyArray<readonly [AccountId, bigint]> {
  if (dist.length === 1) return [[dist[0]![0], stake]]; // 100% either way
  let total = 0n;
  for (const [, w] of dist) total += w;
  const kept = dist.map(([t, w]) => [t, fromRational(PERBILL, w, total)] as const).filter(([, p]) => p !== 0n);
  const ratios = normalize(kept.map(([, p]) => p), ONE);
  return assignmentToStaked({ who: '', distribution: kept.map(([t], i) => [t, ratios[i]!] as const) }, stake).distribution;
}
