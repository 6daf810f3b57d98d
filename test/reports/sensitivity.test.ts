// The sensitivity chart of a Morris / Sobol sweep, from sensitivity.json as sim/experiments/sensitivity.ts writes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/report.js';
import { chartWarnings } from '../../reports/charts/render.js';

beforeEach(() => { chartWarnings.length = 0; });
import { readSensitivity } from '../../reports/results/sensitivity.js';
import { tempDir, writeSweepFolder } from './fixtures.js';

function sweepWith(name: string, method: string, sensitivity: unknown): string {
  const dir = join(tempDir('sens'), name);
  writeSweepFolder(dir, { rewards: [1, 2, 3], seeds: 1, days: 3 });
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  m.method = method;
  m.outputs.sensitivity = 'sensitivity.json';
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  writeFileSync(join(dir, 'sensitivity.json'), JSON.stringify(sensitivity));
  return dir;
}

const MORRIS = {
  kind: 'bai-lab/sensitivity', version: 1, method: 'morris', kpi: 'totalIssuance', runsPerPoint: 1,
  indices: [
    { path: 'emissions.blockReward', mu: 120, muStar: 120, sigma: 4, rank: 1 },
    { path: 'fees.split.burn', mu: -3, muStar: 9, sigma: 11, rank: 2 },
  ],
};
const SOBOL = {
  kind: 'bai-lab/sensitivity', version: 1, method: 'sobol', kpi: 'burned', runsPerPoint: 1,
  indices: [
    { path: 'fees.split.burn', s1: 0.8, st: 0.85, s1Conf: 0.05, stConf: 0.04, rank: 1 },
    { path: 'emissions.blockReward', s1: 0.1, st: null, s1Conf: null, stConf: null, rank: 2 },
  ],
};

describe('sensitivity', () => {
  it('reads the experiments format', () => {
    const dir = sweepWith('read', 'morris', MORRIS);
    const s = readSensitivity(join(dir, 'sensitivity.json'));
    expect(s).toEqual([{ method: 'morris', kpi: 'totalIssuance', params: [
      { param: 'emissions.blockReward', mu: 120, muStar: 120, sigma: 4, S1: undefined, ST: undefined, S1Conf: undefined, STConf: undefined },
      { param: 'fees.split.burn', mu: -3, muStar: 9, sigma: 11, S1: undefined, ST: undefined, S1Conf: undefined, STConf: undefined },
    ] }]);
  });

  it('charts Morris mu*/sigma and leaves out grid-only charts for a non-grid design', async () => {
    const dir = sweepWith('morris', 'morris', MORRIS);
    const r = await writeReport(dir);
    expect(r.charts).toContain('sensitivity-morris-totalIssuance');
    expect(r.charts.some((c) => c.startsWith('sweep-') || c.startsWith('heat-'))).toBe(false);
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'sensitivity-morris-totalIssuance.vl.json'), 'utf8'));
    expect(spec.data.values).toEqual([
      { param: 'emissions.blockReward', muStar: 120, sigma: 4 }, { param: 'fees.split.burn', muStar: 9, sigma: 11 }]);
    const svg = readFileSync(join(dir, 'charts', 'sensitivity-morris-totalIssuance.svg'), 'utf8');
    expect(svg).toContain('mark-rect');     // the mu* bars
    expect(svg).toContain('fees.split.burn');
    expect(readFileSync(r.htmlPath, 'utf8')).toContain('id="sensitivity"');
    expect(chartWarnings).toEqual([]);
  });

  it('charts Sobol S1/ST with their confidence intervals', async () => {
    const dir = sweepWith('sobol', 'sobol', SOBOL);
    const r = await writeReport(dir);
    const spec = JSON.parse(readFileSync(join(dir, 'charts', 'sensitivity-sobol-burned.vl.json'), 'utf8'));
    const rows = spec.data.values as { param: string; index: string; value: number; low: number | null; high: number | null }[];
    expect(rows.map((x) => [x.param, x.index, x.value])).toEqual([
      ['fees.split.burn', 'S1', 0.8], ['fees.split.burn', 'ST', 0.85], ['emissions.blockReward', 'S1', 0.1]]);
    // interval = value ± conf half-width; ST of blockReward is null in the file and is left out
    expect(rows[0]!.low).toBeCloseTo(0.75, 12);
    expect(rows[0]!.high).toBeCloseTo(0.85, 12);
    expect(rows[1]!.low).toBeCloseTo(0.81, 12);
    expect(rows[1]!.high).toBeCloseTo(0.89, 12);
    expect([rows[2]!.low, rows[2]!.high]).toEqual([null, null]);
    expect(r.charts).toContain('sensitivity-sobol-burned');
    expect(chartWarnings).toEqual([]);   // vega-lite compiled every chart without a warning
  });

  it('a corrupt sensitivity.json is a named error', async () => {
    const dir = sweepWith('bad', 'morris', MORRIS);
    writeFileSync(join(dir, 'sensitivity.json'), '{"method":');
    await expect(writeReport(dir)).rejects.toThrow(/^CorruptSensitivity: /);
  });
});
