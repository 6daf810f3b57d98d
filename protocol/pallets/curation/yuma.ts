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
import { normalizeRow, type ScoreEntry, type SparseRow } from './weights.js';
import { assertCsr, csrOfRows, rowsOfCsr, type Csr } from './csr.js';

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
  const m = input.modelCount;
  assert(input.scores.length === input.stakePlanck.length && input.bondsPrev.length === input.stakePlanck.length,
    'yuma: row count mismatch');
  const r = yumaEpochCsr({ stakePlanck: input.stakePlanck, scores: csrOfRows(input.scores, m),
    bondsPrev: csrOfRows(input.bondsPrev, m), kappaParts: input.kappaParts, alphaParts: input.alphaParts, clip: input.clip });
  return { consensus: r.consensus, rank: r.rank, incentive: r.incentive, bonds: rowsOfCsr(r.bonds), dividends: r.dividends };
}

/** The epoch's input as flat sparse matrices (curator rows × model columns; see ./csr.ts). */
export interface YumaCsrInput {
  readonly stakePlanck: readonly bigint[];
  /** Raw u16 scores. */
  readonly scores: Csr;
  /** Previous bonds, shares; same shape as scores. */
  readonly bondsPrev: Csr;
  readonly kappaParts: bigint;
  readonly alphaParts: bigint;
  readonly clip: boolean;
}

export interface YumaCsrResult {
  readonly consensus: number[];
  readonly rank: number[];
  readonly incentive: number[];
  /** New bonds, positive entries only. */
  readonly bonds: Csr;
  readonly dividends: number[];
}

/**
 * The epoch on flat sparse matrices: every step of the definition above, entry by entry, in the same exact integer
 * arithmetic (so results equal the step-by-step reference to the unit; tested on random inputs), without a dense
 * n × m matrix or an object per entry.
 */
export function yumaEpochCsr(input: YumaCsrInput): YumaCsrResult {
  const sc = input.scores, pv = input.bondsPrev;
  const n = input.stakePlanck.length;
  const m = sc.cols;
  assert(sc.rows === n && pv.rows === n && pv.cols === m, 'yuma: row count mismatch');
  assert(input.kappaParts > 0n && input.kappaParts < PERBILL.accuracy, 'yuma: κ outside (0, 1)');
  assert(input.alphaParts >= 0n && input.alphaParts <= PERBILL.accuracy, 'yuma: α outside [0, 1]');
  assert(n < CURATORS_MAX, 'yuma: too many curator rows');
  assertCsr(sc, Q);
  assertCsr(pv, Q);

  let totalStake = 0n;
  for (const s of input.stakePlanck) { assert(s >= 0n, 'yuma: negative stake'); totalStake += s; }
  const q = BigInt(Q);
  const S = new Float64Array(n);
  if (totalStake > 0n) for (let i = 0; i < n; i++) S[i] = Number((input.stakePlanck[i]! * q) / totalStake);
  const W = rowNormalized(sc, input.stakePlanck);
  const consensus = new Float64Array(m);
  if (input.clip && totalStake > 0n) consensusOf(W, sc, input.stakePlanck, totalStake, input.kappaParts, consensus);
  const { rank, delta, deltaColSum } = clippedDelta(sc, W, S, input.clip ? consensus : null);
  const incentive = normalizeQ(rank);
  const ema = emaMerged(sc, delta, deltaColSum, pv, shareOfParts(input.alphaParts));
  const { bonds, dividends: d } = normalizedBonds(ema.bonds, ema.colSum, incentive);
  return { consensus: Array.from(consensus), rank, incentive, bonds, dividends: normalizeQ(d) };
}

// The loops below keep the matrices' arrays in locals: V8 then reads each typed array's backing store once per loop
// instead of re-loading it through the object on every entry.

/** W: each staked row scaled to shares, score · Q / Σ row (floor); rows without stake or scores stay zero. */
function rowNormalized(sc: Csr, stakePlanck: readonly bigint[]): Float64Array {
  const rowStart = sc.rowStart, val = sc.val;
  const W = new Float64Array(val.length);
  for (let i = 0; i < sc.rows; i++) {
    if (stakePlanck[i]! === 0n) continue;
    const start = rowStart[i]!, end = rowStart[i + 1]!;
    let sum = 0;
    for (let k = start; k < end; k++) sum += val[k]!;
    if (sum === 0) continue;
    for (let k = start; k < end; k++) {
      const a = val[k]! * Q;
      let q = Math.floor(a / sum); // idiv, inlined (these loops run cold in short runs: calls are what costs there)
      if (q * sum > a) q--; else if ((q + 1) * sum <= a) q++;
      W[k] = q;
    }
  }
  return W;
}

/**
 * Rank R_j = Σ_i S_i W̄_ij and the bond delta S_i W̄_ij (W clipped at the consensus when given; mulQ, floor), with
 * the delta's column sums for its normalisation.
 */
function clippedDelta(sc: Csr, W: Float64Array, S: Float64Array, consensus: Float64Array | null):
    { rank: number[]; delta: Float64Array; deltaColSum: Float64Array } {
  const rowStart = sc.rowStart, col = sc.col, m = sc.cols;
  const delta = new Float64Array(W.length);
  const colSum = new Float64Array(m);
  for (let i = 0; i < sc.rows; i++) {
    const si = S[i]!;
    if (si === 0) continue;
    for (let k = rowStart[i]!, end = rowStart[i + 1]!; k < end; k++) {
      const w0 = W[k]!;
      if (w0 === 0) continue;
      const j = col[k]!;
      const w = consensus !== null && w0 > consensus[j]! ? consensus[j]! : w0;
      const v = Math.floor((si * w) / Q); // mulQ
      delta[k] = v;
      colSum[j]! += v;
    }
  }
  // Σ_i S_i W̄_ij is exactly the delta's column sum (every term an integer, every sum < 2^53).
  return { rank: Array.from(colSum), delta, deltaColSum: colSum };
}

/**
 * B = EMA_α(column-normalised ΔB, B_prev), merging each row's score entries with its previous bonds by model:
 * B_ij = ⌊(a · ΔB̂_ij + (Q − a) · B_prev,ij) / Q⌋ (an absent side counts 0), positive entries kept, with the
 * column sums for the final normalisation.
 */
function emaMerged(sc: Csr, delta: Float64Array, deltaColSum: Float64Array, pv: Csr, a: number): { bonds: Csr; colSum: Float64Array } {
  const b = Q - a;
  const xStart = sc.rowStart, xCol = sc.col, yStart = pv.rowStart, yCol = pv.col, yVal = pv.val;
  const cap = sc.col.length + pv.col.length;
  const outCol = new Int32Array(cap), outVal = new Float64Array(cap), outStart = new Int32Array(sc.rows + 1);
  const colSum = new Float64Array(sc.cols);
  let o = 0;
  for (let i = 0; i < sc.rows; i++) {
    let x = xStart[i]!, y = yStart[i]!;
    const xe = xStart[i + 1]!, ye = yStart[i + 1]!;
    while (x < xe || y < ye) {
      const jx = x < xe ? xCol[x]! : 0x7fffffff;
      const jy = y < ye ? yCol[y]! : 0x7fffffff;
      const j = jx < jy ? jx : jy;
      let dn = 0;
      if (jx === j) {
        const d = delta[x++]!;
        if (d > 0) {
          const num = d * Q, den = deltaColSum[j]!;
          dn = Math.floor(num / den); // idiv, inlined
          if (dn * den > num) dn--; else if ((dn + 1) * den <= num) dn++;
        }
      }
      const p = jy === j ? yVal[y++]! : 0;
      const v = Math.floor((a * dn + b * p) / Q);
      if (v > 0) { outCol[o] = j; outVal[o] = v; o++; colSum[j]! += v; }
    }
    outStart[i + 1] = o;
  }
  return { bonds: { rows: sc.rows, cols: sc.cols, rowStart: outStart, col: outCol.subarray(0, o), val: outVal.subarray(0, o) }, colSum };
}

/** Bonds scaled so each column sums to Q (floor), positive entries kept; d_i = Σ_j B_ij I_j (undivided dividends). */
function normalizedBonds(B: Csr, colSum: Float64Array, incentive: readonly number[]): { bonds: Csr; dividends: number[] } {
  const bStart = B.rowStart, bCol = B.col, bVal = B.val;
  const inc = Float64Array.from(incentive);
  const outCol = new Int32Array(bCol.length), outVal = new Float64Array(bCol.length), outStart = new Int32Array(B.rows + 1);
  const d: number[] = new Array<number>(B.rows).fill(0);
  let o = 0;
  for (let i = 0; i < B.rows; i++) {
    let di = 0;
    for (let k = bStart[i]!, end = bStart[i + 1]!; k < end; k++) {
      const j = bCol[k]!;
      const num = bVal[k]! * Q, den = colSum[j]!;
      let v = Math.floor(num / den); // idiv, inlined
      if (v * den > num) v--; else if ((v + 1) * den <= num) v++;
      if (v === 0) continue;
      outCol[o] = j; outVal[o] = v; o++;
      di += Math.floor((v * inc[j]!) / Q); // mulQ
    }
    d[i] = di;
    outStart[i + 1] = o;
  }
  return { bonds: { rows: B.rows, cols: B.cols, rowStart: outStart, col: outCol.subarray(0, o), val: outVal.subarray(0, o) }, dividends: d };
}

/** Curator rows are packed with the weight into one sortable number: w · 2^17 + i (< 2^41). */
const CURATORS_MAX = 1 << 17;

/**
 * κ-median of every column (same definition as weightedMedianAtKappa): gather each column's positive weights of
 * staked rows, sort them descending, accumulate stake until it reaches κ · total at the end of a run of equal
 * weights. Stakes are compared exactly: as small integers after dividing by their gcd when that fits a float64
 * exactly (equal bonds: the common case), else as bigints.
 */
function consensusOf(W: Float64Array, sc: Csr, stakePlanck: readonly bigint[], totalStake: bigint, kappaParts: bigint,
                     consensus: Float64Array): void {
  const n = sc.rows, m = sc.cols, rowStart = sc.rowStart, col = sc.col;
  const colStart = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    if (stakePlanck[i]! === 0n) continue;
    for (let k = rowStart[i]!, end = rowStart[i + 1]!; k < end; k++) if (W[k]! > 0) colStart[col[k]! + 1]!++;
  }
  for (let j = 0; j < m; j++) colStart[j + 1]! += colStart[j]!;
  const keys = new Float64Array(colStart[m]!);
  const fill = colStart.slice(0, m);
  for (let i = 0; i < n; i++) {
    if (stakePlanck[i]! === 0n) continue;
    for (let k = rowStart[i]!, end = rowStart[i + 1]!; k < end; k++) {
      const w = W[k]!;
      if (w > 0) keys[fill[col[k]!]!++] = w * CURATORS_MAX + i;
    }
  }
  const small = smallStakes(stakePlanck, totalStake, kappaParts);
  if (small !== null) {
    const units = new Float64Array(keys.length); // each key's stake, moved with it
    for (let t = 0; t < keys.length; t++) { const key = keys[t]!; units[t] = small.units[key - Math.floor(key / CURATORS_MAX) * CURATORS_MAX]!; }
    const threshold = small.threshold;
    for (let j = 0; j < m; j++) {
      // The κ-median of column j in expected O(entries), without sorting: weighted quickselect over the packed keys in
      // [lo, hi) (distinct, so a pivot splits them into > pivot, the pivot, < pivot). The answer is the weight of the
      // first key, in descending order, at which the cumulative stake reaches the threshold: that key's whole run of
      // equal weights ends at or after it, and every earlier run ended below the threshold (the definition's "largest
      // w"). Reorders keys and units in place. Written inline (swaps included): the loop then tiers up as one piece.
      let lo = colStart[j]!, hi = colStart[j + 1]!, above = 0, w = 0;
      for (let guard = hi - lo; lo < hi; guard--) {
        if (guard < 0) assert(false, 'yuma: median selection did not shrink');
        const mid = (lo + hi) >>> 1, last = hi - 1;
        const pivot = keys[mid]!, pu = units[mid]!;
        keys[mid] = keys[last]!; units[mid] = units[last]!;
        let store = lo, greater = 0;
        for (let t = lo; t < last; t++) {
          const key = keys[t]!;
          if (key > pivot) {
            const u = units[t]!;
            greater += u;
            keys[t] = keys[store]!; units[t] = units[store]!;
            keys[store] = key; units[store] = u;
            store++;
          }
        }
        keys[last] = keys[store]!; units[last] = units[store]!;
        keys[store] = pivot; units[store] = pu;
        if (above + greater >= threshold) { hi = store; continue; }
        above += greater + pu;
        if (above >= threshold) { w = Math.floor(pivot / CURATORS_MAX); break; }
        lo = store + 1;
      }
      consensus[j] = w;
    }
    return;
  }
  const scaled = stakePlanck.map((s) => s * PERBILL.accuracy);
  const need = kappaParts * totalStake;
  for (let j = 0; j < m; j++) {
    const a = colStart[j]!, b = colStart[j + 1]!;
    if (a < b) consensus[j] = medianBig(keys.subarray(a, b).sort(), scaled, need);
  }
}

/**
 * Stakes as exact small integers: t_i = stake_i / g for g = gcd of the stakes, and the κ threshold ⌈κ · Σt / 10^9⌉,
 * so that Σ_{i∈A} stake_i · 10^9 >= κ · total  ⇔  Σ_{i∈A} t_i >= threshold. null when Σt exceeds 2^53.
 */
function smallStakes(stakePlanck: readonly bigint[], totalStake: bigint, kappaParts: bigint): { units: Float64Array; threshold: number } | null {
  let g = 0n;
  for (const s of stakePlanck) if (s > 0n) g = gcd(g, s);
  const T = totalStake / g;
  if (T > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const units = new Float64Array(stakePlanck.length);
  stakePlanck.forEach((s, i) => { units[i] = Number(s / g); });
  const threshold = Number((kappaParts * T + PERBILL.accuracy - 1n) / PERBILL.accuracy);
  return { units, threshold };
}

function gcd(a: bigint, b: bigint): bigint {
  for (let i = 0; i < 100_000 && b !== 0n; i++) [a, b] = [b, a % b]; // Euclid: O(log) steps, bounded for safety
  assert(b === 0n, 'yuma: gcd did not converge');
  return a;
}

function medianBig(sorted: Float64Array, scaled: readonly bigint[], need: bigint): number {
  let cum = 0n;
  for (let t = sorted.length - 1; t >= 0; t--) {
    const key = sorted[t]!;
    const w = Math.floor(key / CURATORS_MAX);
    cum += scaled[key - w * CURATORS_MAX]!;
    const nextSame = t > 0 && Math.floor(sorted[t - 1]! / CURATORS_MAX) === w;
    if (!nextSame && cum >= need) return w;
  }
  return 0;
}

/** D = normalise(Bᵀ I): curator i earns Σ_j B_ij I_j. (Each term <= Q and Σ_j I_j <= Q, so d_i <= Q.) */
export function dividends(bonds: readonly SparseRow[], incentive: readonly number[]): number[] {
  return normalizeQ(bonds.map((row) => {
    let d = 0;
    for (const e of row) d += mulQ(e.score, incentive[e.model] ?? 0);
    return d;
  }));
}

/** dividends() on a Csr of bonds. */
export function dividendsOfCsr(bonds: Csr, incentive: readonly number[]): number[] {
  const d: number[] = new Array<number>(bonds.rows).fill(0);
  for (let i = 0; i < bonds.rows; i++) {
    let di = 0;
    for (let k = bonds.rowStart[i]!, end = bonds.rowStart[i + 1]!; k < end; k++) di += mulQ(bonds.val[k]!, incentive[bonds.col[k]!] ?? 0);
    d[i] = di;
  }
  return normalizeQ(d);
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
