// Sequential Phragmén (sp-npos-elections phragmen.rs), exactly as the chain computes it: loads and scores are
// Rational128 values with the fixed denominator DEN = u128::MAX, i.e. integers n standing for n/DEN, and every
// product is floored (multiply_by_rational_with_rounding(.., Rounding::Down)). Representing them as bigint
// numerators is therefore exact: the same winners and the same edge weights as the Rust code, bit for bit.
//
// Speed: the chain recomputes every candidate's score from all edges in every round (O(rounds·edges)). Here only
// voters backing the round's winner change load, so only their edges' float score estimates are updated
// (O(Σ_v |edges_v|²) float ops), and the winner is decided by exact bigint scores of the few candidates the float
// error bound cannot separate (see seqPhragmenCore). The direct transcription `seqPhragmenReference` is kept for
// tests that prove both give identical results.

import type { AccountId } from '../../../primitives/units.js';
import { assert } from '../../../primitives/dispatch.js';
import { EXTENDED_MAX, sat, setupInputs, type BalancingConfig, type Graph, type VoterInput } from './graph.js';
import { normalizeVoterEdges } from './normalize-voter.js';
import { balance } from './balancing.js';
import { finishElection, type ElectionResult } from './result.js';

export const DEN = EXTENDED_MAX;
const DEN_F = Number(DEN);
const REL = 8.881784197001252e-16;  // 2^-50
const ABS = 7.52316384526264e-37;   // 2^-120
/** Rational128 max_value: the score of a candidate nobody approves (elected only to fill seats). */
const INFINITE = -1n;

export function seqPhragmen(toElect: number, candidates: readonly AccountId[], voters: readonly VoterInput[],
                            balancing: BalancingConfig | null = null): ElectionResult {
  const g = setupInputs(candidates, voters);
  seqPhragmenCore(g, toElect);
  if (balancing !== null) balance(g, balancing);
  return finishElection(g, toElect);
}

/**
 * Runs the rounds and the final weight assignment on `g`.
 *
 * Winner selection is filtered in floating point and decided exactly: each unelected candidate's score is estimated
 * as g_c = (1 + S_c) / approval_c, where S_c sums (new load − old load)·budget over every load change of c's voters
 * (loads are real-valued here: bigint/DEN), with a proven error bound err_c; only candidates whose interval
 * [g_c − err_c, g_c + err_c] reaches below the smallest upper bound can be the exact minimum, and those (usually one)
 * get their exact bigint score computed from the exact voter loads — the chain's formula. Ties and near-ties therefore
 * resolve exactly as on chain (smallest exact score, then candidate order). Error bound: every float op has relative
 * error ≤ 2^-53; a voter's deltas telescope to its final load (the stored float load is reused as the next "old"), so
 * its share of S_c errs by ≤ 5·2^-53 of its term; each of the m_c additions to S_c errs by ≤ 2^-53·S_c (all terms are
 * non-negative: loads only grow in seq-Phragmén; m_c ≤ deg_c · the largest voter degree); the final division adds
 * two more; each exact term is floored (< 1 unit of 1/DEN each). err_c = (m_c + 16)·2^-50·g_c + (deg_c + 2)·2^-120 over-covers all of these
 * (2^-120 > 1/DEN = 2^-128).
 */
export function seqPhragmenCore(g: Graph, toElect: number): void {
  const C = g.candWho.length;
  const V = g.voterWho.length;
  const k = Math.min(toElect, C);
  assert(Number.isInteger(k) && k >= 0, 'phragmen: toElect must be a non-negative integer');

  const { revStart, revEdge } = g;

  const approvalF = new Float64Array(C);
  // S_c = Σ over c's voters of load_v·budget_v (real-valued loads): est_c = (1 + S_c) / approval_c.
  const loadBudget = new Float64Array(C);
  for (let c = 0; c < C; c++) approvalF[c] = Number(g.approval[c]!);
  const budgetF = new Float64Array(V);
  for (let v = 0; v < V; v++) budgetF[v] = Number(g.budget[v]!);
  const voterLoadF = new Float64Array(V); // Number(voterLoad[v]) / DEN (DEN = 2^128 - 1 rounds to 2^128: exact scaling)
  const voterLoad: bigint[] = new Array<bigint>(V).fill(0n);
  // Edge loads live in g.weight until assignWeights turns each into the edge's weight (only winners' edges are written
  // and read; a fresh graph has 0n everywhere else).
  const edgeLoad = g.weight;
  const base: bigint[] = g.approval.map((a) => (a === 0n ? INFINITE : DEN / a));
  const candidates: number[] = [];

  const elected = g.elected, edgeCand = g.edgeCand, edgeStart = g.edgeStart, edgeVoter = g.edgeVoter;
  // m_c (how often c's estimate changes) is at most deg_c · (the largest voter degree): a voter's load changes once per
  // elected target. The static bound keeps a counter out of the inner loop.
  let degreeMax = 0;
  for (let v = 0; v < V; v++) degreeMax = Math.max(degreeMax, edgeStart[v + 1]! - edgeStart[v]!);
  // Per candidate: g_c·(1 ± (m_c + 16)·2^-50) ± (deg_c + 2)·2^-120 bound the exact score (see above). Forming
  // e·(1 + k) instead of e + k·e adds one rounding of relative size 2^-53 to each bound: far inside the "+ 16" slack.
  const relUp = new Float64Array(C), relDown = new Float64Array(C), absErr = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    const degree = revStart[c + 1]! - revStart[c]!;
    const k = (degree * degreeMax + 16) * REL;
    relUp[c] = 1 + k; relDown[c] = 1 - k; absErr[c] = (degree + 2) * ABS;
  }
  const est = new Float64Array(C);
  for (let round = 0; round < k; round++) {
    // Estimates, their lower bounds, and the smallest upper bound among finite ones
    // (err_c = (m_c + 16)·2^-50·g_c + (deg_c + 2)·2^-120, with the per-candidate factors precomputed).
    let minHi = Infinity;
    for (let c = 0; c < C; c++) {
      if (elected[c]) continue;
      const a = approvalF[c]!;
      if (a === 0) { est[c] = Infinity; continue; }
      const e = (1 + loadBudget[c]!) / a;
      est[c] = e;
      const hi = e * relUp[c]! + absErr[c]!;
      if (hi < minHi) minHi = hi;
    }
    let best = -1;
    let bestScore = 0n;
    if (minHi === Infinity || minHi > 0.25) {
      // Nobody approved is left (or scores approach saturation): decide every candidate exactly.
      for (let c = 0; c < C; c++) {
        if (elected[c]) continue;
        const s = exactScore(g, c, base, revStart, revEdge, voterLoad);
        if (best < 0 || lessScore(s, bestScore)) { best = c; bestScore = s; }
      }
    } else {
      candidates.length = 0;
      for (let c = 0; c < C; c++) {
        const e = est[c]!;
        if (elected[c] || e === Infinity) continue;
        if (e * relDown[c]! - absErr[c]! <= minHi) candidates.push(c);
      }
      for (const c of candidates) {
        const s = exactScore(g, c, base, revStart, revEdge, voterLoad);
        if (best < 0 || s < bestScore) { best = c; bestScore = s; } // candidates ascend: ties keep the first
      }
    }
    if (best < 0) break;
    elected[best] = 1;
    g.round[best] = round;
    if (bestScore === INFINITE) continue; // nobody approves it: no voter load changes
    const loadF = Number(bestScore) / DEN_F;
    const rEnd = revStart[best + 1]!;
    for (let r = revStart[best]!; r < rEnd; r++) {
      const e = revEdge[r]!;
      const v = edgeVoter[e]!;
      const old = voterLoad[v]!;
      // A voter's first winner takes its whole load (bestScore − 0n is bestScore: no bigint allocated).
      edgeLoad[e] = old === 0n ? bestScore : bestScore > old ? bestScore - old : 0n;
      voterLoad[v] = bestScore;
      // Loads only grow: the voter's terms on its other candidates grow by (new − old)·budget.
      const delta = (loadF - voterLoadF[v]!) * budgetF[v]!;
      voterLoadF[v] = loadF;
      const eEnd = edgeStart[v + 1]!;
      // Elected candidates' sums are never read again: no need to skip them.
      for (let e2 = edgeStart[v]!; e2 < eEnd; e2++) loadBudget[edgeCand[e2]!] += delta;
    }
  }
  assignWeights(g, voterLoad, edgeLoad);
}

/** The chain's score of candidate c from the exact voter loads: DEN/approval + Σ floor(load·budget/approval). */
function exactScore(g: Graph, c: number, base: readonly bigint[], revStart: Int32Array, revEdge: Int32Array, voterLoad: readonly bigint[]): bigint {
  if (base[c] === INFINITE) return INFINITE;
  let sum = base[c]!;
  const a = g.approval[c]!, edgeVoter = g.edgeVoter, budget = g.budget;
  // Each term is at most the voter's load (its budget is part of the approval a), and loads are saturated values,
  // so the chain's per-term saturation never binds: only the sum is saturated.
  for (let r = revStart[c]!; r < revStart[c + 1]!; r++) {
    const v = edgeVoter[revEdge[r]!]!;
    const l = voterLoad[v]!;
    if (l !== 0n) sum += (l * budget[v]!) / a;
  }
  return sat(sum);
}

function lessScore(a: bigint, b: bigint): boolean {
  if (a === INFINITE) return false;
  if (b === INFINITE) return true;
  return a < b;
}

/** Final step of seq_phragmen_core: weights from loads, zero edges stripped, each voter normalized. */
function assignWeights(g: Graph, voterLoad: readonly bigint[], edgeLoad: readonly bigint[]): void {
  const { edgeStart, edgeCand, elected, weight, backed, alive, budget } = g;
  const liveEdges = g.liveScratch;
  let liveCount = 0;
  for (let v = 0; v < g.voterWho.length; v++) {
    const first = liveCount;
    let sum = 0n;
    const eEnd = edgeStart[v + 1]!;
    for (let e = edgeStart[v]!; e < eEnd; e++) {
      const c = edgeCand[e]!;
      // Unelected edges get weight 0 (and are stripped below): no bigint work for them.
      if (!elected[c]) { weight[e] = 0n; alive[e] = 0; continue; }
      // budget·edgeLoad/voterLoad; when the edge carries the voter's whole load that is exactly the budget (the common
      // single-winner voter), so skip the 192-bit product.
      const l = voterLoad[v]!, el = edgeLoad[e]!;
      const w = l === 0n ? EXTENDED_MAX : el === l ? sat(budget[v]!) : sat((budget[v]! * el) / l);
      weight[e] = w;
      if (w === 0n) { alive[e] = 0; continue; }
      liveEdges[liveCount++] = e;
      backed[c] = sat(backed[c]! + w);
      sum += w;
    }
    // try_normalize_elected: the voter's alive elected edges are exactly the ones just listed.
    if (liveCount > first && sum !== budget[v]) normalizeVoterEdges(g, liveEdges, first, liveCount, budget[v]!);
  }
  g.liveCount = liveCount; // every edge is now decided: alive ones listed in ascending order
}

/**
 * Direct transcription of the Rust loops (every score recomputed from every edge, every round). Slow (O(k·E));
 * exists so tests can prove the incremental version above returns identical results.
 */
export function seqPhragmenReference(toElect: number, candidates: readonly AccountId[], voters: readonly VoterInput[]): ElectionResult {
  const g = setupInputs(candidates, voters);
  const C = g.candWho.length;
  const k = Math.min(toElect, C);
  const voterLoad: bigint[] = new Array<bigint>(g.voterWho.length).fill(0n);
  const edgeLoad: bigint[] = new Array<bigint>(g.edgeCand.length).fill(0n);
  const score: bigint[] = new Array<bigint>(C).fill(0n);
  for (let round = 0; round < k; round++) {
    for (let c = 0; c < C; c++) if (!g.elected[c]) score[c] = g.approval[c] === 0n ? INFINITE : DEN / g.approval[c]!;
    for (let v = 0; v < g.voterWho.length; v++) {
      for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
        const c = g.edgeCand[e]!;
        if (g.elected[c] || g.approval[c] === 0n) continue;
        score[c] = sat(score[c]! + sat((voterLoad[v]! * g.budget[v]!) / g.approval[c]!));
      }
    }
    let best = -1;
    for (let c = 0; c < C; c++) if (!g.elected[c] && (best < 0 || lessScore(score[c]!, score[best]!))) best = c;
    if (best < 0) break;
    g.elected[best] = 1; g.round[best] = round;
    for (let v = 0; v < g.voterWho.length; v++) {
      for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
        if (g.edgeCand[e] !== best) continue;
        const s = score[best]!;
        edgeLoad[e] = s > voterLoad[v]! ? s - voterLoad[v]! : 0n;
        voterLoad[v] = s;
      }
    }
  }
  assignWeights(g, voterLoad, edgeLoad);
  return finishElection(g, toElect);
}
