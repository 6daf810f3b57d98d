import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { runSweep } from '../../../sim/experiments/sweep.js';
import { readManifest } from '../../../sim/experiments/manifest.js';
import { readRunsTable } from '../../../sim/experiments/runs-table.js';
import { CorruptRunResultError, ManifestError, RunsTableError, SweepDirError, SweepRunError } from '../../../sim/experiments/errors.js';
import { deriveSeed } from '../../../sim/experiments/seeds.js';
import { toyDeps } from './fixtures/toy-deps.js';
import { toyBase, toyKpis } from './fixtures/toy-model.js';

const root = mkdtempSync(join(tmpdir(), 'bai-sweep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const GRID = ['toy.a=1,2,3', 'toy.b=0,5'];

describe('local sweep (piscina pool, toy model)', () => {
  it('writes a runs table that is byte-identical for 1, 2 and 4 workers', async () => {
    const bytes: Buffer[] = [];
    const parquet: Buffer[] = [];
    for (const w of [1, 2, 4]) {
      const out = join(root, `w${w}`);
      const r = await runSweep({ scenario: 'toy', grid: GRID, runs: 2, out, seed: '11', days: 4, workers: w }, toyDeps(w));
      expect(r.ranInThisCall).toBe(12);
      bytes.push(readFileSync(join(out, 'runs.arrow')));
      parquet.push(readFileSync(join(out, 'runs.parquet')));
    }
    expect(bytes[1]!.equals(bytes[0]!)).toBe(true);
    expect(bytes[2]!.equals(bytes[0]!)).toBe(true);
    expect(parquet[1]!.equals(parquet[0]!)).toBe(true);
    expect(parquet[2]!.equals(parquet[0]!)).toBe(true);
  });

  it('writes runs.parquet with the same rows as runs.arrow (read back with hyparquet)', async () => {
    const p = readFileSync(join(root, 'w1', 'runs.parquet'));
    const rows = await parquetReadObjects({ file: p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength) as ArrayBuffer });
    const arrow = readRunsTable(join(root, 'w1')).toArray().map((r) => r.toJSON());
    expect(rows).toEqual(arrow);
  });

  it('holds one row per run with params, seed, trace hash and KPIs computed independently', () => {
    const out = join(root, 'w1');
    const m = readManifest(out);
    expect(m.status).toBe('complete');
    expect(m.totalRuns).toBe(12);
    const t = readRunsTable(out, 12);
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'runIndex:Int32', 'pointIndex:Int32', 'replicate:Int32', 'seed:Utf8', 'param.toy.a:Float64', 'param.toy.b:Float64',
      'traceHash:Utf8', 'stateRoot:Utf8',
      'emittedTo.stakers:Float64', 'emittedTo.stakersPlanck:Utf8', 'emittedTo.treasury:Float64', 'emittedTo.treasuryPlanck:Utf8',
      'issuance:Float64', 'issuancePlanck:Utf8', 'modeIsY:Bool', 'y:Float64',
    ]);
    const rows = t.toArray().map((r) => r.toJSON());
    // run 7 = point 3 (a=2, b=5), replicate 1; seed scheme "run": seed = derive(11, 7)
    const r7 = rows[7]!;
    expect([r7.runIndex, r7.pointIndex, r7.replicate, r7['param.toy.a'], r7['param.toy.b']]).toEqual([7, 3, 1, 2, 5]);
    expect(r7.seed).toBe(deriveSeed(11n, 7).toString());
    const k = toyKpis({ ...toyBase(), toy: { ...toyBase().toy, a: 2, b: 5 } }, deriveSeed(11n, 7));
    expect(r7.y).toBe(k.y);
    // issuance = 1002 BAI + 5 planck: Float64 in BAI, exact in planck
    expect(r7.issuancePlanck).toBe('1002000000000000000005');
    expect(r7.issuance).toBe(1002.000000000000000005);
    expect(r7['emittedTo.stakersPlanck']).toBe('501000000000000000002');
    // per-run folders hold summary.json and timeseries.arrow
    const ts = tableFromIPC(readFileSync(join(out, 'runs', 'r000007', 'timeseries.arrow')));
    expect(ts.numRows).toBe(4);
    expect(JSON.parse(readFileSync(join(out, 'runs', 'r000007', 'summary.json'), 'utf8')).seed).toBe(r7.seed);
  });

  it('refuses to overwrite a sweep folder and resumes a complete one without rerunning', async () => {
    const out = join(root, 'w1');
    await expect(runSweep({ scenario: 'toy', grid: GRID, out }, toyDeps(1))).rejects.toThrow(SweepDirError);
    const before = readFileSync(join(out, 'runs.arrow'));
    const r = await runSweep({ out, resume: true }, toyDeps(1));
    expect(r.ranInThisCall).toBe(0);
    expect(readFileSync(join(out, 'runs.arrow')).equals(before)).toBe(true);
  });

  it('keeps completed runs when a run fails, and resumes only the missing ones', async () => {
    const out = join(root, 'fail');
    const failing = { ...toyBase(), toy: { ...toyBase().toy, failRun: 5 } };
    await expect(runSweep({ scenario: 'toy', grid: GRID, runs: 2, out, seed: '11', days: 4 }, toyDeps(2, failing))).rejects.toThrow(SweepRunError);
    const kept = readdirSync(join(out, 'runs')).filter((n) => n.startsWith('r'));
    expect(kept).not.toContain('r000005');
    expect(kept.length).toBeGreaterThan(0);
    expect(readManifest(out).status).toBe('running');
    // a scenario that resolves differently cannot be resumed into the same folder
    await expect(runSweep({ out, resume: true }, toyDeps(2))).rejects.toThrow(/resolves differently/);
    // a stale temporary from a killed coordinator is swept, never read
    mkdirSync(join(out, 'runs', '.tmp-r000005-999-1'));
    writeFileSync(join(out, 'runs', '.tmp-r000005-999-1', 'summary.json'), '{"kpis": {"y": 1');
    const log: string[] = [];
    // resuming reruns exactly the missing runs (run 5 fails again: the failure is deterministic)
    await expect(runSweep({ out, resume: true, workers: 2 }, toyDeps(2, failing, log))).rejects.toThrow(/run 5 failed/);
    expect(log.join('\n')).toMatch(new RegExp(`${kept.length} already done`));
    expect(existsSync(join(out, 'runs', '.tmp-r000005-999-1'))).toBe(false);
  });

  it('names a corrupt run result, a corrupt manifest and a truncated runs table (exit 2), losing nothing', async () => {
    const src = join(root, 'w2');
    const out = join(root, 'corrupt');
    mkdirSync(out);
    for (const f of ['manifest.json', 'runs.arrow']) writeFileSync(join(out, f), readFileSync(join(src, f)));
    mkdirSync(join(out, 'runs'));
    for (const d of readdirSync(join(src, 'runs'))) {
      mkdirSync(join(out, 'runs', d));
      for (const f of readdirSync(join(src, 'runs', d))) writeFileSync(join(out, 'runs', d, f), readFileSync(join(src, 'runs', d, f)));
    }
    const full = readFileSync(join(out, 'runs.arrow'));
    writeFileSync(join(out, 'runs.arrow'), full.subarray(0, full.length - 40));
    expect(() => readRunsTable(out)).toThrow(RunsTableError);
    // resume names the damaged table and rebuilds it from the run folders: nothing is lost
    const log: string[] = [];
    await runSweep({ out, resume: true }, toyDeps(1, toyBase(), log));
    expect(log.join('\n')).toMatch(/runs.arrow: not a readable Arrow IPC file.*rebuilding it/);
    expect(readFileSync(join(out, 'runs.arrow')).equals(full)).toBe(true);
    // a damaged run result is named, not deleted
    const s3 = join(out, 'runs', 'r000003', 'summary.json');
    writeFileSync(s3, '{"kpis": {"y": 1');
    const err = await runSweep({ out, resume: true }, toyDeps(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptRunResultError);
    expect((err as CorruptRunResultError).exitCode).toBe(2);
    expect((err as Error).message).toContain('r000003');
    expect(existsSync(s3)).toBe(true);
    writeFileSync(join(out, 'manifest.json'), '{"kind": "bai-lab/sweep", ');
    await expect(runSweep({ out, resume: true }, toyDeps(1))).rejects.toThrow(ManifestError);
  });
});
