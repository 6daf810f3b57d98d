// Yuma consensus for one epoch (BALANCEAI.md §4, after Bittensor pallets/subtensor/src/epoch/run_epoch.rs and
// math.rs::weighted_median_col). Shares are Q = 2^24 fixed point in exact float64 integers (./fixed-math.ts), all
// divisions floor; the κ-median is decided on the exact bigint stakes:
//   1. S = curator stake normalised (inactive curators enter with stake 0: their bonds decay, they cannot vote).
//   2. W = row-normalised scores (self-scores already removed by the pallet).
//   3. C_j = stake-weighted median of column j at κ: the largest w such that curators scoring >= w hold >= κ of stake.
//   4. W̄ = min(W, C) (clip). Rank R = W̄ᵀ S, incentive I = normalise(R).
//   5. ΔB = column-normalised (S ∘ W̄); B = EMA_α(ΔB, B_prev), column-normalised; dividends D = normalise(Bᵀ I).
// With `clip: false` the same machinery gives the plain stake-weighted mean rule (no consensus clipping).

import { assert } from '../../primitives/dispatch.js';
import { PERBILL } from '../../primitives/perthing.js';
import { Q, idiv, mulQ, normalizeQ, shareOfParts } from './fixed-math.js';
import { assertRow, columns, normalizeRow, type ScoreEntry, type SparseRow } from './weights.js';

export interface YumaInput {
  /** Raw stake per curator row (planck); 0 for an inactive curator kept only for its bonds. */
  readonly stakePlanck: readonly bigint[];
  /** Raw u16 scores per curator row (sparse, model-sorted). */
  readonly scores: readonly SparseRow[];
  /** Previous bonds per curator row (sparse, model-sorted, shares). */
  readonly bondsPrev: readonly SparseRow[];
  readonly modelCount: number;
  /** κ as Perbill parts, in (0, 1e9). */
  readonly kappaParts: bigint;
  /** Bond EMA α as Perbill parts, in [0, 1e9]. */
  readonly alphaParts: bigint;
  /** true: Yuma (clip at consensus); false: plain stake-weighted mean. */
  readonly clip: boolean;
}

export interface YumaResult {
  readonly consensus: number[];  // per model, share (0 when clip is false)
  readonly rank: number[];       // per model: Σ_i S_i W̄_ij, share
  readonly incentive: number[];  // per model: normalise(rank)
  readonly bonds: ScoreEntry[][]; // per curator row, shares
  readonly dividends: number[];  // per curator row: normalise(Bᵀ I)
}

/**
 * Stake-weighted median at κ of one column: the largest weight w with Σ stake(w_i >= w) · 1e9 >= κ · Σ stake.
 * Entries absent from the column score 0. Exact on raw stakes.
 */
export function weightedMedianAtKappa(entries: ReadonlyArray<{ w: number; stake: bigint }>, totalStake: bigint,
                                      kappaParts: bigint): number {
  if (totalStake === 0n) return 0;
  const sorted = entries.filter((e) => e.stake > 0n && e.w > 0).sort((a, b) => b.w - a.w);
  const need = kappaParts * totalStake;
  let cum = 0n;
  for (let k = 0; k < sorted.length; k++) {
    cum += sorted[k]!.stake;
    const nextSame = k + 1 < sorted.length && sorted[k + 1]!.w === sorted[k]!.w;
    if (!nextSame && cum * PERBILL.accuracy >= need) return sorted[k]!.w;
  }
  return 0; // curators scoring > 0 hold less than κ: consensus is zero
}

export function yumaEpoch(input: YumaInput): YumaResult {
  const n = input.stakePlanck.length;
  const m = input.modelCount;
  assert(input.scores.length === n && input.bondsPrev.length === n, 'yuma: row count mismatch');
  assert(input.kappaParts > 0n && input.kappaParts < PERBILL.accuracy, 'yuma: κ outside (0, 1)');
  assert(input.alphaParts >= 0n && input.alphaParts <= PERBILL.accuracy, 'yuma: α outside [0, 1]');
  for (const r of input.scores) assertRow(r, m);
  for (const r of input.bondsPrev) assertRow(r, m);

  let totalStake = 0n;
  for (const s of input.stakePlanck) { assert(s >= 0n, 'yuma: negative stake'); totalStake += s; }
  const q = BigInt(Q);
  const S = input.stakePlanck.map((s) => (totalStake === 0n ? 0 : Number((s * q) / totalStake)));
  // Only curators with stake vote: an inactive row's scores are ignored.
  const W = input.scores.map((r, i) => (input.stakePlanck[i]! > 0n ? normalizeRow(r) : []));

  const consensus: number[] = new Array<number>(m).fill(0);
  if (input.clip) {
    const cols = columns(W, m);
    for (let j = 0; j < m; j++) {
      consensus[j] = weightedMedianAtKappa(cols[j]!.map((e) => ({ w: e.w, stake: input.stakePlanck[e.curator]! })),
                                           totalStake, input.kappaParts);
    }
  }
  // Rank and the bond delta S ∘ W̄ (clipped).
  const rank: number[] = new Array<number>(m).fill(0);
  const delta: ScoreEntry[][] = W.map((row, i) => {
    const out: ScoreEntry[] = [];
    for (const e of row) {
      const w = input.clip && e.score > consensus[e.model]! ? consensus[e.model]! : e.score;
      const v = mulQ(S[i]!, w);
      if (v > 0) { rank[e.model]! += v; out.push({ model: e.model, score: v }); }
    }
    return out;
  });
  const incentive = normalizeQ(rank);
  const deltaN = columnNormalize(delta, m);
  const bonds = columnNormalize(emaRows(deltaN, input.bondsPrev, input.alphaParts), m);
  return { consensus, rank, incentive, bonds, dividends: dividends(bonds, incentive) };
}

/** D = normalise(Bᵀ I): curator i earns Σ_j B_ij I_j. (Each term <= Q and Σ_j I_j <= Q, so d_i <= Q.) */
export function dividends(bonds: readonly SparseRow[], incentive: readonly number[]): number[] {
  return normalizeQ(bonds.map((row) => {
    let d = 0;
    for (const e of row) d += mulQ(e.score, incentive[e.model] ?? 0);
    return d;
  }));
}

/** Each column scaled to sum to Q (floor); empty columns stay empty. */
export function columnNormalize(rows: readonly SparseRow[], modelCount: number): ScoreEntry[][] {
  const colSum: number[] = new Array<number>(modelCount).fill(0);
  for (const row of rows) for (const e of row) colSum[e.model]! += e.score;
  return rows.map((row) => {
    const out: ScoreEntry[] = [];
    for (const e of row) {
      const v = idiv(e.score * Q, colSum[e.model]!);
      if (v > 0) out.push({ model: e.model, score: v });
    }
    return out;
  });
}

/** B = α ΔB + (1 − α) B_prev, entrywise (merge of two model-sorted sparse rows); α in Perbill parts. */
export function emaRows(delta: readonly SparseRow[], prev: readonly SparseRow[], alphaParts: bigint): ScoreEntry[][] {
  const a = shareOfParts(alphaParts), b = Q - a;
  return delta.map((d, i) => {
    const p = prev[i]!;
    const out: ScoreEntry[] = [];
    let x = 0, y = 0;
    while (x < d.length || y < p.length) {
      const mx = x < d.length ? d[x]!.model : Infinity;
      const my = y < p.length ? p[y]!.model : Infinity;
      const model = Math.min(mx, my);
      const dv = mx === model ? d[x++]!.score : 0;
      const pv = my === model ? p[y++]!.score : 0;
      const v = Math.floor((a * dv + b * pv) / Q);
      if (v > 0) out.push({ model, score: v });
    }
    return out;
  });
}

/** Plain stake-weighted mean score of each model: Σ_i stake_i W_ij / Σ_i stake_i over row-normalised W (share). */
export function stakeWeightedMean(stakePlanck: readonly bigint[], scores: readonly SparseRow[], modelCount: number): number[] {
  let total = 0n;
  for (const s of stakePlanck) total += s;
  const out: number[] = new Array<number>(modelCount).fill(0);
  if (total === 0n) return out;
  const acc: bigint[] = new Array<bigint>(modelCount).fill(0n);
  scores.forEach((r, i) => { for (const e of normalizeRow(r)) acc[e.model]! += stakePlanck[i]! * BigInt(e.score); });
  for (let j = 0; j < modelCount; j++) out[j] = Number(acc[j]! / total);
  return out;
}
