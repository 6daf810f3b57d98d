// Voter::try_normalize_elected: make a voter's weights on (alive) elected edges sum exactly to its budget,
// adjusting the candidates' backed stake by the same corrections.

import type { Graph } from './graph.js';
import { sat } from './graph.js';
import { normalizeInPlace } from './normalize.js';

/** Scratch (one voter's edges at a time; grown on demand, never shrunk): no arrays allocated per voter. */
const edgesScratch: number[] = [];
const weightsScratch: bigint[] = [];

export function normalizeVoterElected(g: Graph, v: number): void {
  const edges = edgesScratch;
  let n = 0;
  let sum = 0n;
  for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
    if (g.alive[e] && g.elected[g.edgeCand[e]!]) { edges[n++] = e; sum += g.weight[e]!; }
  }
  if (n === 0 || sum === g.budget[v]) return; // normalize would return the weights unchanged
  normalizeVoterEdges(g, edges, 0, n, g.budget[v]!);
}

/**
 * The correction step of try_normalize_elected on a voter's alive elected edges edges[from .. to) (ascending, as the
 * voter lists them) whose weights do not sum to `budget`: normalized weights written back, backed stake adjusted.
 */
export function normalizeVoterEdges(g: Graph, edges: ArrayLike<number>, from: number, to: number, budget: bigint): void {
  const weights = weightsScratch;
  const n = to - from;
  for (let i = 0; i < n; i++) weights[i] = g.weight[edges[from + i]!]!;
  normalizeInPlace(weights, 0, n, budget);
  for (let i = 0; i < n; i++) {
    const e = edges[from + i]!, c = g.edgeCand[e]!;
    const old = g.weight[e]!;
    g.backed[c] = g.backed[c]! >= old ? g.backed[c]! - old : 0n;
    g.weight[e] = weights[i]!;
    g.backed[c] = sat(g.backed[c]! + weights[i]!);
  }
}
