import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { bandRows, percentileBands } from '../../reports/analysis/bands.js';
import { gridPointStats, pointLabel } from '../../reports/analysis/grid-table.js';

describe('percentileBands', () => {
  it('computes per-day p5/p50/p95 across runs of a group (type-7 by hand)', () => {
    // 5 runs; on day d run s has value 10*d + s*s  -> sorted values per day: 10d + [0,1,4,9,16]
    const runs = [0, 1, 2, 3, 4].map((s) => ({ group: 'A', table: aq.table({ day: [0, 1], block: [1, 2], x: [0 + s * s, 10 + s * s] }) }));
    const rows = bandRows(percentileBands(runs, ['x']), 'x');
    expect(rows).toHaveLength(2);
    // p5: h = 4*0.05 = 0.2 -> 0 + 0.2*1 = 0.2; p50 = 4; p95: h = 3.8 -> 9 + 0.8*7 = 14.6
    expect(rows[0]!.p5).toBeCloseTo(0.2, 12);
    expect(rows[0]!.p50).toBe(4);
    expect(rows[0]!.p95).toBeCloseTo(14.6, 12);
    expect(rows[1]!.p50).toBe(14);
    expect(rows[1]!.n).toBe(5);
  });
  it('keeps groups apart', () => {
    const t = (v: number) => aq.table({ day: [0], x: [v] });
    const rows = bandRows(percentileBands([{ group: 'a', table: t(1) }, { group: 'b', table: t(100) }, { group: 'a', table: t(3) }], ['x']), 'x');
    expect(rows.map((r) => [r.group, r.p50])).toEqual([['a', 2], ['b', 100]]);
  });
});

describe('gridPointStats', () => {
  it('gives mean/p5/p95 per grid point and the point parameters', () => {
    const runs = aq.table({
      runIndex: [0, 1, 2, 3, 4, 5], pointIndex: [0, 0, 0, 1, 1, 1],
      'param.emissions.blockReward': [1, 1, 1, 2, 2, 2], k: [1, 2, 6, 10, 10, 40],
    });
    const s = gridPointStats(runs, ['emissions.blockReward'], ['k']);
    expect(s).toHaveLength(2);
    expect(s[0]!.kpis.k!.mean).toBe(3);
    expect(s[0]!.kpis.k!.p5).toBeCloseTo(1.1, 12);   // h = 0.1 -> 1 + 0.1*1
    expect(s[0]!.kpis.k!.p95).toBeCloseTo(5.6, 12);  // h = 1.9 -> 2 + 0.9*4
    expect(s[1]!.kpis.k!.mean).toBe(20);
    expect(s[1]!.params['emissions.blockReward']).toBe(2);
    expect(s[1]!.n).toBe(3);
    expect(pointLabel(s[1]!.params)).toBe('emissions.blockReward=2');
  });
});

import { kpiDef, unitLabel } from '../../reports/kpi-units.js';

describe('KPI units from sim/metrics definitions', () => {
  it('finds definitions of every domain and of keyed KPIs by their map name', () => {
    expect(kpiDef('blocks')?.unit).toBe('blocks');           // activity
    expect(kpiDef('emittedTo.stakers')?.name).toBe('emittedTo'); // keyed (economics)
    expect(unitLabel('emittedTo.stakers', new Set(), 'BAI')).toBe('BAI');
    expect(unitLabel('stakingRatio', new Set(), 'BAI')).toBe('ratio');
    expect(unitLabel('notAKpi', new Set(['notAKpi']), 'BAI')).toBe('BAI'); // planck recognised from the data
    expect(unitLabel('notAKpi', new Set(), 'BAI')).toBe('');
  });
});

import { ChartWriter } from '../../reports/charts/chart-files.js';
import { existsSync as exists } from 'node:fs';
import { join as pjoin } from 'node:path';
import { tempDir } from './fixtures.js';

describe('ChartWriter', () => {
  it('gives charts whose names collide distinct files, and writes SVG, PNG and spec for each', async () => {
    const out = tempDir('cw');
    const cw = new ChartWriter(out);
    const spec = { mark: 'point', data: { values: [{ a: 1, b: 2 }] }, encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } };
    const a = await cw.write('ts-a-b', 'a.b', spec);
    const b = await cw.write('ts-a-b', 'a-b', spec);
    await cw.finish();
    expect([a.name, b.name]).toEqual(['ts-a-b', 'ts-a-b-2']);
    for (const n of [a.name, b.name]) for (const ext of ['svg', 'png', 'vl.json']) expect(exists(pjoin(out, 'charts', `${n}.${ext}`))).toBe(true);
  });
});

import { SvgPool } from '../../reports/charts/svg-pool.js';
import { specToSvg } from '../../reports/charts/render.js';

describe('SvgPool', () => {
  it('renders in worker threads exactly what the in-process renderer draws, in request order', async () => {
    const spec = (n: number) => ({ mark: 'bar', data: { values: [{ a: 'x', b: n }] }, encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } } });
    const pool = new SvgPool(2);
    try {
      const got = await Promise.all([1, 2, 3].map((n) => pool.render(spec(n))));
      const want = await Promise.all([1, 2, 3].map((n) => specToSvg(spec(n))));
      expect(got).toEqual(want);
    } finally {
      await pool.close();
    }
    await expect(pool.render(spec(4))).rejects.toThrow(/closed/);
  });
  it('passes an error for a spec vega-lite cannot compile back as a rejection', async () => {
    const pool = new SvgPool(1);
    try {
      await expect(pool.render({ mark: 'nosuchmark', data: { values: [] } })).rejects.toThrow(/./);  // vega-lite's own message, passed through
    } finally {
      await pool.close();
    }
  });
});
