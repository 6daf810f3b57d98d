// Voter::try_normalize_elected: make a voter's weights on (alive) elected edges sum exactly to its budget,
// adjusting the candidates' backed stake by the same corrections.

import type { Graph } from './graph.js';
import { sat } from './graph.js';
import { normalize } from './normalize.js';

export function normalizeVoterElected(g: Graph, v: number): void {
  const edges: number[] = [];
  let sum = 0n;
  for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
    if (g.alive[e] && g.elected[g.edgeCand[e]!]) { edges.push(e); sum += g.weight[e]!; }
  }
  if (edges.length === 0 || sum === g.budget[v]) return; // normalize would return the weights unchanged
  const corrected = normalize(edges.map((e) => g.weight[e]!), g.budget[v]!);
  edges.forEach((e, i) => {
    const c = g.edgeCand[e]!;
    const old = g.weight[e]!;
    g.backed[c] = g.backed[c]! >= old ? g.backed[c]! - old : 0n;
    g.weight[e] = corrected[i]!;
    g.backed[c] = sat(g.backed[c]! + corrected[i]!);
  });
}
