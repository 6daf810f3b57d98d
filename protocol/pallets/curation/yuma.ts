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
import { assertRow, normalizeRow, type ScoreEntry, type SparseRow } from './weights.js';

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
  assert(n < CURATORS_MAX, 'yuma: too many curator rows');
  for (const r of input.scores) assertRow(r, m);
  for (const r of input.bondsPrev) assertRow(r, m);

  let totalStake = 0n;
  for (const s of input.stakePlanck) { assert(s >= 0n, 'yuma: negative stake'); totalStake += s; }
  const q = BigInt(Q);
  const S = input.stakePlanck.map((s) => (totalStake === 0n ? 0 : Number((s * q) / totalStake)));
  // Dense row-normalised weights (n × m shares); only curators with stake vote.
  const W = new Float64Array(n * m);
  input.scores.forEach((r, i) => {
    if (input.stakePlanck[i]! === 0n) return;
    let sum = 0;
    for (const e of r) sum += e.score;
    if (sum === 0) return;
    for (const e of r) W[i * m + e.model] = idiv(e.score * Q, sum); // = normalizeRow, written in place
  });
  const consensus: number[] = new Array<number>(m).fill(0);
  if (input.clip && totalStake > 0n) {
    const need = input.kappaParts * totalStake;
    const scaled = input.stakePlanck.map((s) => s * PERBILL.accuracy);
    const keys = new Float64Array(n);
    for (let j = 0; j < m; j++) consensus[j] = columnMedian(W, j, m, n, scaled, need, keys);
  }
  // Rank and the bond delta S ∘ W̄ (clipped), dense.
  const rank: number[] = new Array<number>(m).fill(0);
  const delta = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const si = S[i]!;
    if (si === 0) continue;
    for (let j = 0, o = i * m; j < m; j++, o++) {
      const w0 = W[o]!;
      if (w0 === 0) continue;
      const w = input.clip && w0 > consensus[j]! ? consensus[j]! : w0;
      const v = mulQ(si, w);
      delta[o] = v;
      rank[j]! += v;
    }
  }
  const incentive = normalizeQ(rank);
  columnNormalizeDense(delta, n, m);
  // EMA with the previous bonds, then column-normalise again.
  const a = shareOfParts(input.alphaParts), b = Q - a;
  const B = new Float64Array(n * m);
  for (let i = 0; i < n * m; i++) B[i] = Math.floor((a * delta[i]!) / Q);
  if (b > 0) input.bondsPrev.forEach((row, i) => {
    for (const e of row) { const o = i * m + e.model; B[o] = Math.floor((a * delta[o]! + b * e.score) / Q); }
  });
  columnNormalizeDense(B, n, m);
  const bonds: ScoreEntry[][] = [];
  for (let i = 0; i < n; i++) {
    const row: ScoreEntry[] = [];
    for (let j = 0, o = i * m; j < m; j++, o++) if (B[o]! > 0) row.push({ model: j, score: B[o]! });
    bonds.push(row);
  }
  return { consensus, rank, incentive, bonds, dividends: dividends(bonds, incentive) };
}

/** Curator rows are packed with the weight into one sortable number: w · 2^17 + i (< 2^41). */
const CURATORS_MAX = 1 << 17;

/**
 * κ-median of dense column j (same definition as weightedMedianAtKappa): sort the positive weights descending,
 * accumulate exact bigint stake (pre-scaled by 1e9) until it reaches κ · total at the end of a run of equal weights.
 */
function columnMedian(W: Float64Array, j: number, m: number, n: number, scaled: readonly bigint[], need: bigint,
                      keys: Float64Array): number {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const w = W[i * m + j]!;
    if (w > 0 && scaled[i]! > 0n) keys[k++] = w * CURATORS_MAX + i;
  }
  const sorted = keys.subarray(0, k).sort();
  let cum = 0n;
  for (let t = k - 1; t >= 0; t--) {
    const key = sorted[t]!;
    const w = Math.floor(key / CURATORS_MAX);
    cum += scaled[key - w * CURATORS_MAX]!;
    const nextSame = t > 0 && Math.floor(sorted[t - 1]! / CURATORS_MAX) === w;
    if (!nextSame && cum >= need) return w;
  }
  return 0;
}

/** Scale each column of a dense n × m matrix to sum to Q (floor); empty columns stay zero. */
function columnNormalizeDense(X: Float64Array, n: number, m: number): void {
  const colSum = new Float64Array(m);
  for (let i = 0, o = 0; i < n; i++) for (let j = 0; j < m; j++, o++) colSum[j]! += X[o]!;
  for (let i = 0, o = 0; i < n; i++) {
    for (let j = 0; j < m; j++, o++) if (X[o]! > 0) X[o] = idiv(X[o]! * Q, colSum[j]!);
  }
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
