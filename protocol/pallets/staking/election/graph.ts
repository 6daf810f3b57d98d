// The election's working state: candidates, voters and their edges in flat arrays (indices, not pointers),
// shared by sequential Phragmén, PhragMMS and balancing. Mirrors sp-npos-elections `setup_inputs`:
// votes for non-candidates and duplicate targets are dropped, voters left without edges are dropped.
//
// Canonical order (determinism): candidates and voters are processed in the order given. Staking passes both
// sorted by account id (string order), so ties between equal scores go to the smaller account id.

import type { AccountId } from '../../../primitives/units.js';
import { U128_MAX, U64_MAX } from '../../../primitives/units.js';
import { assert } from '../../../primitives/dispatch.js';
import { cellHigh32, cellLow32, loadU64 } from '../../../primitives/u64-cell.js';

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

/**
 * The shape of an election graph: who votes for whom, with non-candidates, duplicates and edgeless voters already
 * dropped. It depends only on the candidate list and each voter's targets, not on weights, so staking keeps the last
 * one (TopologyCache) and rebuilds only budgets and approvals while nominations stay unchanged (most eras).
 */
export interface Topology {
  readonly candWho: readonly AccountId[];
  readonly voterWho: readonly AccountId[];
  /** Graph voter v is input voter inputIndex[v] (edgeless input voters are skipped). */
  readonly inputIndex: Int32Array;
  readonly edgeStart: Int32Array;
  readonly edgeCand: Int32Array;
  readonly edgeVoter: Int32Array;
  /** Reverse adjacency: edges pointing at candidate c are revEdge[revStart[c] .. revStart[c+1]). */
  readonly revStart: Int32Array;
  readonly revEdge: Int32Array;
}

export interface Graph extends Topology {
  readonly approval: bigint[];      // Σ budget of voters approving the candidate
  readonly backed: bigint[];        // backed stake as the algorithm distributes weight
  readonly elected: Uint8Array;
  readonly round: Int32Array;       // round in which the candidate was elected
  readonly budget: bigint[];
  readonly weight: bigint[];        // edge weight (stake given to the candidate)
  readonly alive: Uint8Array;       // 0 once seq-phragmen strips a zero edge (Vec::retain on chain)
  /**
   * How many alive edges liveScratch lists in ascending order, when known: seq-Phragmén's weight assignment lists them
   * (~1 edge in 10 in staking's graphs) so the supports pipeline need not scan every edge; -1 otherwise. Whoever
   * sets alive[e] = 0 after that must reset it to -1 (balancing only changes weights). A number, not an object or
   * null, so writing it never changes the graph object's hidden class (which deoptimised the election's hot
   * functions every era).
   */
  liveCount: number;
  /** An E-sized array for the alive edge list (pooled with the graph's other edge arrays). */
  readonly liveScratch: Int32Array;
}

export interface LiveEdges { readonly edges: Int32Array; count: number }

export const sat = (v: bigint): bigint => (v > EXTENDED_MAX ? EXTENDED_MAX : v);

export function setupInputs(candidates: readonly AccountId[], voters: readonly VoterInput[]): Graph {
  return graphOf(buildTopology(candidates, voters), voters);
}

export function buildTopology(candidates: readonly AccountId[], voters: readonly VoterInput[]): Topology {
  const idx = new Map<AccountId, number>();
  candidates.forEach((c, i) => { if (idx.has(c)) assert(false, `election: duplicate candidate ${c}`); idx.set(c, i); });
  const C = candidates.length;
  const voterWho: AccountId[] = [];
  const inputIndex: number[] = [];
  const starts: number[] = [0];
  const edgeCandList: number[] = [];
  for (let i = 0; i < voters.length; i++) {
    const v = voters[i]!;
    const first = edgeCandList.length;
    for (const t of v.targets) {
      const ci = idx.get(t);
      if (ci === undefined) continue; // not a candidate: the chain ignores the vote
      let dup = false;
      for (let e = first; e < edgeCandList.length; e++) if (edgeCandList[e] === ci) { dup = true; break; }
      if (dup) continue;
      edgeCandList.push(ci);
    }
    if (edgeCandList.length === first) continue;
    voterWho.push(v.who);
    inputIndex.push(i);
    starts.push(edgeCandList.length);
  }
  const E = edgeCandList.length;
  const edgeCand = Int32Array.from(edgeCandList);
  const edgeVoter = new Int32Array(E);
  for (let v = 0; v < voterWho.length; v++) for (let e = starts[v]!; e < starts[v + 1]!; e++) edgeVoter[e] = v;
  const revStart = new Int32Array(C + 1);
  for (let e = 0; e < E; e++) revStart[edgeCand[e]! + 1]!++;
  for (let c = 0; c < C; c++) revStart[c + 1]! += revStart[c]!;
  const revFill = revStart.slice(0, C);
  const revEdge = new Int32Array(E);
  for (let e = 0; e < E; e++) revEdge[revFill[edgeCand[e]!]!++] = e;
  return { candWho: candidates.slice(), voterWho, inputIndex: Int32Array.from(inputIndex),
    edgeStart: Int32Array.from(starts), edgeCand, edgeVoter, revStart, revEdge };
}

/**
 * Edge-indexed working arrays kept between elections (a 320k-edge graph spent ~2 ms per election allocating and
 * filling a fresh bigint array, plus its GC). Scratch: a graph built on a pool is valid only until the next graphOf on
 * the same pool, and the arrays may be longer than the graph's edge count (every user indexes by edge ranges).
 */
export interface EdgePool { weight: bigint[]; alive: Uint8Array; liveEdges: Int32Array }

/** `pool`'s arrays reset for E edges (weights 0n, all alive), grown when too short. */
function edgeArrays(pool: EdgePool | null, E: number): EdgePool {
  if (pool === null) return { weight: new Array<bigint>(E).fill(0n), alive: new Uint8Array(E).fill(1), liveEdges: new Int32Array(E) };
  if (pool.weight.length < E) pool.weight = new Array<bigint>(E).fill(0n); else pool.weight.fill(0n, 0, E);
  if (pool.alive.length < E) { pool.alive = new Uint8Array(E); pool.liveEdges = new Int32Array(E); }
  pool.alive.fill(1, 0, E);
  return pool;
}

/**
 * The voters' budgets in graph order. A function of its own (like the other long loops of an election): V8 compiles a
 * long loop on stack (OSR) during the first election, before the code after it has run, and that cached code then
 * bailed out at the first call after the loop in every later election, running the rest in the interpreter.
 */
function budgetsOf(t: Topology, voters: readonly VoterInput[]): bigint[] {
  const V = t.voterWho.length;
  const budget: bigint[] = new Array<bigint>(V);
  for (let v = 0; v < V; v++) {
    const w = voters[t.inputIndex[v]!]!.weight;
    if (w < 0n) assert(false, `election: negative vote weight for ${t.voterWho[v]}`); // message only on failure
    budget[v] = w;
  }
  return budget;
}

/**
 * A fresh working graph on `t` with the voters' current weights (voters must be the ones `t` was built from). With a
 * pool, the graph's weight and alive arrays are the pool's (see EdgePool).
 */
export function graphOf(t: Topology, voters: readonly VoterInput[], pool: EdgePool | null = null): Graph {
  const C = t.candWho.length, E = t.edgeCand.length;
  const budget = budgetsOf(t, voters);
  const { weight, alive, liveEdges } = edgeArrays(pool, E);
  // Every field spelled out (no spread of t): one object shape for every graph, so the election's functions stay
  // optimised for it across eras.
  return {
    candWho: t.candWho, voterWho: t.voterWho, inputIndex: t.inputIndex, edgeStart: t.edgeStart, edgeCand: t.edgeCand,
    edgeVoter: t.edgeVoter, revStart: t.revStart, revEdge: t.revEdge,
    approval: approvals(t, budget), backed: new Array<bigint>(C).fill(0n),
    elected: new Uint8Array(C), round: new Int32Array(C).fill(-1), budget, weight, alive,
    liveCount: -1, liveScratch: liveEdges,
  };
}

const SPLIT = 2 ** 32;
/** The most voters whose u64 weights approvals() may sum in float64 halves (2^21 · 2^32 = 2^53). */
const FLOAT_SUM_VOTERS_MAX = 2 ** 21;

/**
 * approval[c] = Σ budgets of c's voters (saturating u128; all terms are non-negative, so saturating once at the end
 * equals saturating at every step). Exact float64 fast path: each u64 weight is split into 32-bit halves; a sum of at
 * most 2^21 halves stays below 2^53, so both half-sums are exact integers. Falls back to bigint otherwise.
 */
export function approvals(t: Topology, budget: readonly bigint[]): bigint[] {
  const C = t.candWho.length, V = budget.length;
  if (!(V <= FLOAT_SUM_VOTERS_MAX && allU64(budget))) return approvalsBig(t, budget);
  // Each long loop is a function of its own (see budgetsOf: code after a loop compiled on stack kept bailing out).
  const hi = new Float64Array(V), lo = new Float64Array(V);
  splitHalves(budget, hi, lo);
  const sumHi = new Float64Array(C), sumLo = new Float64Array(C);
  sumHalves(t, hi, lo, sumHi, sumLo);
  const approval: bigint[] = new Array<bigint>(C);
  for (let c = 0; c < C; c++) {
    // l < 2^53: carry its high half into h exactly, then rebuild the integer.
    const l = sumLo[c]!;
    const carry = Math.floor(l / SPLIT);
    approval[c] = (BigInt(sumHi[c]! + carry) << 32n) + BigInt(l - carry * SPLIT);
  }
  return approval;
}

function allU64(budget: readonly bigint[]): boolean {
  for (let v = 0; v < budget.length; v++) if (budget[v]! > U64_MAX) return false;
  return true;
}

function approvalsBig(t: Topology, budget: readonly bigint[]): bigint[] {
  const approval: bigint[] = new Array<bigint>(t.candWho.length);
  for (let c = 0; c < t.candWho.length; c++) {
    let a = 0n;
    for (let r = t.revStart[c]!; r < t.revStart[c + 1]!; r++) a += budget[t.edgeVoter[t.revEdge[r]!]!]!;
    approval[c] = sat(a);
  }
  return approval;
}

/** The 32-bit halves of each u64 budget (through the u64 cell: no BigInt shift/mask allocations). */
function splitHalves(budget: readonly bigint[], hi: Float64Array, lo: Float64Array): void {
  for (let v = 0; v < budget.length; v++) { loadU64(budget[v]!); hi[v] = cellHigh32(); lo[v] = cellLow32(); }
}

/**
 * Half-sums per candidate, voter by voter (sequential edge reads; the per-candidate sums are small and stay in cache).
 * Every partial sum is an integer below 2^53, so the order of additions cannot change them.
 */
function sumHalves(t: Topology, hi: Float64Array, lo: Float64Array, sumHi: Float64Array, sumLo: Float64Array): void {
  const { edgeStart, edgeCand } = t;
  for (let v = 0; v < hi.length; v++) {
    const h = hi[v]!, l = lo[v]!;
    for (let e = edgeStart[v]!; e < edgeStart[v + 1]!; e++) { const c = edgeCand[e]!; sumHi[c] += h; sumLo[c] += l; }
  }
}

/**
 * Memo of the last topology (not chain state: a pure-function cache, checked against the inputs every time, so it
 * can never change a result). A hit costs O(voters + edges) comparisons instead of a Map lookup per edge.
 */
export class TopologyCache {
  private last: { topology: Topology; candidates: readonly AccountId[]; voters: readonly VoterInput[] } | null = null;
  hits = 0;
  /** Edge arrays for graphOf, shared by every graph built through this cache (one election at a time). */
  readonly pool: EdgePool = { weight: [], alive: new Uint8Array(0), liveEdges: new Int32Array(0) };

  topology(candidates: readonly AccountId[], voters: readonly VoterInput[]): Topology {
    const l = this.last;
    if (l !== null && sameShape(l.candidates, l.voters, candidates, voters)) { this.hits++; return l.topology; }
    const topology = buildTopology(candidates, voters);
    this.last = { topology, candidates, voters }; // inputs are read-only: kept as given
    return topology;
  }
}

/** Same candidates and the same voters with the same targets (weights aside): the same election graph shape. */
export function sameShape(candidatesA: readonly AccountId[], votersA: readonly VoterInput[],
                          candidatesB: readonly AccountId[], votersB: readonly VoterInput[]): boolean {
  return sameStrings(candidatesA, candidatesB) && sameVoters(votersA, votersB);
}

function sameStrings(a: readonly AccountId[], b: readonly AccountId[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameVoters(a: readonly VoterInput[], b: readonly VoterInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.who !== b[i]!.who || !sameStrings(a[i]!.targets, b[i]!.targets)) return false;
  }
  return true;
}
