import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferIO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { sweepManifest, tempDir, writeRunFolder, writeSweepFolder } from './fixtures.js';

const root = tempDir('bad');

function run(name: string, mutate: (dir: string) => void): string {
  const dir = join(root, name);
  writeRunFolder(dir, { seed: '1', seedIndex: 0, blockReward: 1, days: 5 });
  mutate(dir);
  return dir;
}
function sweep(name: string, mutate: (dir: string) => void): string {
  const dir = join(root, name);
  writeSweepFolder(dir, { rewards: [1, 2], seeds: 2, days: 3 });
  mutate(dir);
  return dir;
}
function truncate(file: string, keep: number): void {
  const b = readFileSync(file);
  writeFileSync(file, b.subarray(0, Math.floor(b.length * keep)));
}
function editJson(file: string, edit: (o: Record<string, unknown>) => void): void {
  const o = JSON.parse(readFileSync(file, 'utf8'));
  edit(o);
  writeFileSync(file, JSON.stringify(o));
}

const cases: [string, string, RegExp][] = [
  ['missing folder', join(root, 'nope'), /^error: ResultsFolderMissing: .*nope does not exist/],
  ['empty folder', (() => { const d = join(root, 'empty'); mkdirSync(d); return d; })(), /^error: NotAResultsFolder: /],
  ['summary not JSON', run('s-json', (d) => writeFileSync(join(d, 'summary.json'), '{"seed": "1", "da')), /^error: CorruptSummary: .*summary.json is not valid JSON/],
  ['summary without traceHash', run('s-field', (d) => editJson(join(d, 'summary.json'), (o) => { delete o.traceHash; })), /^error: CorruptSummary: .*field 'traceHash' must be a string/],
  ['summary KPI of a wrong type', run('s-kpi', (d) => editJson(join(d, 'summary.json'), (o) => { (o.kpis as Record<string, unknown>).stakedRatio = 'high'; })), /^error: CorruptSummary: .*field 'kpis.stakedRatio'/],
  ['truncated timeseries', run('ts-trunc', (d) => truncate(join(d, 'timeseries.arrow'), 0.6)), /^error: CorruptTimeseries: .*truncated/],
  ['missing timeseries', run('ts-miss', (d) => writeFileSync(join(d, 'timeseries.arrow'), '')), /^error: CorruptTimeseries: /],
  ['truncated runs table', sweep('rt-trunc', (d) => truncate(join(d, 'runs.arrow'), 0.7)), /^error: CorruptRunsTable: .*runs.arrow is not a complete Arrow IPC file/],
  ['garbage runs table', sweep('rt-garbage', (d) => writeFileSync(join(d, 'runs.arrow'), 'ARROW1' + 'x'.repeat(40) + 'ARROW1')), /^error: CorruptRunsTable: .*cannot be decoded/],
  ['manifest not JSON', sweep('m-json', (d) => writeFileSync(join(d, 'manifest.json'), '{')), /^error: CorruptManifest: /],
  ['sweep still running', sweep('m-running', (d) => writeFileSync(join(d, 'manifest.json'), JSON.stringify(sweepManifest({ rewards: [1, 2], seeds: 2, days: 3 }, 42n, 4, 'running')))), /^error: IncompleteSweep: .*running \(2 of 4 runs done\).*--resume/],
  ['runs table shorter than the manifest', sweep('m-count', (d) => editJson(join(d, 'manifest.json'), (o) => { o.totalRuns = 6; o.completedRuns = 6; })), /^error: IncompleteSweep: .*holds 4 of 6 runs/],
  ['corrupt run summary inside a sweep', sweep('m-run', (d) => writeFileSync(join(d, 'runs', 'r000000', 'summary.json'), '[')), /^error: CorruptSummary: .*r000000/],
];

describe('bai-lab report on bad input', () => {
  it.each(cases)('%s: named one-line error, exit 2, no report written', async (_name, dir, msg) => {
    const io = bufferIO();
    expect(await main(['report', dir], io)).toBe(2);
    expect(io.stderr).toMatch(msg);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stdout).toBe('');
  });
});

describe('bai-lab report --out that cannot be created', () => {
  it('is OutputNotWritable, exit 2', async () => {
    const dir = run('out-bad', () => {});
    const io = bufferIO();
    expect(await main(['report', dir, '--out', join(dir, 'summary.json', 'x')], io)).toBe(2);
    expect(io.stderr).toMatch(/^error: OutputNotWritable: cannot create .*summary.json\/x \(ENOTDIR\)/);
  });
});
