// Yuma consensus for one epoch (BALANCEAI.md §4, after Bittensor pallets/subtensor/src/epoch/run_epoch.rs and
// math.rs::weighted_median_col), in exact bigint fixed point (ONE = 10^18, floors):
//   1. S = curator stake normalised (inactive curators enter with stake 0: their bonds decay, they cannot vote).
//   2. W = row-normalised scores (self-scores already removed by the pallet).
//   3. C_j = stake-weighted median of column j at κ: the largest w such that curators scoring >= w hold >= κ of stake.
//   4. W̄ = min(W, C) (clip). Rank R = W̄ᵀ S, incentive I = normalise(R).
//   5. ΔB = column-normalised (S ∘ W̄); B = EMA_α(ΔB, B_prev), column-normalised; dividends D = normalise(Bᵀ I).
// With `clip: false` the same machinery gives the plain stake-weighted mean rule (no consensus clipping).

import { assert } from '../../primitives/dispatch.js';
import { PERBILL } from '../../primitives/perthing.js';
import { ONE, normalize } from './fixed-math.js';
import { assertRow, columns, normalizeRow, type ScoreEntry, type SparseRow } from './weights.js';

export interface YumaInput {
  /** Raw stake per curator row (planck); 0 for an inactive curator kept only for its bonds. */
  readonly stakePlanck: readonly bigint[];
  /** Raw scores per curator row (sparse, model-sorted). */
  readonly scores: readonly SparseRow[];
  /** Previous bonds per curator row (sparse, model-sorted, fixed point). */
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
  readonly consensus: bigint[];  // per model, fixed point (0 when clip is false)
  readonly rank: bigint[];       // per model: Σ_i S_i W̄_ij, fixed point
  readonly incentive: bigint[];  // per model: normalise(rank)
  readonly bonds: ScoreEntry[][]; // per curator row
  readonly dividends: bigint[];  // per curator row: normalise(Bᵀ I)
}

/**
 * Stake-weighted median at κ of one column: the largest weight w with Σ stake(w_i >= w) * 1e9 >= κ * Σ stake.
 * Entries absent from the column score 0. Exact on raw stakes (no normalisation rounding).
 */
export function weightedMedianAtKappa(entries: ReadonlyArray<{ w: bigint; stake: bigint }>, totalStake: bigint,
                                      kappaParts: bigint): bigint {
  if (totalStake === 0n) return 0n;
  const sorted = [...entries].filter((e) => e.stake > 0n && e.w > 0n).sort((a, b) => (a.w > b.w ? -1 : a.w < b.w ? 1 : 0));
  const need = kappaParts * totalStake;
  let cum = 0n;
  for (let k = 0; k < sorted.length; k++) {
    cum += sorted[k]!.stake;
    const nextSame = k + 1 < sorted.length && sorted[k + 1]!.w === sorted[k]!.w;
    if (!nextSame && cum * PERBILL.accuracy >= need) return sorted[k]!.w;
  }
  return 0n; // curators scoring > 0 hold less than κ: consensus is zero
}

export function yumaEpoch(input: YumaInput): YumaResult {
  const n = input.stakePlanck.length;
  const m = input.modelCount;
  assert(input.scores.length === n && input.bondsPrev.length === n, 'yuma: row count mismatch');
  assert(input.kappaParts > 0n && input.kappaParts < PERBILL.accuracy, 'yuma: κ outside (0, 1)');
  assert(input.alphaParts >= 0n && input.alphaParts <= PERBILL.accuracy, 'yuma: α outside [0, 1]');
  for (const r of input.scores) assertRow(r, m);
  for (const r of input.bondsPrev) assertRow(r, m);

  const S = normalize(input.stakePlanck);
  let totalStake = 0n;
  for (const s of input.stakePlanck) { assert(s >= 0n, 'yuma: negative stake'); totalStake += s; }
  // Only curators with stake vote: an inactive row's scores are ignored.
  const W = input.scores.map((r, i) => (input.stakePlanck[i]! > 0n ? normalizeRow(r) : []));
  const cols = columns(W, m);

  const consensus: bigint[] = new Array<bigint>(m).fill(0n);
  if (input.clip) {
    for (let j = 0; j < m; j++) {
      consensus[j] = weightedMedianAtKappa(cols[j]!.map((e) => ({ w: e.w, stake: input.stakePlanck[e.curator]! })),
                                           totalStake, input.kappaParts);
    }
  }
  const clipped: ScoreEntry[][] = W.map((row) =>
    input.clip ? row.map((e) => ({ model: e.model, score: e.score < consensus[e.model]! ? e.score : consensus[e.model]! }))
               : row.map((e) => ({ model: e.model, score: e.score })));

  // Rank and the bond delta S ∘ W̄.
  const rank: bigint[] = new Array<bigint>(m).fill(0n);
  const delta: ScoreEntry[][] = clipped.map((row, i) => row.map((e) => {
    const v = (S[i]! * e.score) / ONE;
    rank[e.model]! += v;
    return { model: e.model, score: v };
  }).filter((e) => e.score > 0n));
  const incentive = normalize(rank);

  const deltaN = columnNormalize(delta, m);
  const bonds = columnNormalize(emaRows(deltaN, input.bondsPrev, input.alphaParts), m);
  return { consensus, rank, incentive, bonds, dividends: dividends(bonds, incentive) };
}

/** D = normalise(Bᵀ I): curator i earns Σ_j B_ij I_j. */
export function dividends(bonds: readonly SparseRow[], incentive: readonly bigint[]): bigint[] {
  return normalize(bonds.map((row) => {
    let d = 0n;
    for (const e of row) d += (e.score * (incentive[e.model] ?? 0n)) / ONE;
    return d;
  }));
}

/** Each column scaled to sum to ONE (floor); empty columns stay empty. */
export function columnNormalize(rows: readonly SparseRow[], modelCount: number): ScoreEntry[][] {
  const colSum: bigint[] = new Array<bigint>(modelCount).fill(0n);
  for (const row of rows) for (const e of row) colSum[e.model]! += e.score;
  return rows.map((row) => row.map((e) => ({ model: e.model, score: (e.score * ONE) / colSum[e.model]! }))
    .filter((e) => e.score > 0n));
}

/** B = α ΔB + (1 − α) B_prev, entrywise (merge of two model-sorted sparse rows). */
export function emaRows(delta: readonly SparseRow[], prev: readonly SparseRow[], alphaParts: bigint): ScoreEntry[][] {
  const A = PERBILL.accuracy;
  return delta.map((d, i) => {
    const p = prev[i]!;
    const out: ScoreEntry[] = [];
    let a = 0, b = 0;
    while (a < d.length || b < p.length) {
      const ma = a < d.length ? d[a]!.model : Infinity;
      const mb = b < p.length ? p[b]!.model : Infinity;
      const model = Math.min(ma, mb);
      const dv = ma === model ? d[a++]!.score : 0n;
      const pv = mb === model ? p[b++]!.score : 0n;
      const v = (alphaParts * dv + (A - alphaParts) * pv) / A;
      if (v > 0n) out.push({ model, score: v });
    }
    return out;
  });
}

/** Plain stake-weighted mean score of each model: Σ_i S_i W_ij / Σ_i S_i over row-normalised W (fixed point). */
export function stakeWeightedMean(stakePlanck: readonly bigint[], scores: readonly SparseRow[], modelCount: number): bigint[] {
  let total = 0n;
  for (const s of stakePlanck) total += s;
  const out: bigint[] = new Array<bigint>(modelCount).fill(0n);
  if (total === 0n) return out;
  // Σ_i stake_i W_ij / total, accumulated at full precision and divided once.
  const acc: bigint[] = new Array<bigint>(modelCount).fill(0n);
  scores.forEach((r, i) => { for (const e of normalizeRow(r)) acc[e.model]! += stakePlanck[i]! * e.score; });
  for (let j = 0; j < modelCount; j++) out[j] = acc[j]! / total;
  return out;
}
