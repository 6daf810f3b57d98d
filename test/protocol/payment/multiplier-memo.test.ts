// nextFeeMultiplier (memoised adjustment term, cached target) against the TargetedFeeAdjustment formula written out
// in full, over random usage sequences, parameter sets and starting multipliers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFeeMultiplier, type MultiplierParams } from '../../../protocol/pallets/payment/multiplier.js';
import { FIXED_DIV, fixedAdd, fixedFromRational, fixedMul, fixedSub } from '../../../protocol/primitives/fixed.js';
import { PERQUINTILL, mulRound } from '../../../protocol/primitives/perthing.js';

function reference(previous: bigint, normalWeight: bigint, p: MultiplierParams): bigint {
  const prev = previous > p.minMultiplier ? previous : p.minMultiplier;
  const maxDim = p.normalMaxWeight;
  const used = normalWeight < maxDim ? normalWeight : maxDim;
  const target = mulRound(PERQUINTILL, p.targetFullnessPerquintill, maxDim);
  const positive = used >= target;
  const diff = fixedFromRational(positive ? used - target : target - used, maxDim > 0n ? maxDim : 1n);
  const v = p.adjustmentVariable;
  const first = fixedMul(v, diff), second = fixedMul(fixedMul(v, v) / 2n, fixedMul(diff, diff));
  const next = positive ? fixedAdd(prev, fixedMul(fixedAdd(first, second), prev)) : fixedSub(prev, fixedMul(fixedSub(first, second), prev));
  return next < p.minMultiplier ? p.minMultiplier : next > p.maxMultiplier ? p.maxMultiplier : next;
}

const params = fc.record({
  normalMaxWeight: fc.bigInt(1n, 2n * 10n ** 12n),
  targetFullnessPerquintill: fc.bigInt(0n, 10n ** 18n),
  adjustmentVariable: fc.bigInt(0n, FIXED_DIV / 100n),
  minMultiplier: fc.bigInt(0n, FIXED_DIV),
  maxMultiplier: fc.bigInt(FIXED_DIV, 10n ** 30n),
});

describe('nextFeeMultiplier == the full formula', () => {
  it('over random usage sequences, switching parameter sets (memo keys)', () => {
    fc.assert(fc.property(fc.array(params, { minLength: 1, maxLength: 3 }), fc.bigInt(0n, 10n * FIXED_DIV),
      fc.array(fc.tuple(fc.nat({ max: 2 }), fc.oneof(fc.constant(0n), fc.bigInt(0n, 3n * 10n ** 12n))), { maxLength: 40 }),
      (ps, start, steps) => {
        let m = start, r = start;
        for (const [pi, w] of steps) {
          const p = { ...ps[pi % ps.length]! }; // a fresh object sometimes, the same values: the memo must not care
          m = nextFeeMultiplier(m, w, pi === 0 ? ps[0]! : p);
          r = reference(r, w, p);
          expect(m).toBe(r);
        }
      }), { numRuns: 1000 });
  });
});
