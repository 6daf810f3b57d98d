// The notebooks' helper library, on contract-shaped fixture folders; and the notebooks' own structure (CI executes
// them for real with `npm run notebooks`: jupyter nbconvert --execute on the tslab kernel).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lab from '../../notebooks/lib/lab.js';
import { tempDir, writeSweepFolder } from '../reports/fixtures.js';

const dir = join(tempDir('nb'), 'sweep');
writeSweepFolder(dir, { rewards: [1, 3], seeds: 4, days: 5 });

describe('notebooks/lib/lab', () => {
  it('gridTable: one row per grid point with mean/p5/p95 over seeds', () => {
    const t = lab.gridTable(dir, ['totalIssuance']);
    expect(t.numRows()).toBe(2);
    // reward 3, 5 days: 1000 + 3*10*5 + s = 1150 + s, s = 0..3 -> mean 1151.5, p5 = 1150.15, p95 = 1152.85
    expect(t.get('totalIssuance mean', 1)).toBeCloseTo(1151.5, 9);
    expect(t.get('totalIssuance p5', 1)).toBeCloseTo(1150.15, 9);
    expect(t.get('totalIssuance p95', 1)).toBeCloseTo(1152.85, 9);
    expect(t.get('label', 1)).toBe('emissions.blockReward=3');
  });

  it('bands: per-day median across seeds per point', () => {
    const rows = lab.bands(dir, 'totalIssuance');
    const r = rows.find((x) => x.group === 'emissions.blockReward=1' && x.day === 2)!;
    expect(r.p50).toBeCloseTo(1000 + 1 * 10 * 3 + 1.5, 9);   // median of s = 0..3 is 1.5
    expect(r.n).toBe(4);
  });

  it('sweepSpec renders to an SVG with a line per KPI panel', async () => {
    const svg = await lab.svg(lab.sweepSpec(dir, 'emissions.blockReward', ['totalIssuance', 'stakedRatio']));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/mark-line role-mark/g)?.length).toBe(2);
  });

  it('loader.cjs hands the ESM helpers to CommonJS code (what a tslab cell is)', async () => {
    const require = createRequire(import.meta.url);
    const { lab: load } = require('../../notebooks/lib/loader.cjs') as { lab: () => Promise<typeof lab> };
    const L = await load();
    expect(typeof L.gridTable).toBe('function');
    expect(L.REPO).toBe(lab.REPO);
  });
});

describe('notebooks', () => {
  const nbDir = join(lab.REPO, 'notebooks');
  const notebooks = readdirSync(nbDir).filter((f) => f.endsWith('.ipynb'));
  it('has the emissions tuning and proposal comparison notebooks on the tslab kernel', () => {
    expect(notebooks.sort()).toEqual(['emissions-tuning.ipynb', 'proposal-comparison.ipynb']);
    for (const f of notebooks) {
      const nb = JSON.parse(readFileSync(join(nbDir, f), 'utf8'));
      expect(nb.nbformat).toBe(4);
      expect(nb.metadata.kernelspec.name).toBe('tslab');
      const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code').map((c: { source: string[] }) => c.source.join(''));
      expect(code[0]).toContain("require('./lib/loader.cjs')");
      expect(code.some((s: string) => s.includes('tslab.display.html'))).toBe(true);
      for (const c of nb.cells) expect(c.id).toMatch(/^cell-\d\d$/);
    }
  });
});
