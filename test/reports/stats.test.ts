import { describe, expect, it } from 'vitest';
import { bootstrapMeanInterval, mean, quantile } from '../../reports/stats.js';

describe('quantile (type 7)', () => {
  it('matches hand-computed order-statistic interpolation', () => {
    // n=5 sorted [1,2,3,4,10]: h=(n-1)p; p=0.05 -> h=0.2 -> 1+0.2*(2-1)=1.2 ; p=0.95 -> h=3.8 -> 4+0.8*6=8.8
    expect(quantile([10, 2, 4, 1, 3], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile([10, 2, 4, 1, 3], 0.5)).toBe(3);
    expect(quantile([10, 2, 4, 1, 3], 0.95)).toBeCloseTo(8.8, 12);
    expect(quantile([7], 0.95)).toBe(7);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
  it('rejects p outside [0,1]', () => {
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('bootstrapMeanInterval', () => {
  it('is exactly the constant when every delta is the same', () => {
    expect(bootstrapMeanInterval([2.5, 2.5, 2.5, 2.5], 0.9, 's')).toEqual({ low: 2.5, high: 2.5 });
  });
  it('gives no interval for fewer than two pairs', () => {
    expect(bootstrapMeanInterval([1], 0.9, 's')).toBeNull();
  });
  it('is reproducible for a seed and changes with the seed', () => {
    const d = [1, 5, 2, 8, 3, 9, 4, 4, 6, 0];
    const a = bootstrapMeanInterval(d, 0.9, 'k')!;
    expect(bootstrapMeanInterval(d, 0.9, 'k')).toEqual(a);
    expect(bootstrapMeanInterval(d, 0.9, 'other')).not.toEqual(a);
    // resample means lie between the smallest and largest delta and the interval brackets the sample mean
    expect(a.low).toBeGreaterThanOrEqual(0);
    expect(a.high).toBeLessThanOrEqual(9);
    expect(a.low).toBeLessThan(mean(d));
    expect(a.high).toBeGreaterThan(mean(d));
  });
  it('agrees with the normal-theory interval mean ± 1.645·sd/√n for a large symmetric sample', () => {
    // deltas: a deterministic symmetric lattice, n = 400, mean 10, population sd known in closed form
    const d = Array.from({ length: 400 }, (_, i) => 10 + ((i % 20) - 9.5));
    const m = mean(d);
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / d.length);
    const half = 1.6448536 * sd / Math.sqrt(d.length);
    const iv = bootstrapMeanInterval(d, 0.9, 'normal')!;
    expect(iv.low).toBeCloseTo(m - half, 1);
    expect(iv.high).toBeCloseTo(m + half, 1);
    expect(Math.abs((iv.high - iv.low) / (2 * half) - 1)).toBeLessThan(0.08);
  });
});
