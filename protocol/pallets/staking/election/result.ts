// Election outputs as the chain represents them: winners (in election-round order, with backed stake) and per-voter
// assignments as Perbill ratios normalized to exactly 100% (Voter::into_assignment + Assignment::try_normalize).
// Staking then turns ratios back into stake (`assignment_ratio_to_staked_normalized`) and builds supports.

import type { AccountId } from '../../../primitives/units.js';
import { PERBILL, fromRational, mulRound, type Parts } from '../../../primitives/perthing.js';
import { assert } from '../../../primitives/dispatch.js';
import { sat, type Graph } from './graph.js';
import { normalize } from './normalize.js';

export interface Winner { readonly who: AccountId; readonly backedStake: bigint }
export interface Assignment { readonly who: AccountId; readonly distribution: ReadonlyArray<readonly [AccountId, Parts]> }
export interface StakedAssignment { readonly who: AccountId; readonly distribution: ReadonlyArray<readonly [AccountId, bigint]> }
export interface ElectionResult { readonly winners: readonly Winner[]; readonly assignments: readonly Assignment[] }
/** A winner's support: total and the voters backing it, in voter (election) order. */
export interface Support { readonly total: bigint; readonly voters: ReadonlyArray<readonly [AccountId, bigint]> }
export interface ElectionScore { readonly minimalStake: bigint; readonly sumStake: bigint; readonly sumStakeSquared: bigint }

export function finishElection(g: Graph, toElect: number): ElectionResult {
  const winnersIdx: number[] = [];
  for (let c = 0; c < g.candWho.length; c++) if (g.elected[c]) winnersIdx.push(c);
  winnersIdx.sort((a, b) => g.round[a]! - g.round[b]!);
  const winners = winnersIdx.slice(0, toElect).map((c) => ({ who: g.candWho[c]!, backedStake: g.backed[c]! }));
  const assignments: Assignment[] = [];
  for (let v = 0; v < g.voterWho.length; v++) {
    const dist: Array<[AccountId, Parts]> = [];
    for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) {
      if (!g.alive[e]) continue;
      const p = fromRational(PERBILL, g.weight[e]!, g.budget[v]!);
      if (p !== 0n) dist.push([g.candWho[g.edgeCand[e]!]!, p]);
    }
    if (dist.length === 0) continue;
    const norm = normalize(dist.map((d) => d[1]), PERBILL.accuracy);
    assignments.push({ who: g.voterWho[v]!, distribution: dist.map((d, i) => [d[0], norm[i]!] as const) });
  }
  return { winners, assignments };
}

/** Assignment::into_staked + try_normalize: ratio × stake (rounded to nearest), then summed exactly to stake. */
export function assignmentToStaked(a: Assignment, stake: bigint): StakedAssignment {
  const dist = a.distribution.filter((d) => d[1] !== 0n).map((d) => [d[0], mulRound(PERBILL, d[1], stake)] as const);
  const norm = normalize(dist.map((d) => d[1]), stake);
  return { who: a.who, distribution: dist.map((d, i) => [d[0], norm[i]!] as const) };
}

/** to_supports: winners keyed by account (sorted), voters in assignment order. */
export function toSupports(staked: readonly StakedAssignment[]): Array<readonly [AccountId, Support]> {
  const m = new Map<AccountId, { total: bigint; voters: Array<readonly [AccountId, bigint]> }>();
  for (const s of staked) {
    for (const [c, w] of s.distribution) {
      let sup = m.get(c);
      if (sup === undefined) { sup = { total: 0n, voters: [] }; m.set(c, sup); }
      sup.total = sat(sup.total + w);
      sup.voters.push([s.who, w]);
    }
  }
  return [...m.keys()].sort(compareAccount).map((k) => [k, m.get(k)!] as const);
}

/** Full staking pipeline: election result + each voter's stake -> supports (what exposures are built from). */
export function resultToSupports(r: ElectionResult, stakeOf: (who: AccountId) => bigint): Array<readonly [AccountId, Support]> {
  const staked = r.assignments.map((a) => assignmentToStaked(a, stakeOf(a.who)));
  const sup = toSupports(staked);
  const winners = new Set(r.winners.map((w) => w.who));
  for (const [c] of sup) assert(winners.has(c), `election: support for a non-winner ${c}`);
  return sup;
}

export function evaluateSupports(supports: ReadonlyArray<readonly [AccountId, Support]>): ElectionScore {
  let minimalStake = sat((1n << 128n) - 1n);
  let sumStake = 0n;
  let sumStakeSquared = 0n;
  for (const [, s] of supports) {
    sumStake = sat(sumStake + s.total);
    sumStakeSquared = sat(sumStakeSquared + sat(s.total * s.total));
    if (s.total < minimalStake) minimalStake = s.total;
  }
  return { minimalStake, sumStake, sumStakeSquared };
}

/** The canonical account order of the lab (code-unit string order). */
export function compareAccount(a: AccountId, b: AccountId): number { return a < b ? -1 : a > b ? 1 : 0; }
