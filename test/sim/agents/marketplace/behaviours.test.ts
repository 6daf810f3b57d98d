import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rng } from '../../../../sim/engine/rng.js';
import {
  cabalBondEach, cabalScores, consumerPlan, dailyCalls, drawModelTraits, drawPrice, honestScores, lazyScores, pickDistinct,
  shouldExit, splitEvenly, type AgentRng, type Offer,
} from '../../../../sim/agents/marketplace/behaviours.js';

/** A scripted rng: normals and floats from lists (cycled), int(n) = 0 (Fisher–Yates keeps the identity order). */
function scripted(normals: number[], floats: number[] = [0.5]): AgentRng {
  let a = 0, b = 0;
  return {
    normal: (mean = 0, sd = 1) => mean + sd * normals[a++ % normals.length]!,
    float: () => floats[b++ % floats.length]!,
    int: () => 0,
  };
}
const stream = (seed: bigint, name: string, id = 0) => new Rng(seed).stream(name, id);

describe('model traits and prices', () => {
  it('quality is normal clipped to [0,1]; latency is median·e^(σz)', () => {
    expect(drawModelTraits(scripted([1, 0]), 0.6, 0.15, 800, 0.5)).toEqual({ quality: 0.75, latencyMs: 800 });
    expect(drawModelTraits(scripted([10, 1]), 0.6, 0.15, 800, 0.5)).toEqual({ quality: 1, latencyMs: Math.round(800 * Math.exp(0.5)) });
    expect(drawModelTraits(scripted([-10, 0]), 0.6, 0.15, 800, 0.5).quality).toBe(0);
  });
  it('price is uniform in [min, max]', () => {
    expect(drawPrice(scripted([], [0]), 10n, 20n)).toBe(10n);
    expect(drawPrice(scripted([], [0.5]), 10n, 20n)).toBe(15n);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.nat(), (a, b, seed) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const p = drawPrice(stream(BigInt(seed), 'price'), lo, hi);
      expect(p >= lo && p <= hi).toBe(true);
    }));
  });
  it('pickDistinct draws k distinct sorted indices', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 300 }), fc.nat(), (n, k, seed) => {
      const s = pickDistinct(stream(BigInt(seed), 'pick'), n, k);
      expect(s.length).toBe(Math.min(n, k));
      expect(new Set(s).size).toBe(s.length);
      expect(s.every((x, i) => x >= 0 && x < n && (i === 0 || x > s[i - 1]!))).toBe(true);
    }));
  });
});

describe('curator behaviours', () => {
  const q = new Map([[3, 0.9], [5, 0.5], [8, 0.1]]);
  it('honest curator without noise scores round(quality · scoreMax) on the sampled models', () => {
    expect(honestScores(scripted([0]), [3, 5, 8], (id) => q.get(id)!, 0.1, 99, 65535))
      .toEqual([{ modelId: 3, score: Math.round(0.9 * 65535) }, { modelId: 5, score: Math.round(0.5 * 65535) }, { modelId: 8, score: Math.round(0.1 * 65535) }]);
    // with noise +0.2 then clipping at 1
    expect(honestScores(scripted([2]), [3], () => 0.9, 0.1, 1, 100)).toEqual([{ modelId: 3, score: 100 }]);
    expect(honestScores(stream(1n, 'c'), [3, 5, 8], (id) => q.get(id)!, 0.1, 2, 100)).toHaveLength(2);
  });
  it('lazy curator copies the consensus, rescaled so the largest gets scoreMax', () => {
    const Q = 2 ** 24;
    expect(lazyScores([{ modelId: 7, value: Q / 4 }, { modelId: 2, value: Q / 2 }, { modelId: 9, value: Q / 8 }], 2, 100))
      .toEqual([{ modelId: 2, score: 100 }, { modelId: 7, score: 50 }]);
    expect(lazyScores([], 10, 100)).toEqual([]);
  });
  it('cabal scores only its models, at the maximum; bonds give it share s of curator stake', () => {
    expect(cabalScores([9, 4], 10, 65535)).toEqual([{ modelId: 4, score: 65535 }, { modelId: 9, score: 65535 }]);
    expect(cabalBondEach(250_000_000n, 300n, 4)).toBe(25n); // C = .25/.75 · 300 = 100, four members
    expect(cabalBondEach(0n, 300n, 4)).toBe(0n);
    fc.assert(fc.property(fc.integer({ min: 1, max: 990_000_000 }), fc.bigInt({ min: 10n ** 18n, max: 10n ** 24n }), fc.integer({ min: 1, max: 20 }),
      (s, h, n) => {
        const total = cabalBondEach(BigInt(s), h, n) * BigInt(n);
        const share = Number(total) / Number(total + h);
        expect(Math.abs(share - s / 1e9)).toBeLessThan(1e-6);
      }));
  });
});

describe('consumer behaviour', () => {
  const offers: Offer[] = [
    { modelId: 1, quality: 0.9, latencyMs: 1000, priceBai: 0.01 }, // value .9 − .05 − .2 = .65
    { modelId: 2, quality: 0.5, latencyMs: 0, priceBai: 0.001 },    // .5 − .02 = .48
    { modelId: 3, quality: 0.95, latencyMs: 0, priceBai: 0.1 },     // .95 − 2 < 0: too expensive
    { modelId: 4, quality: 0.3, latencyMs: 2000, priceBai: 0 },     // .3 − .1 = .2
  ];
  const p = { choiceSample: 10, modelsPerConsumer: 2, priceSensitivity: 20, perceptionNoise: 0.05, latencyPenaltyPerSecond: 0.05 };
  it('keeps the best models by perceived value and spreads the calls over them', () => {
    expect(consumerPlan(scripted([0]), offers, p, 7)).toEqual([{ modelId: 1, count: 4 }, { modelId: 2, count: 3 }]);
    expect(consumerPlan(scripted([0]), offers, { ...p, modelsPerConsumer: 1, priceSensitivity: 0 }, 5)).toEqual([{ modelId: 3, count: 5 }]);
    expect(consumerPlan(scripted([0]), offers, { ...p, priceSensitivity: 1e6 }, 5)).toEqual([{ modelId: 4, count: 5 }]);
    expect(consumerPlan(scripted([0]), offers, p, 0)).toEqual([]);
  });
  it('spends exactly its calls when anything is worth buying, on distinct sorted models', () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 500 }), (seed, calls) => {
      const plan = consumerPlan(stream(BigInt(seed), 'consumer'), offers, p, calls);
      expect(plan.reduce((a, it) => a + it.count, 0)).toBe(calls);
      expect(plan.every((it, i) => i === 0 || it.modelId > plan[i - 1]!.modelId)).toBe(true);
    }));
  });
  it('daily calls are mean × U(0.5, 1.5)', () => {
    expect(dailyCalls(scripted([], [0]), 100)).toBe(50);
    expect(dailyCalls(scripted([], [0.999]), 100)).toBe(150);
  });
  it('is reproducible from its stream', () => {
    const a = consumerPlan(stream(7n, 'consumer', 3), offers, p, 100);
    const b = consumerPlan(stream(7n, 'consumer', 3), offers, p, 100);
    expect(a).toEqual(b);
  });
});

describe('wash split and provider exit', () => {
  it('splits evenly', () => {
    expect(splitEvenly(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitEvenly(0, 2)).toEqual([0, 0]);
  });
  it('exits when trailing income is below cost', () => {
    expect(shouldExit([5n, 5n], 10n, 3)).toBe(false); // not enough history
    expect(shouldExit([50n, 5n, 5n, 5n], 10n, 3)).toBe(true); // 15 < 30
    expect(shouldExit([5n, 20n, 10n], 10n, 3)).toBe(false); // 35 >= 30
    expect(shouldExit([0n, 0n, 0n], 0n, 3)).toBe(false); // zero cost never exits
  });
});

// The first, straightforward implementations: the faster ones must make the same draws and the same decisions.
function pickDistinctRef(rng: AgentRng, n: number, k: number): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}
function consumerPlanRef(rng: AgentRng, offers: readonly Offer[], p: typeof planParams, calls: number) {
  if (calls <= 0 || offers.length === 0) return [];
  const seen = pickDistinctRef(rng, offers.length, p.choiceSample).map((i) => {
    const o = offers[i]!;
    const value = o.quality + rng.normal(0, p.perceptionNoise) - p.latencyPenaltyPerSecond * (o.latencyMs / 1000) - p.priceSensitivity * o.priceBai;
    return { id: o.modelId, value };
  }).filter((v) => v.value > 0).sort((a, b) => b.value - a.value || a.id - b.id).slice(0, p.modelsPerConsumer);
  if (seen.length === 0) return [];
  const base = Math.floor(calls / seen.length), extra = calls % seen.length;
  return seen.map((v, i) => ({ modelId: v.id, count: base + (i < extra ? 1 : 0) })).filter((it) => it.count > 0).sort((a, b) => a.modelId - b.modelId);
}
const planParams = { choiceSample: 32, modelsPerConsumer: 3, priceSensitivity: 20, perceptionNoise: 0.05, latencyPenaltyPerSecond: 0.05 };

describe('fast sampling and choice == the straightforward versions (same draws, same decisions)', () => {
  it('pickDistinct', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), fc.nat(), (n, k, seed) => {
      const a = stream(BigInt(seed), 'pick'), b = stream(BigInt(seed), 'pick');
      expect(pickDistinct(a, n, k)).toEqual(pickDistinctRef(b, n, k));
      expect(a.float()).toBe(b.float()); // and the streams stay in step
    }), { numRuns: 300 });
  });
  it('consumerPlan, with ties in value (coarse qualities, no noise) and random offers', () => {
    const offer = fc.record({ modelId: fc.nat({ max: 10_000 }), quality: fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
      latencyMs: fc.constantFrom(0, 1000, 5000), priceBai: fc.constantFrom(0, 0.001, 0.01) });
    fc.assert(fc.property(fc.uniqueArray(offer, { selector: (o) => o.modelId, maxLength: 60 }), fc.nat(), fc.integer({ min: 0, max: 500 }),
      fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 80 }), fc.constantFrom(0, 0.05, 0.5),
      (offers, seed, calls, keep, sample, noise) => {
        const p = { ...planParams, modelsPerConsumer: keep, choiceSample: sample, perceptionNoise: noise };
        const a = stream(BigInt(seed), 'consumer'), b = stream(BigInt(seed), 'consumer');
        expect(consumerPlan(a, offers, p, calls)).toEqual(consumerPlanRef(b, offers, p, calls));
        expect(a.float()).toBe(b.float());
      }), { numRuns: 400 });
  });
});

describe('honestScores == the straightforward version', () => {
  it('same draws and scores for any coverage (sampled or every model)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.nat({ max: 5000 }), { maxLength: 80 }), fc.integer({ min: 1, max: 100 }), fc.nat(), (ids, coverage, seed) => {
      const quality = (id: number) => (id % 97) / 96;
      const a = stream(BigInt(seed), 'cur'), b = stream(BigInt(seed), 'cur');
      const ref = pickDistinctRef(b, ids.length, coverage).map((i) => ({ modelId: ids[i]!,
        score: Math.round(Math.min(1, Math.max(0, quality(ids[i]!) + b.normal(0, 0.1))) * 65535) }));
      expect(honestScores(a, ids, quality, 0.1, coverage, 65535)).toEqual(ref);
      expect(a.float()).toBe(b.float());
    }), { numRuns: 300 });
  });
});
