// bai-lab check: seeded fault simulations find a deliberately broken protocol, shrink the failing schedule to a
// smaller one that still fails, and print commands that replay both; the correct protocol passes the same seeds.
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../protocol/pallets/consensus/index.js';
import {
  DEFAULT_CHECK_BASE, checkCaseArbitrary, formatFailure, parseCase, runCase, runCheck, type CheckBase,
} from '../../../sim/runner/check.js';
import fc from 'fast-check';

const broken: CheckBase = { ...DEFAULT_CHECK_BASE, withFaults: true, consensus: withDefaults({ fidelity: 'message', testOnlyBrokenVariant: 'lowThreshold' }) };
const correct: CheckBase = { ...DEFAULT_CHECK_BASE, withFaults: true };

describe('bai-lab check', () => {
  it('draws the same case for the same seed, different cases for different seeds', () => {
    const a = fc.sample(checkCaseArbitrary(7, correct), { seed: 7, numRuns: 1 })[0];
    const b = fc.sample(checkCaseArbitrary(7, correct), { seed: 7, numRuns: 1 })[0];
    const c = fc.sample(checkCaseArbitrary(8, correct), { seed: 8, numRuns: 1 })[0];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('catches the broken threshold within 8 seeds, shrinks it, and the printed replays reproduce', () => {
    const found = runCheck({ seeds: 8, firstSeed: 1, base: broken, replayFlags: '--faults', shrink: false });
    expect(found.failures.length).toBeGreaterThan(0);
    const first = found.failures[0]!.seed;
    const report = runCheck({ seeds: 1, firstSeed: first, base: broken, replayFlags: '--faults', shrink: true });
    const f = report.failures[0]!;
    expect(f.violations.some((v) => v.kind === 'conflictingFinality')).toBe(true);
    expect(f.replay).toBe(`bai-lab check --seeds 1 --first-seed ${f.seed} --faults`);
    // the minimal case fails too, and is no bigger than the original schedule
    const original = fc.sample(checkCaseArbitrary(f.seed, broken), { seed: f.seed, numRuns: 1 })[0]!;
    expect(f.minimal).toBeDefined();
    const m = f.minimal!;
    expect(m.case.faults.events.length).toBeLessThanOrEqual(original.faults.events.length);
    const json = m.replay.slice(m.replay.indexOf("'") + 1, -1);
    expect(runCase(parseCase(json)).length).toBeGreaterThan(0);
    expect(formatFailure(f)).toContain('replay minimal: bai-lab check --case');
  });

  it('the correct protocol passes the same seeds', () => {
    const report = runCheck({ seeds: 8, firstSeed: 1, base: correct, replayFlags: '--faults', shrink: false });
    expect(report.failures).toEqual([]);
  });
});
