// Sequential Phragmén (sp-npos-elections phragmen.rs), exactly as the chain computes it: loads and scores are
// Rational128 values with the fixed denominator DEN = u128::MAX, i.e. integers n standing for n/DEN, and every
// product is floored (multiply_by_rational_with_rounding(.., Rounding::Down)). Representing them as bigint
// numerators is therefore exact: the same winners and the same edge weights as the Rust code, bit for bit.
//
// Speed: the chain recomputes every candidate's score from all edges in every round (O(rounds·edges)). Here a
// candidate's score numerator Σ_v floor(load_v·budget_v/approval_c) is kept incrementally: only voters that back
// the round's winner change load, so only their edges' terms are recomputed (each term is floored on its own, so
// replacing a term by its new floor gives the identical sum). Cost O(Σ_v |edges_v|²) instead of O(k·E).
// The reference transcription `seqPhragmenReference` is kept for tests that prove both give identical results.

import type { AccountId } from '../../../primitives/units.js';
import { assert } from '../../../primitives/dispatch.js';
import { EXTENDED_MAX, sat, setupInputs, type BalancingConfig, type Graph, type VoterInput } from './graph.js';
import { normalizeVoterElected } from './normalize-voter.js';
import { balance } from './balancing.js';
import { finishElection, type ElectionResult } from './result.js';

export const DEN = EXTENDED_MAX;
/** Rational128 max_value: the score of a candidate nobody approves (elected only to fill seats). */
const INFINITE = -1n;

export function seqPhragmen(toElect: number, candidates: readonly AccountId[], voters: readonly VoterInput[],
                            balancing: BalancingConfig | null = null): ElectionResult {
  const g = setupInputs(candidates, voters);
  seqPhragmenCore(g, toElect);
  if (balancing !== null) balance(g, balancing);
  return finishElection(g, toElect);
}

/** Runs the rounds and the final weight assignment on `g` (incremental scores). */
export function seqPhragmenCore(g: Graph, toElect: number): void {
  const C = g.candWho.length;
  const V = g.voterWho.length;
  const E = g.edgeCand.length;
  const k = Math.min(toElect, C);
  assert(Number.isInteger(k) && k >= 0, 'phragmen: toElect must be a non-negative integer');

  // Reverse adjacency: edges pointing at each candidate.
  const revStart = new Int32Array(C + 1);
  for (let e = 0; e < E; e++) revStart[g.edgeCand[e]! + 1]!++;
  for (let c = 0; c < C; c++) revStart[c + 1]! += revStart[c]!;
  const revFill = revStart.slice(0, C);
  const revEdge = new Int32Array(E);
  for (let e = 0; e < E; e++) revEdge[revFill[g.edgeCand[e]!]!++] = e;

  const base: bigint[] = g.approval.map((a) => (a === 0n ? INFINITE : DEN / a));
  const termSum: bigint[] = new Array<bigint>(C).fill(0n);
  const term: bigint[] = new Array<bigint>(E).fill(0n);
  const voterLoad: bigint[] = new Array<bigint>(V).fill(0n);
  const edgeLoad: bigint[] = new Array<bigint>(E).fill(0n);

  for (let round = 0; round < k; round++) {
    let best = -1;
    let bestScore = 0n;
    for (let c = 0; c < C; c++) {
      if (g.elected[c]) continue;
      const score = base[c] === INFINITE ? INFINITE : sat(base[c]! + termSum[c]!);
      if (best < 0 || lessScore(score, bestScore)) { best = c; bestScore = score; }
    }
    if (best < 0) break;
    g.elected[best] = 1;
    g.round[best] = round;
    if (bestScore === INFINITE) continue; // nobody approves it: no voter load changes
    for (let r = revStart[best]!; r < revStart[best + 1]!; r++) {
      const e = revEdge[r]!;
      const v = g.edgeVoter[e]!;
      edgeLoad[e] = bestScore > voterLoad[v]! ? bestScore - voterLoad[v]! : 0n;
      voterLoad[v] = bestScore;
      const product = bestScore * g.budget[v]!;
      for (let e2 = g.edgeStart[v]!; e2 < g.edgeStart[v + 1]!; e2++) {
        const c2 = g.edgeCand[e2]!;
        if (g.elected[c2] || g.approval[c2] === 0n) continue;
        const t = sat(product / g.approval[c2]!);
        termSum[c2] = termSum[c2]! + t - term[e2]!;
        term[e2] = t;
      }
    }
  }
  assignWeights(g, voterLoad, edgeLoad);
}

function lessScore(a: bigint, b: bigint): boolean {
  if (a === INFINITE) return false;
  if (b === INFINITE) return true;
  return a < b;
}

/** Final step of seq_phragmen_core: weights from loads, zero edges stripped, each voter normalized. */
function assignWeights(g: Graph, voterLoad: readonly bigint[], edgeLoad: readonly bigint[]): void {
  for (let v = 0; v < g.voterWho.length; v++) {
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      const c = g.edgeCand[e]!;
      let w = 0n;
      if (g.elected[c]) w = voterLoad[v] === 0n ? EXTENDED_MAX : sat((g.budget[v]! * edgeLoad[e]!) / voterLoad[v]!);
      g.weight[e] = w;
      g.backed[c] = sat(g.backed[c]! + w);
    }
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) if (g.weight[e] === 0n) g.alive[e] = 0;
    normalizeVoterElected(g, v);
  }
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
