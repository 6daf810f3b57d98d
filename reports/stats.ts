// Pure statistics used by reports and compare. Percentiles use linear interpolation between order statistics
// (Hyndman & Fan type 7, the definition of numpy's default, R's default, d3.quantile and arquero's op.quantile),
// so the numbers in tables match the bands drawn by arquero.
import seedrandom from 'seedrandom';

/** Type-7 quantile of already sorted finite values; NaN for an empty list. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  return a + (b - a) * (h - lo);
}

export function quantile(values: readonly number[], p: number): number {
  return quantileSorted([...values].sort((x, y) => x - y), p);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export interface Interval { readonly low: number; readonly high: number }

/** Bootstrap resamples for the paired-delta interval: 4000 keeps the 5%/95% endpoints stable to ~1% of the SE. */
export const BOOTSTRAP_RESAMPLES = 4000;

/**
 * Percentile bootstrap interval of the mean (Efron): resample the paired deltas with replacement
 * `resamples` times using a generator seeded by `seed`, take the mean of each resample, and return the
 * (1-level)/2 and (1+level)/2 type-7 quantiles of those means. Deterministic for a given seed.
 * Null when fewer than 2 deltas (no spread to resample).
 */
export function bootstrapMeanInterval(
  deltas: readonly number[], level: number, seed: string, resamples = BOOTSTRAP_RESAMPLES,
): Interval | null {
  if (!(level > 0 && level < 1)) throw new RangeError(`interval level must be in (0, 1), got ${level}`);
  if (!(Number.isInteger(resamples) && resamples >= 100 && resamples <= 1_000_000)) {
    throw new RangeError(`resamples must be an integer in [100, 1e6], got ${resamples}`);
  }
  const n = deltas.length;
  if (n < 2) return null;
  const rng = seedrandom.alea(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += deltas[Math.floor(rng() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  const sorted = Array.from(means);
  return { low: quantileSorted(sorted, (1 - level) / 2), high: quantileSorted(sorted, (1 + level) / 2) };
}
