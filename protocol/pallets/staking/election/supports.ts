// The staking pipeline from an election graph straight to supports, without materialising per-voter Assignment
// objects: for each voter, edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100%
// -> back to stake (ratio * stake, nearest) -> normalized to the voter's stake -> [the miner's reduce, then the ratio
// round trip] -> appended to each winner's support in voter order. Same steps and rounding as finishElection +
// resultToSupports (+ reduce.rs and the assignment conversions); tests prove equality. Used by the staking pallet
// every era, so it runs on flat arrays indexed by candidate (no per-voter objects), and in float64 for voters whose
// stake is below 2^52 (every value of such a voter's pipeline is then an integer below 2^53, so float arithmetic is
// exact; the few steps that are not exact in floats by construction are done in limbs or certified, see below);
// larger stakes take the same steps in bigint.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, fromRational, mulRound } from '../../../primitives/perthing.js';
import { graphOf, sat, setupInputs, type BalancingConfig, type Graph, type LiveEdges, type TopologyCache, type VoterInput } from './graph.js';
import { normalizeInPlace, normalizeNumInPlace } from './normalize.js';
import { seqPhragmenCore } from './phragmen.js';
import { phragmmsOnGraph } from './phragmms.js';
import { balance } from './balancing.js';
import { compareAccount, type Support } from './result.js';
import { reduce, reduceFlatNum, type MutableStaked } from './reduce.js';
import { assert } from '../../../primitives/dispatch.js';
import { smallToNumber } from '../../../primitives/u64-cell.js';

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
  // The pooled graph lives until graphToSupports returns, whose output holds no reference to its arrays.
  const g = cache === null ? setupInputs(candidates, voters) : graphOf(cache.topology(candidates, voters), voters, cache.pool);
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
  const sup = new SupportBuilder(C);
  let s = stakedFlat(g);
  if (!reduced) {
    for (let r = 0; r < s.voters; r++) {
      const who = g.voterWho[s.graphVoter[r]!]!, small = s.small[r] === 1;
      for (let k = s.start[r]!; k < s.start[r]! + s.len[r]!; k++) {
        if (small) sup.addNum(s.target[k]!, who, s.num[k]!); else sup.add(s.target[k]!, who, s.big.get(k)!);
      }
    }
  } else {
    assertDistinctVoters(g, s);
    const voterKey = voterKeys(g, s);
    // One object literal site: the kernels always see one shape (a spread copy would not guarantee it).
    if (multiEntryAllSmall(s) &&
        reduceFlatNum({ voters: s.voters, targets: s.targets, start: s.start, len: s.len, target: s.target, weight: s.num, voterKey }) !== null) {
      ratioRoundTripNum(g, s, sup);
    } else { // a multi-entry voter with stake >= 2^52, or the float reduce left its exact range (input rebuilt)
      s = stakedFlat(g);
      const weight = Array.from({ length: s.entries }, (_, k) => s.big.get(k) ?? BigInt(s.num[k]!));
      reduceByPort(g, s, weight);
      ratioRoundTripBig(g, s, weight, sup);
    }
  }
  const order: number[] = [];
  for (let c = 0; c < C; c++) if (sup.voters[c]!.length > 0) order.push(c);
  order.sort((a, b) => compareAccount(g.candWho[a]!, g.candWho[b]!));
  for (const c of order) if (!winnerSet[c]) throw new Error(`election: support for a non-winner ${g.candWho[c]}`);
  return {
    winners: winnersIdx.slice(0, toElect).map((c) => g.candWho[c]!),
    supports: order.map((c) => [g.candWho[c]!, { total: sup.total(c), voters: sup.voters[c]! }] as const),
  };
}

/**
 * Winners' supports in voter order. Totals saturate at u128 like the chain's; all terms are non-negative, so adding
 * float64 terms into an exact partial sum (flushed to the bigint before it could pass 2^53) and saturating at the end
 * gives the same total as saturating after every term.
 */
class SupportBuilder {
  readonly voters: Array<Array<readonly [AccountId, bigint]>>;
  private readonly big: bigint[];
  private readonly partial: Float64Array;
  constructor(C: number) {
    this.voters = Array.from({ length: C }, () => []);
    this.big = new Array<bigint>(C).fill(0n);
    this.partial = new Float64Array(C);
  }
  add(c: number, who: AccountId, w: bigint): void { this.voters[c]!.push([who, w]); this.big[c] = sat(this.big[c]! + w); }
  /** `w` an integer below 2^53. */
  addNum(c: number, who: AccountId, w: number): void {
    this.voters[c]!.push([who, BigInt(w)]);
    if (this.partial[c]! + w > Number.MAX_SAFE_INTEGER) { this.big[c] = sat(this.big[c]! + BigInt(this.partial[c]!)); this.partial[c] = 0; }
    this.partial[c]! += w;
  }
  total(c: number): bigint { return sat(this.big[c]! + BigInt(this.partial[c]!)); }
}

/** Voter stakes below this take the float64 route (every value of the voter's pipeline then stays below 2^53). */
const SMALL_STAKE_MAX = 2n ** 52n;

const ONE_NUM = 1e9; // PERBILL.accuracy
const HALF_NUM = 5e8;

/**
 * Perbill::from_rational(w, total) on float64 integers below 2^53: floor(w × 10^9 / total), 100% when w >= total or
 * total = 0. The float quotient is within 2.3e-7 of the exact one (two roundings of a value below 10^9), so its floor
 * is exact unless it lies within 1e-6 of an integer; then the bigint formula decides.
 */
export function fromRationalNum(w: number, total: number): number {
  if (total === 0 || w >= total) return ONE_NUM;
  const f = (w * ONE_NUM) / total;
  const q = Math.floor(f);
  if (f - q > 1e-6 && q + 1 - f > 1e-6) return q;
  return Number(fromRational(PERBILL, BigInt(w), BigInt(total)));
}

/** A stake below 2^52 split for mulRoundNum: b = hi·10^9 + lo1·2^15 + lo0. */
class StakeLimbs {
  hi = 0; lo1 = 0; lo0 = 0;
  set(b: number): this {
    let hi = Math.floor(b / ONE_NUM), lo = b - hi * ONE_NUM; // float quotient off by at most one (b < 2^53)
    if (lo < 0) { hi--; lo += ONE_NUM; } else if (lo >= ONE_NUM) { hi++; lo -= ONE_NUM; }
    this.hi = hi; this.lo0 = lo & 32767; this.lo1 = lo >>> 15; // lo < 10^9 < 2^30: int32 bit ops are exact
    return this;
  }
}

/**
 * mulRound(PERBILL, p, b) on float64 integers (p <= 10^9, b < 2^52 given as limbs): p × b / 10^9 rounded to nearest,
 * ties down, computed exactly: p·b = 10^9·(p·hi + a1·2^15) + c with a = p·lo1 = a1·10^9 + a0 and c = a0·2^15 + p·lo0,
 * so no product passes 2^53. Quotients by 10^9 come from a float division corrected by one step (its error is < 1).
 */
export function mulRoundNum(p: number, b: StakeLimbs): number {
  const a = p * b.lo1; // < 2^45
  let a1 = Math.floor(a / ONE_NUM), a0 = a - a1 * ONE_NUM;
  if (a0 < 0) { a1--; a0 += ONE_NUM; } else if (a0 >= ONE_NUM) { a1++; a0 -= ONE_NUM; } // guard: a < 2^45 keeps the float quotient exact
  const c = a0 * 32768 + p * b.lo0; // < 2^46
  let c1 = Math.floor(c / ONE_NUM), r = c - c1 * ONE_NUM;
  if (r < 0) { c1--; r += ONE_NUM; } else if (r >= ONE_NUM) { c1++; r -= ONE_NUM; }
  const q = p * b.hi + a1 * 32768 + c1;
  return r > HALF_NUM ? q + 1 : q;
}

/** mulRoundNum for one stake (tests; the pipeline splits each voter's stake once). */
export function mulRoundNumOf(p: number, b: number): number { return mulRoundNum(p, new StakeLimbs().set(b)); }

/** Staked assignments of the voters with at least one edge left, in flat form (targets are candidate indices). */
interface StakedFlat {
  readonly voters: number;
  readonly targets: number;
  /** Entries in use (the arrays are reused scratch and may be longer). */
  readonly entries: number;
  readonly start: Int32Array;
  readonly len: Int32Array;
  readonly target: Int32Array;
  /** Exact weights of small voters (stake < 2^52); a float approximation for the others. */
  readonly num: Float64Array;
  /** Exact weights of the other voters, by flat index. */
  readonly big: Map<number, bigint>;
  readonly small: Uint8Array;
  /** Graph voter index of flat voter r. */
  readonly graphVoter: Int32Array;
}

/**
 * Per voter: edge weights -> Perbill ratios (from_rational, zero ratios dropped) -> normalized to 100% -> back to stake
 * (ratio × stake, nearest; zero ratios dropped) -> normalized to the voter's stake. Voters left without a ratio drop.
 * Small voters in float64 (exact, see fromRationalNum / mulRoundNum), the others in bigint: the same steps.
 */
/**
 * stakedFlat's arrays, kept between calls (a 20k-voter era allocated ~4 MB of typed arrays per call, which showed up
 * as GC time). Scratch only: graphToSupports consumes them before it returns and its output never refers to them.
 */
const flat = { voterCap: 0, edgeCap: 0, start: new Int32Array(0), len: new Int32Array(0), graphVoter: new Int32Array(0),
  small: new Uint8Array(0), target: new Int32Array(0), num: new Float64Array(0) };
function flatScratch(V: number, E: number): typeof flat {
  if (flat.voterCap < V) {
    const cap = Math.max(V, 2 * flat.voterCap);
    Object.assign(flat, { voterCap: cap, start: new Int32Array(cap), len: new Int32Array(cap), graphVoter: new Int32Array(cap), small: new Uint8Array(cap) });
  }
  if (flat.edgeCap < E) {
    const cap = Math.max(E, 2 * flat.edgeCap);
    Object.assign(flat, { edgeCap: cap, target: new Int32Array(cap), num: new Float64Array(cap) });
  }
  return flat;
}

function stakedFlat(g: Graph): StakedFlat {
  const V = g.voterWho.length, E = g.edgeCand.length;
  const { start, len, graphVoter, small, target, num } = flatScratch(V, E);
  const big = new Map<number, bigint>();
  const stakedBig: bigint[] = [];
  const degree = maxDegree(g);
  const partsNum = new Float64Array(degree);
  const stakeLimbs = new StakeLimbs();
  const parts: bigint[] = [];
  const edges = new Int32Array(degree);
  const { alive, edgeVoter, weight: edgeWeight, edgeCand, budget } = g; // read once: the graph's shape is not ours
  // Voters with an alive edge, in voter order, each with its alive edges in edge order: the alive edges in ascending
  // order grouped by voter (edges are numbered voter by voter). Voters without one are dropped below anyway.
  const live = liveEdgesOf(g);
  const liveEdges = live.edges, liveCount = live.count;
  let r = 0, at = 0, previous = -1;
  for (let i = 0; i < liveCount;) {
    const v = edgeVoter[liveEdges[i]!]!;
    const b = budget[v]!;
    const isSmall = b < SMALL_STAKE_MAX; // (budgets are non-negative: checked when the graph is built)
    const B = isSmall ? smallToNumber(b) : Number(b);
    let nEdges = 0;
    if (!isSmall) parts.length = 0;
    for (; i < liveCount && edgeVoter[liveEdges[i]!] === v; i++) {
      const e = liveEdges[i]!;
      if (e <= previous || !alive[e]) assert(false, 'election: the live edge list is not the ascending alive edges');
      previous = e;
      const w = edgeWeight[e]!;
      if (isSmall) {
        const p = B === 0 || w >= b ? ONE_NUM
          : w >= 0n ? fromRationalNum(smallToNumber(w), B) // 0 <= w < b < 2^52
          : Number((w * ONE) / b); // corrupt input: the same value as the bigint route (normalize then refuses it)
        if (p !== 0) { partsNum[nEdges] = p; edges[nEdges++] = e; }
      } else {
        const p = w >= b ? ONE : (w * ONE) / b;
        if (p !== 0n) { edges[nEdges++] = e; parts.push(p); }
      }
    }
    if (nEdges === 0) continue;
    start[r] = at; graphVoter[r] = v; small[r] = isSmall ? 1 : 0;
    if (nEdges === 1) {
      // One target: the ratio normalizes to 100% and 100% of the stake is the stake (no rounding possible).
      target[at] = edgeCand[edges[0]!]!; num[at] = B; if (!isSmall) big.set(at, b); at++;
      len[r++] = 1;
      continue;
    }
    const first = at;
    if (isSmall) {
      normalizeNumInPlace(partsNum, 0, nEdges, ONE_NUM);
      const limbs = stakeLimbs.set(B);
      for (let i = 0; i < nEdges; i++) {
        if (partsNum[i] === 0) continue;
        target[at] = edgeCand[edges[i]!]!; num[at] = mulRoundNum(partsNum[i]!, limbs); at++;
      }
      normalizeNumInPlace(num, first, at - first, B);
    } else {
      normalizeInPlace(parts, 0, parts.length, ONE);
      stakedBig.length = 0;
      for (let i = 0; i < nEdges; i++) {
        if (parts[i] === 0n) continue;
        target[at++] = edgeCand[edges[i]!]!; stakedBig.push(mulRound(PERBILL, parts[i]!, b));
      }
      normalizeInPlace(stakedBig, 0, stakedBig.length, b);
      for (let k = first; k < at; k++) { big.set(k, stakedBig[k - first]!); num[k] = Number(stakedBig[k - first]!); }
    }
    len[r++] = at - first;
  }
  return { voters: r, targets: g.candWho.length, entries: at, start, len, target, num, big, small, graphVoter };
}

/** The alive edges seq-Phragmén listed, else those found by a scan (into the graph's scratch array). */
function liveEdgesOf(g: Graph): LiveEdges {
  if (g.liveCount >= 0) return { edges: g.liveScratch, count: g.liveCount };
  const edges = g.liveScratch, alive = g.alive, E = g.edgeCand.length;
  let count = 0;
  for (let e = 0; e < E; e++) if (alive[e]) edges[count++] = e;
  return { edges, count };
}

function maxDegree(g: Graph): number {
  let m = 0;
  for (let v = 0; v < g.voterWho.length; v++) m = Math.max(m, g.edgeStart[v + 1]! - g.edgeStart[v]!);
  return m;
}

/** The float64 reduce applies: every voter with two or more entries is small. */
function multiEntryAllSmall(s: StakedFlat): boolean {
  for (let r = 0; r < s.voters; r++) if (s.len[r]! >= 2 && s.small[r] !== 1) return false;
  return true;
}

/**
 * The bigint route (rare: some voter with two or more entries has a stake of 2^52 or more): reduce.rs's port on
 * assignment objects with the real accounts, written back into the flat segments (reduce only removes entries, so each
 * voter's segment shrinks in place and keeps its order).
 */
function reduceByPort(g: Graph, s: StakedFlat, weight: bigint[]): void {
  const assignments: MutableStaked[] = new Array<MutableStaked>(s.voters);
  for (let r = 0; r < s.voters; r++) {
    const distribution: Array<[AccountId, bigint]> = [];
    for (let k = s.start[r]!; k < s.start[r]! + s.len[r]!; k++) distribution.push([g.candWho[s.target[k]!]!, weight[k]!]);
    assignments[r] = { who: g.voterWho[s.graphVoter[r]!]!, distribution };
  }
  reduce(assignments);
  const candIndex = new Map<AccountId, number>();
  for (let c = 0; c < g.candWho.length; c++) candIndex.set(g.candWho[c]!, c);
  for (let r = 0; r < s.voters; r++) {
    const d = assignments[r]!.distribution, b = s.start[r]!;
    assert(d.length <= s.len[r]!, 'reduce: an assignment grew');
    s.len[r] = d.length;
    for (let i = 0; i < d.length; i++) { s.target[b + i] = candIndex.get(d[i]![0])!; weight[b + i] = d[i]![1]; }
  }
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
function voterKeys(g: Graph, s: StakedFlat): Int32Array {
  const self = selfVoteIndex(g);
  const voterKey = new Int32Array(s.voters);
  for (let r = 0; r < s.voters; r++) { const c = self[s.graphVoter[r]!]!; voterKey[r] = c >= 0 ? c : s.targets + r; }
  return voterKey;
}

/**
 * Graph voter -> index of the candidate with the same account, or -1. A function of the two account arrays only, so it
 * is memoised on them: a cached topology hands the same (read-only) arrays to every era while nominations stand.
 */
const selfVoteMemo = new WeakMap<readonly AccountId[], { readonly candWho: readonly AccountId[]; readonly index: Int32Array }>();
function selfVoteIndex(g: Graph): Int32Array {
  const hit = selfVoteMemo.get(g.voterWho);
  if (hit !== undefined && hit.candWho === g.candWho && hit.index.length === g.voterWho.length) return hit.index;
  const candIndex = new Map<AccountId, number>();
  for (let c = 0; c < g.candWho.length; c++) candIndex.set(g.candWho[c]!, c);
  const index = new Int32Array(g.voterWho.length);
  for (let v = 0; v < g.voterWho.length; v++) index[v] = candIndex.get(g.voterWho[v]!) ?? -1;
  selfVoteMemo.set(g.voterWho, { candWho: g.candWho, index });
  return index;
}

/**
 * assignment_staked_to_ratio_normalized then assignment_ratio_to_staked_normalized, per voter, in voter order: the
 * solution travels as ratios (Perbill::from_rational(w, Σw), zero ratios dropped, normalized to 100%) and the chain
 * turns them back into stake (ratio × stake rounded to nearest, zero ratios dropped, normalized to the snapshot stake).
 */
function ratioRoundTripBig(g: Graph, s: StakedFlat, weight: readonly bigint[], sup: SupportBuilder): void {
  const scratch: RoundTripScratch = { ratio: [], tgt: [] };
  for (let r = 0; r < s.voters; r++) {
    const v = s.graphVoter[r]!;
    roundTripVoterBig(g.voterWho[v]!, g.budget[v]!, weight, s.target, s.start[r]!, s.len[r]!, scratch, sup);
  }
}

interface RoundTripScratch { readonly ratio: bigint[]; readonly tgt: number[] }

/** One voter's round trip (entries weight/target[b .. b + n)), in bigint. */
function roundTripVoterBig(who: AccountId, stake: bigint, weight: readonly bigint[], target: Int32Array, b: number, n: number,
                           scratch: RoundTripScratch, sup: SupportBuilder): void {
  if (n === 1) { sup.add(target[b]!, who, stake); return; } // 100% either way
  const { ratio, tgt } = scratch;
  let total = 0n;
  for (let k = b; k < b + n; k++) total += weight[k]!;
  ratio.length = 0; tgt.length = 0;
  for (let k = b; k < b + n; k++) {
    const p = fromRational(PERBILL, weight[k]!, total);
    if (p !== 0n) { ratio.push(p); tgt.push(target[k]!); }
  }
  normalizeInPlace(ratio, 0, ratio.length, ONE);
  let m = 0;
  for (let i = 0; i < ratio.length; i++) {
    if (ratio[i] === 0n) continue;
    ratio[m] = mulRound(PERBILL, ratio[i]!, stake); tgt[m] = tgt[i]!; m++;
  }
  normalizeInPlace(ratio, 0, m, stake);
  for (let i = 0; i < m; i++) sup.add(tgt[i]!, who, ratio[i]!);
}

/** ratioRoundTripBig on float64 weights, for reductions where every multi-entry voter is small (exact, same steps). */
function ratioRoundTripNum(g: Graph, s: StakedFlat, sup: SupportBuilder): void {
  let ratio = new Float64Array(16), tgt = new Int32Array(16);
  const stakeLimbs = new StakeLimbs();
  const { voterWho, budget } = g;
  const { start, len, target, num, graphVoter } = s;
  const bigScratch: RoundTripScratch = { ratio: [], tgt: [] };
  for (let r = 0; r < s.voters; r++) {
    const v = graphVoter[r]!, who = voterWho[v]!;
    const b = start[r]!, n = len[r]!;
    if (n === 1) { sup.add(target[b]!, who, budget[v]!); continue; } // 100% either way
    const stake = smallToNumber(budget[v]!); // a multi-entry voter: small (multiEntryAllSmall)
    if (ratio.length < n) { ratio = new Float64Array(2 * n); tgt = new Int32Array(2 * n); }
    let total = 0;
    for (let k = b; k < b + n; k++) total += num[k]!;
    if (total > Number.MAX_SAFE_INTEGER) { // reduce.rs moved stake between voters (see reduce.ts): exact in bigint
      const w: bigint[] = [];
      for (let k = b; k < b + n; k++) w.push(BigInt(num[k]!)); // each below 2^53: exact
      roundTripVoterBig(who, budget[v]!, w, target.subarray(b, b + n), 0, n, bigScratch, sup);
      continue;
    }
    let m = 0;
    for (let k = b; k < b + n; k++) {
      const p = fromRationalNum(num[k]!, total);
      if (p !== 0) { ratio[m] = p; tgt[m] = target[k]!; m++; }
    }
    normalizeNumInPlace(ratio, 0, m, ONE_NUM);
    const limbs = stakeLimbs.set(stake);
    let kept = 0;
    for (let i = 0; i < m; i++) {
      if (ratio[i] === 0) continue;
      ratio[kept] = mulRoundNum(ratio[i]!, limbs); tgt[kept] = tgt[i]!; kept++;
    }
    normalizeNumInPlace(ratio, 0, kept, stake);
    for (let i = 0; i < kept; i++) sup.addNum(tgt[i]!, who, ratio[i]!);
  }
}
