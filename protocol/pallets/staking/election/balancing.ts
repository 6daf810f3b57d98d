// Balancing post-processing (sp-npos-elections balancing.rs): for each voter in a fixed order, re-split its
// budget over its elected targets so their backings become as equal as possible; repeat until the largest
// change is ≤ tolerance or `iterations` passes. Deterministic (no random voter order), like the chain.
// The runtimes' own miner runs without balancing (SUBSTRATE.md §3.3), so the lab's default is none.

import type { BalancingConfig, Graph } from './graph.js';
import { sat } from './graph.js';
import { normalizeVoterElected } from './normalize-voter.js';
import { assert } from '../../../primitives/dispatch.js';

export const BALANCING_ITERATIONS_MAX = 1_000;

/** Runs balancing; returns the number of passes made. */
export function balance(g: Graph, config: BalancingConfig): number {
  assert(config.iterations >= 0 && config.iterations <= BALANCING_ITERATIONS_MAX, 'balancing: iterations out of range');
  if (config.iterations === 0) return 0;
  let iter = 0;
  for (;;) {
    let maxDiff = 0n;
    for (let v = 0; v < g.voterWho.length; v++) {
      const d = balanceVoter(g, v, config.tolerance);
      if (d > maxDiff) maxDiff = d;
    }
    iter++;
    if (maxDiff <= config.tolerance || iter >= config.iterations) return iter;
  }
}

export function balanceVoter(g: Graph, v: number, tolerance: bigint): bigint {
  const edges: number[] = [];
  for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
    if (g.alive[e] && g.elected[g.edgeCand[e]!]) edges.push(e);
  }
  if (edges.length <= 1) return 0n;
  const budget = g.budget[v]!;
  let used = 0n;
  for (const e of edges) used = sat(used + g.weight[e]!);
  let difference: bigint;
  let maxBacking = -1n;
  let minBacked = -1n;
  for (const e of edges) {
    const b = g.backed[g.edgeCand[e]!]!;
    if (g.weight[e]! > 0n && b > maxBacking) maxBacking = b;
    if (minBacked < 0n || b < minBacked) minBacked = b;
  }
  if (maxBacking >= 0n) {
    difference = maxBacking > minBacked ? maxBacking - minBacked : 0n;
    difference = sat(difference + (budget > used ? budget - used : 0n));
    if (difference < tolerance) return difference;
  } else {
    difference = budget;
  }
  for (const e of edges) {
    const c = g.edgeCand[e]!;
    g.backed[c] = g.backed[c]! >= g.weight[e]! ? g.backed[c]! - g.weight[e]! : 0n;
    g.weight[e] = 0n;
  }
  edges.sort((a, b) => {
    const x = g.backed[g.edgeCand[a]!]!, y = g.backed[g.edgeCand[b]!]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  let cumulative = 0n;
  let lastIndex = edges.length - 1;
  for (let i = 0; i < edges.length; i++) {
    const backedStake = g.backed[g.edgeCand[edges[i]!]!]!;
    const temp = sat(backedStake * BigInt(i));
    const lhs = temp > cumulative ? temp - cumulative : 0n;
    if (lhs > budget) { lastIndex = i === 0 ? 0 : i - 1; break; }
    cumulative = sat(cumulative + backedStake);
  }
  const lastStake = g.backed[g.edgeCand[edges[lastIndex]!]!]!;
  const ways = BigInt(lastIndex + 1);
  const t = sat(budget + cumulative);
  const lw = sat(lastStake * ways);
  const excess = t > lw ? t - lw : 0n;
  for (let i = 0; i <= lastIndex; i++) {
    const e = edges[i]!;
    const c = g.edgeCand[e]!;
    const up = sat(excess / ways + lastStake);
    const w = up > g.backed[c]! ? up - g.backed[c]! : 0n;
    g.weight[e] = w;
    g.backed[c] = sat(g.backed[c]! + w);
  }
  normalizeVoterElected(g, v);
  return difference;
}
