// The staking pipeline from an election graph straight to supports, without materialising per-voter Assignment
// objects: for each voter, edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100%
// -> back to stake (ratio * stake, nearest) -> normalized to the voter's stake -> appended to each winner's support
// in voter order. Same steps and rounding as finishElection + resultToSupports (a test proves equality); used by the
// staking pallet every era, where the object churn of the general path dominated the cost.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, fromRational, mulRound } from '../../../primitives/perthing.js';
import { graphOf, sat, setupInputs, type BalancingConfig, type Graph, type TopologyCache, type VoterInput } from './graph.js';
import { normalizeInPlace } from './normalize.js';
import { seqPhragmenCore } from './phragmen.js';
import { phragmmsOnGraph } from './phragmms.js';
import { balance } from './balancing.js';
import { compareAccount, type Support } from './result.js';
import { reduceFlat, type FlatStaked } from './reduce.js';
import { assert } from '../../../primitives/dispatch.js';

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
  const add = (c: number, who: AccountId, w: bigint): void => { supVoters[c]!.push([who, w]); supTotal[c] = sat(supTotal[c]! + w); };
  const s = stakedFlat(g);
  if (reduced) {
    assertDistinctVoters(g, s);
    reduceFlat(withVoterKeys(g, s));
    ratioRoundTripFlat(g, s, add);
  } else {
    for (let r = 0; r < s.voters; r++) {
      const who = g.voterWho[s.graphVoter[r]!]!;
      for (let k = s.start[r]!; k < s.start[r]! + s.len[r]!; k++) add(s.target[k]!, who, s.weight[k]!);
    }
  }
  const order: number[] = [];
  for (let c = 0; c < C; c++) if (supVoters[c]!.length > 0) order.push(c);
  order.sort((a, b) => compareAccount(g.candWho[a]!, g.candWho[b]!));
  for (const c of order) if (!winnerSet[c]) throw new Error(`election: support for a non-winner ${g.candWho[c]}`);
  return {
    winners: winnersIdx.slice(0, toElect).map((c) => g.candWho[c]!),
    supports: order.map((c) => [g.candWho[c]!, { total: supTotal[c]!, voters: supVoters[c]! }] as const),
  };
}

/** Staked assignments of the voters with at least one edge left, in flat form (targets are candidate indices). */
interface StakedFlat extends Omit<FlatStaked, 'voterKey'> {
  /** Graph voter index of flat voter r. */
  readonly graphVoter: Int32Array;
}

/**
 * Per voter: edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100% -> back to stake
 * (ratio × stake, nearest; zero ratios dropped) -> normalized to the voter's stake. Voters left without a ratio drop.
 */
function stakedFlat(g: Graph): StakedFlat {
  const V = g.voterWho.length, E = g.edgeCand.length;
  const start = new Int32Array(V), len = new Int32Array(V), graphVoter = new Int32Array(V);
  const target = new Int32Array(E);
  const weight: bigint[] = new Array<bigint>(E);
  const parts: bigint[] = [];
  const edges: number[] = [];
  let r = 0, at = 0;
  for (let v = 0; v < V; v++) {
    const b = g.budget[v]!;
    edges.length = 0; parts.length = 0;
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      if (!g.alive[e]) continue;
      const w = g.weight[e]!;
      const p = b === 0n || w >= b ? ONE : (w * ONE) / b;
      if (p !== 0n) { edges.push(e); parts.push(p); }
    }
    if (edges.length === 0) continue;
    start[r] = at; graphVoter[r] = v;
    if (edges.length === 1) {
      // One target: the ratio normalizes to 100% and 100% of the stake is the stake (no rounding possible).
      target[at] = g.edgeCand[edges[0]!]!; weight[at] = b; at++;
      len[r++] = 1;
      continue;
    }
    normalizeInPlace(parts, 0, parts.length, ONE);
    const first = at;
    for (let i = 0; i < edges.length; i++) {
      if (parts[i] === 0n) continue;
      target[at] = g.edgeCand[edges[i]!]!; weight[at] = mulRound(PERBILL, parts[i]!, b); at++;
    }
    normalizeInPlace(weight, first, at - first, b);
    len[r++] = at - first;
  }
  return { voters: r, targets: g.candWho.length, start, len, target, weight, graphVoter };
}

/** reduce's duplicate-voter check (a panic on chain). Staking's voters come sorted, so one pass usually decides. */
function assertDistinctVoters(g: Graph, s: StakedFlat): void {
  let sorted = true;
  for (let r = 1; r < s.voters && sorted; r++) sorted = g.voterWho[s.graphVoter[r - 1]!]! < g.voterWho[s.graphVoter[r]!]!;
  if (sorted) return;
  const seen = new Set<AccountId>();
  for (let r = 0; r < s.voters; r++) {
    const who = g.voterWho[s.graphVoter[r]!]!;
    if (seen.has(who)) assert(false, `reduce: duplicate voter ${who}`);
    seen.add(who);
  }
}

/** The voters' accounts as reduce_all compares them with targets: a voter that is also a candidate (self vote). */
function withVoterKeys(g: Graph, s: StakedFlat): FlatStaked {
  const candIndex = new Map<AccountId, number>();
  for (let c = 0; c < g.candWho.length; c++) candIndex.set(g.candWho[c]!, c);
  const voterKey = new Int32Array(s.voters);
  for (let r = 0; r < s.voters; r++) voterKey[r] = candIndex.get(g.voterWho[s.graphVoter[r]!]!) ?? s.targets + r;
  return { ...s, voterKey };
}

/**
 * assignment_staked_to_ratio_normalized then assignment_ratio_to_staked_normalized, per voter, in voter order: the
 * solution travels as ratios (Perbill::from_rational(w, Σw), zero ratios dropped, normalized to 100%) and the chain
 * turns them back into stake (ratio × stake rounded to nearest, zero ratios dropped, normalized to the snapshot stake).
 */
function ratioRoundTripFlat(g: Graph, s: StakedFlat, add: (c: number, who: AccountId, w: bigint) => void): void {
  const ratio: bigint[] = [], tgt: number[] = [];
  for (let r = 0; r < s.voters; r++) {
    const v = s.graphVoter[r]!, who = g.voterWho[v]!, stake = g.budget[v]!;
    const b = s.start[r]!, n = s.len[r]!;
    if (n === 1) { add(s.target[b]!, who, stake); continue; } // 100% either way
    let total = 0n;
    for (let k = b; k < b + n; k++) total += s.weight[k]!;
    ratio.length = 0; tgt.length = 0;
    for (let k = b; k < b + n; k++) {
      const p = fromRational(PERBILL, s.weight[k]!, total);
      if (p !== 0n) { ratio.push(p); tgt.push(s.target[k]!); }
    }
    normalizeInPlace(ratio, 0, ratio.length, ONE);
    let m = 0;
    for (let i = 0; i < ratio.length; i++) {
      if (ratio[i] === 0n) continue;
      ratio[m] = mulRound(PERBILL, ratio[i]!, stake); tgt[m] = tgt[i]!; m++;
    }
    normalizeInPlace(ratio, 0, m, stake);
    for (let i = 0; i < m; i++) add(tgt[i]!, who, ratio[i]!);
  }
}

