// Both fidelities give the same distribution of blocks per validator and of finality lag.
// Stated tolerance: each test statistic below its 0.001 critical value (chi-square homogeneity for authorship,
// two-sample Kolmogorov-Smirnov for finality lag in seconds), on the fixed seed set 1..4, 10 validators, 400 slots.
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const N = 10; const SLOTS = 400; const SEEDS = [1n, 2n, 3n, 4n];

function pooled(fidelity: 'message' | 'aggregated', lazyVotes?: boolean) {
  const perValidator = new Array<number>(N).fill(0);
  const lagSeconds: number[] = []; const lagBlocks: number[] = [];
  for (const seed of SEEDS) {
    const s = run({ n: N, slots: SLOTS, seed, fidelity, ...(lazyVotes !== undefined ? { lazyVotes } : {}) }).stats;
    s.blocksPerValidator.forEach((c, i) => { perValidator[i]! += c; });
    lagSeconds.push(...s.lagSecondsSamples); lagBlocks.push(...s.lagBlocksSamples);
  }
  return { perValidator, lagSeconds, lagBlocks };
}

/** Pearson chi-square statistic of homogeneity for a 2 x k table. */
function chiSquare2xK(a: number[], b: number[]): number {
  const ta = a.reduce((x, y) => x + y, 0); const tb = b.reduce((x, y) => x + y, 0);
  let chi = 0;
  for (let i = 0; i < a.length; i++) {
    const col = a[i]! + b[i]!;
    if (col === 0) continue;
    const ea = (col * ta) / (ta + tb); const eb = (col * tb) / (ta + tb);
    chi += (a[i]! - ea) ** 2 / ea + (b[i]! - eb) ** 2 / eb;
  }
  return chi;
}

/** Two-sample KS statistic sup |F1 - F2|. */
function ks(x: number[], y: number[]): number {
  const a = [...x].sort((p, q) => p - q); const b = [...y].sort((p, q) => p - q);
  let i = 0; let j = 0; let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= v) i++;
    while (j < b.length && b[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

describe('message-level and aggregated fidelities agree', () => {
  const m = pooled('message');
  const g = pooled('aggregated');
  it('blocks per validator: chi-square homogeneity, 9 dof, below the 0.001 critical value 27.88', () => {
    expect(chiSquare2xK(m.perValidator, g.perValidator)).toBeLessThan(27.88);
    // and each is consistent with uniform authorship (equal BABE weights): expected total / N each
    for (const counts of [m.perValidator, g.perValidator]) {
      const e = counts.reduce((x, y) => x + y, 0) / N;
      expect(counts.reduce((x, c) => x + (c - e) ** 2 / e, 0)).toBeLessThan(27.88);
    }
  });
  it('finality lag in seconds: two-sample KS below the 0.001 critical value 1.95 sqrt((n+m)/(nm))', () => {
    const n1 = m.lagSeconds.length; const n2 = g.lagSeconds.length;
    expect(n1).toBeGreaterThan(1000); expect(n2).toBeGreaterThan(1000);
    expect(ks(m.lagSeconds, g.lagSeconds)).toBeLessThan(1.95 * Math.sqrt((n1 + n2) / (n1 * n2)));
  });
  it('finality lag in blocks: same median and 95th percentile', () => {
    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1];
    expect(q(m.lagBlocks, 0.5)).toBe(q(g.lagBlocks, 0.5));
    expect(q(m.lagBlocks, 0.95)).toBe(q(g.lagBlocks, 0.95));
  });
  it('the message-level vote fast path (inbox + wake at the t-th arrival) matches one event per vote copy', () => {
    const e = pooled('message', false);
    expect(chiSquare2xK(m.perValidator, e.perValidator)).toBeLessThan(27.88);
    const n1 = m.lagSeconds.length; const n2 = e.lagSeconds.length;
    expect(ks(m.lagSeconds, e.lagSeconds)).toBeLessThan(1.95 * Math.sqrt((n1 + n2) / (n1 * n2)));
  });
  it('the KS test has power: a lag shifted by one slot is rejected', () => {
    const shifted = g.lagSeconds.map((x) => x + 12);
    const n1 = m.lagSeconds.length; const n2 = shifted.length;
    expect(ks(m.lagSeconds, shifted)).toBeGreaterThan(1.95 * Math.sqrt((n1 + n2) / (n1 * n2)));
  });
});
