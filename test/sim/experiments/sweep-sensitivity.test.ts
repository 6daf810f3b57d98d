// --method morris / sobol end to end on the toy model (y = 3a + b², no noise): sensitivity.json ranks the
// parameters with the hand-computable effects, and a resumed sweep reproduces the same design.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSweep } from '../../../sim/experiments/sweep.js';
import { readManifest } from '../../../sim/experiments/manifest.js';
import { SweepOptionError } from '../../../sim/experiments/errors.js';
import { toyDeps } from './fixtures/toy-deps.js';
import { toyBase } from './fixtures/toy-model.js';

const root = mkdtempSync(join(tmpdir(), 'bai-sens-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const noNoise = { ...toyBase(), toy: { ...toyBase().toy, noise: 0 } };

describe('sensitivity sweeps', () => {
  it('morris: mu* of a linear factor is slope × range, the ranking follows, points = r (k + 1)', async () => {
    const out = join(root, 'morris');
    const r = await runSweep({ scenario: 'toy', method: 'morris', kpi: 'y', grid: ['toy.a=0,20', 'toy.b=0,1,2,3', 'toy.mode=x,y'], trajectories: 6, runs: 2, out, workers: 2 }, toyDeps(2, noNoise));
    const m = readManifest(out);
    expect(m.points).toHaveLength(6 * 4);
    expect(m.totalRuns).toBe(48);
    expect(m.seedScheme).toBe('replicate');
    const s = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    expect(s).toEqual(r.sensitivity);
    const a = s.indices.find((x: { path: string }) => x.path === 'toy.a');
    expect(a.muStar).toBeCloseTo(60, 9); // 3 × (20 - 0)
    expect(a.sigma).toBeCloseTo(0, 9);
    const mode = s.indices.find((x: { path: string }) => x.path === 'toy.mode');
    expect(mode.muStar).toBe(0); // y does not depend on mode
    expect(s.indices.map((x: { path: string }) => x.path)).toEqual(['toy.a', 'toy.b', 'toy.mode']);
    expect(s.effects).toHaveLength(6 * 3);
    // resuming recomputes the same design and analysis from the manifest
    const again = await runSweep({ out, resume: true }, toyDeps(1, noNoise));
    expect(again.ranInThisCall).toBe(0);
    expect(again.sensitivity).toEqual(s);
  });

  it('sobol: additive y = 3a + b² over a in [0,1], b in {0..3}: S1 matches the analytic variance shares', async () => {
    const out = join(root, 'sobol');
    await runSweep({ scenario: 'toy', method: 'sobol', kpi: 'y', grid: ['toy.a=0,1', 'toy.b=0,1,2,3'], samples: 128, out, workers: 2 }, toyDeps(2, noNoise));
    const s = JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'));
    // Var(3a) = 9/12 = 0.75; b uniform on {0,1,2,3}: b² in {0,1,4,9}, mean 3.5, Var = (0+1+16+81)/4 - 12.25 = 12.25
    const vA = 0.75;
    const vB = 12.25;
    const by = Object.fromEntries(s.indices.map((x: { path: string }) => [x.path, x]));
    expect(Math.abs(by['toy.a'].s1 - vA / (vA + vB))).toBeLessThan(0.15);
    expect(Math.abs(by['toy.b'].s1 - vB / (vA + vB))).toBeLessThan(0.15);
    expect(s.indices[0].path).toBe('toy.b');
  });

  it('needs --kpi and names an unknown KPI with the available ones, keeping the runs', async () => {
    await expect(runSweep({ scenario: 'toy', method: 'morris', grid: ['toy.a=0,1'], out: join(root, 'nokpi') }, toyDeps(1))).rejects.toThrow(/needs --kpi/);
    const out = join(root, 'badkpi');
    const err = await runSweep({ scenario: 'toy', method: 'morris', kpi: 'nope', grid: ['toy.a=0,1'], trajectories: 2, out, workers: 1 }, toyDeps(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SweepOptionError);
    expect((err as Error).message).toMatch(/--kpi nope: no such numeric KPI .*issuance.*y/);
    // stopped at the first result: at most the runs already in flight landed (window = 2 x 1 thread)
    expect(readManifest(out).completedRuns).toBeLessThanOrEqual(2);
    const landed = readManifest(out).completedRuns;
    const fixed = await runSweep({ out, resume: true, kpi: 'y' }, toyDeps(1));
    expect(fixed.ranInThisCall).toBe(4 - landed);
    expect(fixed.sensitivity!.kpi).toBe('y');
    expect(readManifest(out).kpi).toBe('y');
  });
});
