import { describe, it, expect } from 'vitest';
import { Engine } from '../../../sim/engine/index.js';
import { SimClock, createNodeClocks } from '../../../sim/adapters/sim/index.js';

describe('SimClock', () => {
  it('applies offset and drift (ppm) to virtual time', () => {
    const e = new Engine({ seed: 1n });
    const K = e.defineKind('k', () => {});
    const c = new SimClock(e, -250, 100); // 100 ppm fast
    e.schedule(1_000_000, 0, 0, K, 0);
    e.runUntil(1_000_000);
    expect(c.nowMs()).toBe(1_000_000 - 250 + 100);
    const target = 2_000_000;
    const v = c.toVirtualMs(target);
    // v is the earliest virtual time at which the local clock reads >= target
    const local = (t: number) => t - 250 + Math.floor(t * 100 / 1e6);
    expect(local(v)).toBeGreaterThanOrEqual(target);
    expect(local(v - 1)).toBeLessThan(target);
  });

  it('draws per-node skews within bounds from the seed; adding nodes keeps earlier nodes\' skews', () => {
    const e = new Engine({ seed: 3n });
    const four = createNodeClocks(e, 4, { maxOffsetMs: 500, maxDriftPpm: 50 });
    const six = createNodeClocks(new Engine({ seed: 3n }), 6, { maxOffsetMs: 500, maxDriftPpm: 50 });
    expect(six.slice(0, 4).map((c) => [c.offsetMs, c.driftPpm])).toEqual(four.map((c) => [c.offsetMs, c.driftPpm]));
    for (const c of six) { expect(Math.abs(c.offsetMs)).toBeLessThanOrEqual(500); expect(Math.abs(c.driftPpm)).toBeLessThanOrEqual(50); }
    expect(new Set(six.map((c) => c.offsetMs)).size).toBeGreaterThan(1);
    const other = createNodeClocks(new Engine({ seed: 4n }), 4, { maxOffsetMs: 500, maxDriftPpm: 50 });
    expect(other.map((c) => c.offsetMs)).not.toEqual(four.map((c) => c.offsetMs));
  });
});
