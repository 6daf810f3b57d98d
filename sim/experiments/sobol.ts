// Variance-based (Sobol) indices with Saltelli's sampling scheme (Saltelli et al. 2010, "Variance based
// sensitivity analysis of model output", estimators: first order (their eq. b), total order Jansen (eq. f)).
// For N base rows, matrices A and B (N x k, uniform on [0,1)) and, per factor i, A_B^i = A with column i from B:
// N (k + 2) model evaluations. Per row j the design lists A_j, B_j, A_B^1_j .. A_B^k_j in that order.
// Outputs are centred on their mean before the first-order estimate (same expectation, much lower variance).
// Bootstrap confidence intervals resample rows with the design's own seeded stream.
import type { Factor } from './factors.js';
import { valueAtUnit } from './factors.js';
import { SweepOptionError } from './errors.js';

export interface SobolDesign {
  readonly n: number;
  /** unit coordinates per design point, (k + 2) points per base row */
  readonly unitPoints: readonly (readonly number[])[];
  readonly values: readonly (readonly string[])[];
}

export const MAX_SOBOL_ROWS = 100_000;

export function sobolDesign(factors: readonly Factor[], n: number, rng: () => number): SobolDesign {
  if (!Number.isInteger(n) || n < 2 || n > MAX_SOBOL_ROWS) throw new SweepOptionError(`--samples must be an integer in [2, ${MAX_SOBOL_ROWS}]: ${n}`);
  const k = factors.length;
  const unitPoints: number[][] = [];
  for (let j = 0; j < n; j++) {
    const a = Array.from({ length: k }, () => rng());
    const b = Array.from({ length: k }, () => rng());
    unitPoints.push(a, b);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i]!;
      unitPoints.push(ab);
    }
  }
  const values = unitPoints.map((u) => u.map((x, i) => valueAtUnit(factors[i]!, x)));
  return { n, unitPoints, values };
}

export interface SobolIndex {
  readonly path: string;
  readonly s1: number | null;
  readonly st: number | null;
  readonly s1Conf: number | null;
  readonly stConf: number | null;
  readonly rank: number;
}

function estimate(k: number, rows: readonly number[], y: readonly number[]): { s1: number[]; st: number[] } | null {
  const n = rows.length;
  const w = k + 2;
  let mean = 0;
  for (const j of rows) mean += y[j * w]! + y[j * w + 1]!;
  mean /= 2 * n;
  let v = 0;
  for (const j of rows) v += (y[j * w]! - mean) ** 2 + (y[j * w + 1]! - mean) ** 2;
  v /= 2 * n;
  if (!(v > 0)) return null;
  const s1: number[] = [];
  const st: number[] = [];
  for (let i = 0; i < k; i++) {
    let a = 0;
    let b = 0;
    for (const j of rows) {
      const fA = y[j * w]!;
      const fB = y[j * w + 1]!;
      const fAB = y[j * w + 2 + i]!;
      a += (fB - mean) * (fAB - fA); // centred: same expectation, far lower variance when the mean is large
      b += (fA - fAB) ** 2;
    }
    s1.push(a / n / v);
    st.push(b / (2 * n) / v);
  }
  return { s1, st };
}

/** Indices from outputs y (one per design point, design order). 95% CIs: half-width 1.96 * bootstrap std. */
export function sobolAnalyze(factors: readonly Factor[], design: SobolDesign, y: readonly number[], rng: () => number, resamples = 200): SobolIndex[] {
  const k = factors.length;
  if (y.length !== design.n * (k + 2)) throw new RangeError(`sobol: ${y.length} outputs for ${design.n * (k + 2)} points`);
  const all = Array.from({ length: design.n }, (_, j) => j);
  const point = estimate(k, all, y);
  const boots: { s1: number[]; st: number[] }[] = [];
  for (let b = 0; b < resamples; b++) {
    const rows = all.map(() => Math.floor(rng() * design.n));
    const e = estimate(k, rows, y);
    if (e) boots.push(e);
  }
  const conf = (pick: (e: { s1: number[]; st: number[] }) => number): number | null => {
    if (boots.length < 2) return null;
    const xs = boots.map(pick);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    return 1.96 * sd;
  };
  const unranked = factors.map((f, i) => ({
    path: f.spec.path,
    s1: point ? point.s1[i]! : null,
    st: point ? point.st[i]! : null,
    s1Conf: point ? conf((e) => e.s1[i]!) : null,
    stConf: point ? conf((e) => e.st[i]!) : null,
  }));
  const order = [...unranked].sort((a, b) => (b.st ?? -1) - (a.st ?? -1) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return order.map((x, i) => ({ ...x, rank: i + 1 }));
}
