import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Q } from '../../../protocol/pallets/curation/fixed-math.js';
import { columnNormalize, dividends, emaRows, stakeWeightedMean, weightedMedianAtKappa, yumaEpoch } from '../../../protocol/pallets/curation/yuma.js';
import { mulQ, normalizeQ } from '../../../protocol/pallets/curation/fixed-math.js';
import { normalizeRow } from '../../../protocol/pallets/curation/weights.js';
import type { ScoreEntry } from '../../../protocol/pallets/curation/weights.js';

const HALF = 500_000_000n; // κ = 0.5 in Perbill parts
const ALPHA = 100_000_000n; // α = 0.1
const row = (...xs: Array<[number, number]>): ScoreEntry[] => xs.map(([model, score]) => ({ model, score }));
/** |x − num/den·Q| ≤ tol units of 2^-24 */
const near = (x: number, num: number, den: number, tol = 4) => Math.abs(x - (num * Q) / den) <= tol;

describe('Yuma epoch on a hand-computed 3 curators × 2 models case', () => {
  // stakes 50/30/20; rows [1,1], [3,1], [0,1] -> W = [.5,.5], [.75,.25], [0,1]
  // C = [.5, .5]; W̄ = [.5,.5], [.5,.25], [0,.5]; R = [.4, .425]; I = [16/33, 17/33]
  // ΔB columns: m0 [.625,.375,0], m1 [10/17, 3/17, 4/17]; B = ΔB (no history); D = [20/33, 9/33, 4/33]
  const r = yumaEpoch({
    stakePlanck: [50n, 30n, 20n],
    scores: [row([0, 1], [1, 1]), row([0, 3], [1, 1]), row([1, 1])],
    bondsPrev: [[], [], []], modelCount: 2, kappaParts: HALF, alphaParts: ALPHA, clip: true,
  });
  it('consensus is the κ-median of each column', () => {
    expect(r.consensus).toEqual([Q / 2, Q / 2]);
  });
  it('rank and incentive', () => {
    expect(near(r.rank[0]!, 4, 10)).toBe(true);
    expect(near(r.rank[1]!, 425, 1000)).toBe(true);
    expect(near(r.incentive[0]!, 16, 33)).toBe(true);
    expect(near(r.incentive[1]!, 17, 33)).toBe(true);
  });
  it('bonds and dividends', () => {
    expect(near(r.bonds[0]![0]!.score, 5, 8, 16)).toBe(true); // EMA (×α, floor) then renormalisation: ~1/α units
    expect(near(r.bonds[2]![0]!.score, 4, 17, 16)).toBe(true);
    expect(r.bonds[2]!.length).toBe(1); // curator 2 never scored model 0
    expect(near(r.dividends[0]!, 20, 33, 64)).toBe(true);
    expect(near(r.dividends[1]!, 9, 33, 64)).toBe(true);
    expect(near(r.dividends[2]!, 4, 33, 64)).toBe(true);
  });
  it('without clipping the mean rule ranks by raw weights', () => {
    const m = yumaEpoch({
      stakePlanck: [50n, 30n, 20n],
      scores: [row([0, 1], [1, 1]), row([0, 3], [1, 1]), row([1, 1])],
      bondsPrev: [[], [], []], modelCount: 2, kappaParts: HALF, alphaParts: ALPHA, clip: false,
    });
    // R0 = .5*.5 + .3*.75 = .475 ; R1 = .5*.5 + .3*.25 + .2 = .525
    expect(near(m.rank[0]!, 475, 1000)).toBe(true);
    expect(near(m.rank[1]!, 525, 1000)).toBe(true);
    expect(stakeWeightedMean([50n, 30n, 20n], [row([0, 1], [1, 1]), row([0, 3], [1, 1]), row([1, 1])], 2))
      .toEqual([Math.floor((475 * Q) / 1000), Math.floor((525 * Q) / 1000)]);
  });
});

describe('bond EMA', () => {
  it('B = α ΔB + (1 − α) B_prev entrywise, merging sparse rows', () => {
    const out = emaRows([row([1, Q])], [row([0, Q], [1, Q / 2])], ALPHA);
    // α = floor(0.1·Q) = 1677721 in shares: B = floor((α·ΔB + (Q − α)·B_prev) / Q)
    const a = Math.floor(Q / 10);
    expect(out).toEqual([row([0, Math.floor(((Q - a) * Q) / Q)], [1, Math.floor((a * Q + (Q - a) * (Q / 2)) / Q)])]);
    expect(near(out[0]![0]!.score, 9, 10) && near(out[0]![1]!.score, 55, 100)).toBe(true);
  });
  it('history keeps an old scorer bonded after it stops scoring', () => {
    const e1 = yumaEpoch({ stakePlanck: [1n, 1n], scores: [row([0, 1]), row([0, 1])], bondsPrev: [[], []],
      modelCount: 1, kappaParts: HALF, alphaParts: ALPHA, clip: true });
    const e2 = yumaEpoch({ stakePlanck: [1n, 1n], scores: [row([0, 1]), []], bondsPrev: e1.bonds,
      modelCount: 1, kappaParts: HALF, alphaParts: ALPHA, clip: true });
    // epoch 1: bonds .5/.5 ; epoch 2: ΔB = [1, 0]: B = [.1 + .45, .45] = [.55, .45]
    expect(near(e2.bonds[0]![0]!.score, 55, 100, 16)).toBe(true);
    expect(near(e2.bonds[1]![0]!.score, 45, 100, 16)).toBe(true);
  });
});

/** Reference: brute force over every candidate value, by the definition "largest w backed by >= κ of stake";
 * like Bittensor's weighted_median_col, rows without stake take no part. */
function medianRef(all: Array<{ w: number; stake: bigint }>, total: bigint, kappa: bigint): number {
  const entries = all.filter((e) => e.stake > 0n);
  let best = 0;
  for (const c of entries) {
    if (c.w <= 0) continue;
    let s = 0n;
    for (const e of entries) if (e.w >= c.w) s += e.stake;
    if (s * 1_000_000_000n >= kappa * total && c.w > best) best = c.w;
  }
  return best;
}

describe('stake-weighted median at κ', () => {
  it('matches the brute-force definition', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ w: fc.integer({ min: 0, max: 20 }), stake: fc.bigInt({ min: 0n, max: 1000n }) }), { maxLength: 12 }),
      fc.bigInt({ min: 1n, max: 999_999_999n }),
      (entries, kappa) => {
        const total = entries.reduce((a, e) => a + e.stake, 0n);
        expect(weightedMedianAtKappa(entries, total, kappa)).toBe(medianRef(entries, total, kappa));
      }));
  });
  it('Bittensor example: stakes .4/.3/.3 scoring 1/2/3 give 2 at κ=.5 and 1 at κ=.8', () => {
    const e = [{ w: 1, stake: 4n }, { w: 2, stake: 3n }, { w: 3, stake: 3n }];
    expect(weightedMedianAtKappa(e, 10n, HALF)).toBe(2);
    expect(weightedMedianAtKappa(e, 10n, 800_000_000n)).toBe(1);
    // rows without stake take no part: no stake at all means no consensus
    expect(weightedMedianAtKappa([{ w: 5, stake: 0n }], 0n, HALF)).toBe(0);
    expect(weightedMedianAtKappa([{ w: 9, stake: 0n }, { w: 3, stake: 2n }], 2n, HALF)).toBe(3);
  });
});

describe('cabal with less than κ of curator stake', () => {
  // Honest curators score every model; the cabal (stake share < κ) puts all its weight on its own model 0.
  const arb = fc.record({
    honest: fc.array(fc.record({ stake: fc.bigInt({ min: 1n, max: 1000n }),
      scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }) }), { minLength: 1, maxLength: 8 }),
    cabalShareParts: fc.bigInt({ min: 0n, max: 999n }), // per mille of total stake, below κ (checked per case)
    kappaPermille: fc.bigInt({ min: 1n, max: 999n }),
  });

  it('cannot lift its model above the honest stake quantile at κ − cabal share (= honest score when honest agree)', () => {
    fc.assert(fc.property(arb, ({ honest, cabalShareParts, kappaPermille }) => {
      fc.pre(cabalShareParts < kappaPermille);
      const honestStake = honest.reduce((a, h) => a + h.stake, 0n);
      // cabal stake = share/(1000) of the total: c = share·H / (1000 − share)  (rounded down)
      const cabalStake = (cabalShareParts * honestStake) / (1000n - cabalShareParts);
      const kappa = kappaPermille * 1_000_000n;
      const scores = [...honest.map((h) => h.scores.map((s, m) => ({ model: m, score: s })).filter((e) => e.score > 0)),
                      row([0, 1])];
      const r = yumaEpoch({ stakePlanck: [...honest.map((h) => h.stake), cabalStake], scores,
        bondsPrev: scores.map(() => []), modelCount: 4, kappaParts: kappa, alphaParts: ALPHA, clip: true });
      const total = honestStake + cabalStake;
      // Honest row-normalised weights on model 0 (same floors as the implementation).
      const hw = honest.map((h) => {
        const s = h.scores.reduce((a, x) => a + x, 0);
        return { w: s === 0 ? 0 : Math.floor((h.scores[0]! * Q) / s), stake: h.stake };
      });
      // Bound: largest honest w whose honest support plus the whole cabal reaches κ; cabal alone is below κ.
      let bound = 0;
      for (const c of hw) {
        let s = cabalStake;
        for (const e of hw) if (e.w >= c.w) s += e.stake;
        if (c.w > 0 && s * 1_000_000_000n >= kappa * total && c.w > bound) bound = c.w;
      }
      expect(cabalStake * 1_000_000_000n < kappa * total).toBe(true);
      expect(r.consensus[0]!).toBeLessThanOrEqual(bound);
      const maxHonest = hw.reduce((a, e) => (e.w > a ? e.w : a), 0);
      expect(r.consensus[0]!).toBeLessThanOrEqual(maxHonest);
      // Honest curators that agree: the honest median is their common weight, and the cabal cannot exceed it.
      if (hw.every((e) => e.w === hw[0]!.w)) expect(r.consensus[0]!).toBeLessThanOrEqual(hw[0]!.w);
    }), { numRuns: 300 });
  });

  it('under the plain mean the same cabal does lift its model (the contrast Yuma exists for)', () => {
    // honest 70% score models 0..3 equally (w = .25 each); cabal 30% puts 1.0 on model 0.
    const scores = [row([0, 1], [1, 1], [2, 1], [3, 1]), row([0, 1])];
    const mean = stakeWeightedMean([70n, 30n], scores, 4);
    expect(near(mean[0]!, 475, 1000)).toBe(true); // .175 + .3 = .475 > .25
    const y = yumaEpoch({ stakePlanck: [70n, 30n], scores, bondsPrev: [[], []], modelCount: 4,
      kappaParts: HALF, alphaParts: ALPHA, clip: true });
    expect(y.consensus[0]).toBe(Q / 4);
    // Clipped at .25 the cabal still backs its model with its own stake: rank .25 vs .175 for the others, so model 0
    // gets .25/.775 = 10/31 of incentive, against .475 under the mean (the cabal keeps only its own-stake share).
    expect(near(y.incentive[0]!, 10, 31)).toBe(true);
    expect(near(y.incentive[1]!, 7, 31)).toBe(true);
  });
});

/** Reference epoch composed from the sparse per-step helpers (the first, object-based implementation). */
function yumaReference(stake: bigint[], scores: ScoreEntry[][], prev: ScoreEntry[][], m: number, kappa: bigint, alpha: bigint, clip: boolean) {
  const total = stake.reduce((a, s) => a + s, 0n);
  const S = stake.map((s) => (total === 0n ? 0 : Number((s * BigInt(Q)) / total)));
  const W = scores.map((r, i) => (stake[i]! > 0n ? normalizeRow(r) : []));
  const C = Array.from({ length: m }, (_, j) => (clip ? weightedMedianAtKappa(
    W.flatMap((row, i) => row.filter((e) => e.model === j).map((e) => ({ w: e.score, stake: stake[i]! }))), total, kappa) : 0));
  const rank = new Array<number>(m).fill(0);
  const delta = W.map((row, i) => row.map((e) => {
    const v = mulQ(S[i]!, clip ? Math.min(e.score, C[e.model]!) : e.score);
    rank[e.model]! += v;
    return { model: e.model, score: v };
  }).filter((e) => e.score > 0));
  const incentive = normalizeQ(rank);
  const bonds = columnNormalize(emaRows(columnNormalize(delta, m), prev, alpha), m);
  return { consensus: C, rank, incentive, bonds, dividends: dividends(bonds, incentive) };
}

describe('dense Yuma == the sparse step-by-step reference', () => {
  it('on random matrices, stakes, bonds, κ, α and both rules', () => {
    const entry = fc.record({ model: fc.integer({ min: 0, max: 5 }), score: fc.integer({ min: 0, max: 65535 }) });
    const rowArb = fc.uniqueArray(entry, { selector: (e) => e.model, maxLength: 6 }).map((r) => [...r].sort((a, b) => a.model - b.model));
    const bondArb = fc.uniqueArray(fc.record({ model: fc.integer({ min: 0, max: 5 }), score: fc.integer({ min: 1, max: Q }) }), { selector: (e) => e.model, maxLength: 6 })
      .map((r) => [...r].sort((a, b) => a.model - b.model));
    fc.assert(fc.property(
      fc.array(fc.record({ stake: fc.bigInt({ min: 0n, max: 10n ** 24n }), row: rowArb, prev: bondArb }), { minLength: 1, maxLength: 7 }),
      fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 1_000_000_000 }), fc.boolean(),
      (rows, kappa, alpha, clip) => {
        const stake = rows.map((r) => r.stake), scores = rows.map((r) => r.row), prev = rows.map((r) => r.prev);
        const got = yumaEpoch({ stakePlanck: stake, scores, bondsPrev: prev, modelCount: 6, kappaParts: BigInt(kappa), alphaParts: BigInt(alpha), clip });
        const want = yumaReference(stake, scores, prev, 6, BigInt(kappa), BigInt(alpha), clip);
        expect(got).toEqual(want);
      }), { numRuns: 300 });
  });
});

describe('flat (CSR) Yuma == the sparse step-by-step reference on larger matrices', () => {
  // Weights drawn from a few values so columns hold long runs of equal weights (the κ-median's tie rule), stakes
  // either multiples of one bond (the exact small-integer median path) or arbitrary planck (the bigint path).
  const M = 24;
  const rowArb = fc.uniqueArray(fc.record({ model: fc.integer({ min: 0, max: M - 1 }), score: fc.constantFrom(0, 1, 2, 3, 7, 65535) }),
    { selector: (e) => e.model, maxLength: M }).map((r) => [...r].sort((a, b) => a.model - b.model));
  const bondArb = fc.uniqueArray(fc.record({ model: fc.integer({ min: 0, max: M - 1 }), score: fc.integer({ min: 1, max: Q }) }),
    { selector: (e) => e.model, maxLength: M }).map((r) => [...r].sort((a, b) => a.model - b.model));
  const stakeArb = fc.oneof(fc.integer({ min: 0, max: 5 }).map((k) => BigInt(k) * 10n ** 21n), fc.bigInt({ min: 0n, max: 10n ** 30n }));
  it('matches on random inputs (both median paths, ties, inactive rows with history, α in [0, 1])', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ stake: stakeArb, row: rowArb, prev: bondArb }), { minLength: 1, maxLength: 16 }),
      fc.integer({ min: 1, max: 999_999_999 }), fc.constantFrom(0, 1, 100_000_000, 999_999_999, 1_000_000_000), fc.boolean(),
      (rows, kappa, alpha, clip) => {
        const stake = rows.map((r) => r.stake), scores = rows.map((r) => r.row), prev = rows.map((r) => r.prev);
        const got = yumaEpoch({ stakePlanck: stake, scores, bondsPrev: prev, modelCount: M, kappaParts: BigInt(kappa), alphaParts: BigInt(alpha), clip });
        expect(got).toEqual(yumaReference(stake, scores, prev, M, BigInt(kappa), BigInt(alpha), clip));
      }), { numRuns: 300 });
  });
  it('the κ-median selection equals the brute-force definition with equal bonds (gcd path)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ w: fc.integer({ min: 1, max: 6 }), k: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 999_999_999 }),
      (entries, kappa) => {
        const stake = entries.map((e) => BigInt(e.k) * 10n ** 21n);
        const total = stake.reduce((a, s) => a + s, 0n);
        const r = yumaEpoch({ stakePlanck: stake, scores: entries.map((e) => row([0, e.w], [1, 6])), bondsPrev: entries.map(() => []),
          modelCount: 2, kappaParts: BigInt(kappa), alphaParts: ALPHA, clip: true });
        const W = entries.map((e) => ({ w: Math.floor((e.w * Q) / (e.w + 6)), stake: BigInt(e.k) * 10n ** 21n }));
        expect(r.consensus[0]).toBe(medianRef(W.filter((x) => x.stake > 0n), total, BigInt(kappa)));
      }), { numRuns: 300 });
  });
});
