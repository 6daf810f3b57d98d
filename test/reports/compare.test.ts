import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCompare } from '../../reports/compare.js';
import { chartWarnings } from '../../reports/charts/render.js';
import { bufferIO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { tempDir, writeRunFolder, writeSweepFolder } from './fixtures.js';

describe('compare two sweeps paired by seed', () => {
  const root = tempDir('cmp');
  const base = join(root, 'base'), prop = join(root, 'prop');
  // the proposal adds 10 + seedIndex BAI of issuance in every run: paired deltas per point are 10,11,...,17
  writeSweepFolder(base, { rewards: [1, 2], seeds: 8, days: 6 });
  writeSweepFolder(prop, { rewards: [1, 2], seeds: 8, days: 6, scenario: 'proposal', issuanceOffsetBai: (s) => 10 + s });

  it('gives the mean paired delta with a 90% interval inside the deltas range', async () => {
    chartWarnings.length = 0;
    const r = await writeCompare(base, prop);
    expect(chartWarnings).toEqual([]);
    expect(r.pairs).toBe(16);
    const iss = r.pooled.find((d) => d.kpi === 'totalIssuance')!;
    expect(iss.n).toBe(16);
    expect(iss.meanDelta).toBeCloseTo(13.5, 9);          // mean of 10..17
    // base mean: rewards 1 and 2 over 6 days: 1060 + s and 1120 + s, s = 0..7 -> (1063.5 + 1123.5) / 2
    expect(iss.baseMean).toBeCloseTo(1093.5, 9);
    expect(iss.pctDelta).toBeCloseTo((13.5 / 1093.5) * 100, 9);
    expect(iss.interval!.low).toBeGreaterThan(10);
    expect(iss.interval!.high).toBeLessThan(17);
    expect(iss.interval!.low).toBeLessThan(13.5);
    expect(iss.interval!.high).toBeGreaterThan(13.5);
    const ratio = r.pooled.find((d) => d.kpi === 'stakedRatio')!;
    expect(ratio.meanDelta).toBe(0);
    expect(ratio.interval).toEqual({ low: 0, high: 0 });
    // per grid point: each point has the 8 deltas 10..17
    const perPoint = r.perPoint.filter((d) => d.kpi === 'totalIssuance');
    expect(perPoint.map((d) => [d.pointIndex, d.n, d.meanDelta])).toEqual([[0, 8, 13.5], [1, 8, 13.5]]);
    const html = readFileSync(r.htmlPath, 'utf8');
    expect(html).toContain('percentile bootstrap');
    const csv = readFileSync(join(r.htmlPath, '..', 'tables', 'deltas.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('kpi,point,pairs,baseMean,proposalMean,meanDelta,low90,high90,pctOfBase');
    expect(csv.find((l) => l.startsWith('totalIssuance,all,16,1093.5,1107,13.5,'))).toBeDefined();
    expect(csv.find((l) => l.startsWith('totalIssuance,1,8,1123.5,1137,13.5,'))).toBeDefined();
    expect(html).toContain('<td>scenario</td><td>baseline</td><td>proposal</td>');
    // per-day delta band: every day's delta is 10 + s, so the median over s = 0..7 is 13.5
    const vl = JSON.parse(readFileSync(join(r.htmlPath, '..', 'charts', 'delta-totalIssuance.vl.json'), 'utf8'));
    for (const row of vl.data.values as { p50: number }[]) expect(row.p50).toBeCloseTo(13.5, 9);
  });

  it('prints the delta table on stdout through the CLI', async () => {
    const io = bufferIO();
    expect(await main(['compare', base, prop, '--out', join(root, 'out')], io)).toBe(0);
    expect(io.stdout).toMatch(/totalIssuance\s+16\s+1,093.5\s+1,107\s+13.5\s+\[1\d\.\d+, 1\d\.\d+\]\s+1.23%/);
  });
});

describe('compare two single runs', () => {
  it('has no interval for one pair and gives exact planck deltas', async () => {
    const root = tempDir('cmp1');
    writeRunFolder(join(root, 'a'), { seed: '7', seedIndex: 0, blockReward: 1, days: 4 });
    writeRunFolder(join(root, 'b'), { seed: '7', seedIndex: 0, blockReward: 1, days: 4, issuanceOffsetBai: 0.25 });
    const r = await writeCompare(join(root, 'a'), join(root, 'b'));
    const iss = r.pooled.find((d) => d.kpi === 'totalIssuance')!;
    expect(iss.n).toBe(1);
    expect(iss.interval).toBeNull();
    expect(iss.meanDelta).toBeCloseTo(0.25, 9);
    const html = readFileSync(r.htmlPath, 'utf8');
    expect(html).toContain('<code>250000000000000000</code>');   // 0.25 BAI in planck, exact
  });
});

describe('compare refuses folders that do not pair', () => {
  const root = tempDir('cmpbad');
  writeSweepFolder(join(root, 's1'), { rewards: [1], seeds: 3, days: 3 });
  writeSweepFolder(join(root, 's2'), { rewards: [1], seeds: 3, days: 3, rootSeed: 99n });
  writeSweepFolder(join(root, 's3'), { rewards: [1, 3], seeds: 3, days: 3 });
  writeRunFolder(join(root, 'r'), { seed: '42000', seedIndex: 0, blockReward: 1, days: 3 });
  writeRunFolder(join(root, 'r5'), { seed: '42000', seedIndex: 0, blockReward: 1, days: 5 });
  writeSweepFolder(join(root, 's4'), { rewards: [1], seeds: 3, days: 4 });

  it.each([
    ['s1', 's2', /MismatchedFolders: .*runs do not pair by grid point and seed: only in base: point 0 seed 42000/],
    ['s1', 's3', /MismatchedFolders: .*only in proposal: point 1 seed 42000/],
    ['r', 's1', /MismatchedFolders: .*base is a run folder, proposal is a sweep folder/],
    ['r', 'r5', /MismatchedFolders: .*base ran 3 days, proposal 5/],
    ['s1', 's4', /MismatchedFolders: .*base ran 3 days, proposal 4/],
    ['s1', 'missing', /ResultsFolderMissing: /],
  ])('%s vs %s: named error, exit 2', async (a, b, msg) => {
    const io = bufferIO();
    expect(await main(['compare', join(root, a), join(root, b)], io)).toBe(2);
    expect(io.stderr).toMatch(msg);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
  });
});
