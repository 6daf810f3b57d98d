// PhragMMS (sp-npos-elections phragmms.rs): each round elects the candidate with the largest
// score = approval_stake / (1 + Σ_{voters v approving c} Σ_{elected c' of v} w(v,c')/backed(c')), where the inner
// ratios are Perbill parts (P = Perbill, as the staking pallet's solution accuracy), then moves stake to the
// winner from over-backed edges (apply_elected) and optionally balances after every round. Scores are Rational128
// on chain; here they are exact (numerator, denominator) bigint pairs compared by cross-multiplication, which is
// what Rational128's Ord does. O(rounds·edges): fine for simulation-sized sets, slower than seq-Phragmén.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, fromRational } from '../../../primitives/perthing.js';
import { sat, setupInputs, type BalancingConfig, type Graph, type VoterInput } from './graph.js';
import { balance } from './balancing.js';
import { finishElection, type ElectionResult } from './result.js';

const ONE = PERBILL.accuracy;

export function phragmms(toElect: number, candidates: readonly AccountId[], voters: readonly VoterInput[],
                         balancing: BalancingConfig | null = null): ElectionResult {
  const g = setupInputs(candidates, voters);
  phragmmsOnGraph(g, toElect, balancing);
  return finishElection(g, toElect);
}

/** The PhragMMS rounds on a prepared graph (balancing after every round when configured). */
export function phragmmsOnGraph(g: Graph, toElect: number, balancing: BalancingConfig | null): void {
  const scoreN: bigint[] = new Array<bigint>(g.candWho.length).fill(0n);
  const scoreD: bigint[] = new Array<bigint>(g.candWho.length).fill(1n);
  for (let round = 0; round < toElect; round++) {
    const w = calculateMaxScore(g, scoreN, scoreD);
    if (w < 0) break;
    applyElected(g, w, scoreN[w]! / scoreD[w]!);
    g.round[w] = round;
    g.elected[w] = 1;
    if (balancing !== null) balance(g, balancing);
  }
}

/** Returns the winner index (or -1); fills scoreN/scoreD for every candidate like the chain does. */
export function calculateMaxScore(g: Graph, scoreN: bigint[], scoreD: bigint[]): number {
  const C = g.candWho.length;
  for (let c = 0; c < C; c++) if (!g.elected[c]) { scoreN[c] = 1n; scoreD[c] = ONE; }
  for (let v = 0; v < g.voterWho.length; v++) {
    let contribution = 0n;
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      const c = g.edgeCand[e]!;
      if (g.elected[c]) contribution += fromRational(PERBILL, g.weight[e]!, g.backed[c]!);
    }
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      const c = g.edgeCand[e]!;
      if (!g.elected[c]) { scoreN[c] = 1n; scoreD[c] = contribution + scoreD[c]!; }
    }
  }
  let best = -1;
  let bestN = 0n;
  let bestD = 1n;
  for (let c = 0; c < C; c++) {
    if (g.approval[c]! > 0n) {
      scoreN[c] = sat(g.approval[c]! * ONE);
      if (!g.elected[c] && scoreN[c]! * bestD > bestN * scoreD[c]!) { best = c; bestN = scoreN[c]!; bestD = scoreD[c]!; }
    } else {
      scoreN[c] = 0n; scoreD[c] = 1n;
    }
  }
  return best;
}

/** Moves stake to the new winner: each approving voter's unused budget plus a cutoff share of over-backed edges. */
export function applyElected(g: Graph, w: number, cutoff: bigint): void {
  let electedBacked = g.backed[w]!;
  for (let v = 0; v < g.voterWho.length; v++) {
    let newEdge = -1;
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) if (g.edgeCand[e] === w) { newEdge = e; break; }
    if (newEdge < 0) continue;
    let used = 0n;
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) used += g.weight[e]!;
    let newWeight = g.budget[v]! > used ? g.budget[v]! - used : 0n;
    electedBacked = sat(electedBacked + newWeight);
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      if (e === newEdge || g.weight[e]! === 0n) continue;
      const c = g.edgeCand[e]!;
      if (g.backed[c]! > cutoff) {
        const b = g.backed[c]! > 1n ? g.backed[c]! : 1n;
        const take = sat(g.weight[e]! * cutoff) / b;
        g.weight[e] = g.weight[e]! > take ? g.weight[e]! - take : 0n;
        g.backed[c] = g.backed[c]! > take ? g.backed[c]! - take : 0n;
        electedBacked = sat(electedBacked + take);
        newWeight = sat(newWeight + take);
      }
    }
    g.weight[newEdge] = newWeight;
  }
  g.backed[w] = electedBacked;
}
