// bestTargets (top-k insertion over a stamped pool) against bestTargetsBySort (a Set and a full sort, as first
// written, kept here as the reference): same targets and the same draws, on random surveys with many tied and infinite
// yields (never NaN: buildSurvey refuses one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestTargets, type AgentRng } from '../../../sim/agents/behaviours.js';
import type { Survey, SurveyEntry } from '../../../sim/agents/survey.js';
import type { AccountId } from '../../../protocol/primitives/units.js';

/** bestTargets as first written: a Set of the current and sampled indices, sorted by yield then index, top k by id. */
function bestTargetsBySort(s: Survey, index: ReadonlyMap<AccountId, number>, current: readonly AccountId[],
                           sample: number, k: number, rng: AgentRng): AccountId[] {
  const n = s.entries.length;
  if (n === 0 || k <= 0) return [];
  const pool = new Set<number>();
  for (const t of current) { const i = index.get(t); if (i !== undefined) pool.add(i); }
  for (let d = 0; d < sample; d++) pool.add(rng.int(n));
  const ranked = [...pool].sort((a, b) => {
    const ya = s.entries[a]!.yieldPerYear, yb = s.entries[b]!.yieldPerYear;
    return ya !== yb ? yb - ya : a - b;
  });
  return ranked.slice(0, k).sort((a, b) => a - b).map((i) => s.entries[i]!.id);
}

function counted(draws: number[]): AgentRng & { used: () => number } {
  let i = 0;
  const next = () => draws[i++ % draws.length]!;
  return { float: next, int: (n: number) => Math.floor(next() * n), used: () => i };
}

const yieldArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 0.05, 0.1, 0.2) },            // ties
  { weight: 4, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, -0) },
);

describe('bestTargets == the Set-and-sort reference', () => {
  it('same targets and draws', () => {
    fc.assert(fc.property(
      fc.array(yieldArb, { minLength: 0, maxLength: 60 }),
      fc.array(fc.nat({ max: 70 }), { maxLength: 12 }),          // current targets by index (some unknown ids)
      fc.nat({ max: 50 }), fc.integer({ min: -1, max: 20 }),
      fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 1, maxLength: 64 }),
      (yields, cur, sample, k, draws) => {
        const entries: SurveyEntry[] = yields.map((y, i) => ({ id: `v/${String(i).padStart(3, '0')}`, commission: 0, elected: true,
          potBai: 0, eraCommission: 0, ownBai: 0, stakeBai: 0, yieldPerYear: y }));
        const s: Survey = { era: 1, entries, meanPotBai: 0, meanStakeBai: 0 };
        const index = new Map(entries.map((e, i) => [e.id, i]));
        const current = cur.map((i) => `v/${String(i).padStart(3, '0')}`);
        const a = counted(draws), b = counted(draws);
        expect(bestTargets(s, index, current, sample, k, a)).toEqual(bestTargetsBySort(s, index, current, sample, k, b));
        expect(a.used()).toBe(b.used());
      }), { numRuns: 3000 });
  });
});
