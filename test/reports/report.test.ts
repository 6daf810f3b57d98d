import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/report.js';
import { chartWarnings } from '../../reports/charts/render.js';

beforeEach(() => { chartWarnings.length = 0; });
import { bufferIO } from '../../cli/io.js';
import { main } from '../../cli/main.js';
import { tempDir, writeRunFolder, writeSweepFolder } from './fixtures.js';

function pngSize(bytes: Buffer): { w: number; h: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { w: bytes.readUInt32BE(16), h: bytes.readUInt32BE(20) };
}

describe('writeReport on a run folder', () => {
  const dir = join(tempDir('run'), 'baseline');
  writeRunFolder(dir, { seed: '42', seedIndex: 3, blockReward: 2, days: 10 });

  it('writes report.html with the run facts, exact KPIs and one chart per time-series KPI', async () => {
    const r = await writeReport(dir);
    expect(r.charts).toEqual(['ts-totalIssuance', 'ts-stakedRatio']);
    const html = readFileSync(r.htmlPath, 'utf8');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(html).toContain(summary.traceHash);
    expect(html).toContain('<td class="num">42</td>');
    // totalIssuance = 1000 + 2*10*10 + 3 = 1203 BAI, printed exactly from planck
    expect(html).toContain('<td>totalIssuance</td><td class="num">1,203</td><td>BAI</td><td><code>1203000000000000000000</code>');
    expect(html).toContain('<td>emittedTo.stakers</td><td class="num">7</td>');
    // self-contained: charts are inline SVG, nothing is fetched
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    for (const name of r.charts) {
      const svg = readFileSync(join(dir, 'charts', `${name}.svg`), 'utf8');
      expect(svg).toContain('mark-line');
      const size = pngSize(readFileSync(join(dir, 'charts', `${name}.png`)));
      const w = Number(/width="(\d+)"/.exec(svg)![1]);
      expect(size.w).toBe(2 * w);          // rendered at 2x
      expect(existsSync(join(dir, 'charts', `${name}.vl.json`))).toBe(true);
    }
  });

  it('is reproducible: the same folder gives a byte-identical report, with or without worker threads', async () => {
    const a = readFileSync((await writeReport(dir)).htmlPath, 'utf8');
    const b = readFileSync((await writeReport(dir)).htmlPath, 'utf8');
    expect(a).toBe(b);
    process.env.BAI_LAB_REPORT_THREADS = '0';
    try {
      const c = readFileSync((await writeReport(dir)).htmlPath, 'utf8');
      expect(c).toBe(a);
    } finally {
      delete process.env.BAI_LAB_REPORT_THREADS;
    }
  });
});

describe('writeReport on a sweep folder', () => {
  const dir = join(tempDir('sweep'), 'sweep');
  writeSweepFolder(dir, { rewards: [1, 2, 4], seeds: 5, days: 12 });

  it('tabulates mean/p5/p95 per grid point and draws bands, sweep lines and trace hashes', async () => {
    const r = await writeReport(dir);
    expect(r.charts).toEqual(['ts-totalIssuance', 'ts-stakedRatio', 'sweep-emissions-blockReward']);
    const html = readFileSync(r.htmlPath, 'utf8');
    // point 1 (reward 2): issuance per seed s = 1000 + 2*10*12 + s = 1240 + s, s = 0..4
    // mean 1242, p5 = 1240 + 0.05*4 = 1240.2, p95 = 1243.8 (type-7)
    expect(html).toContain('1,242<br><span class="note">1,240.2 – 1,243.8</span>');
    expect(html).toContain('BalanceAI Lab sweep report — baseline');
    expect(html.match(/<tr><td class="num">\d+<\/td><td class="num">\d+<\/td><td class="num">\d+<\/td><td><code>0x/g)?.length).toBe(15);
    const vl = JSON.parse(readFileSync(join(dir, 'charts', 'ts-totalIssuance.vl.json'), 'utf8'));
    const rows = vl.data.values as { group: string; day: number; p5: number; p50: number; p95: number }[];
    const d5 = rows.find((x) => x.group.startsWith('2:') && x.day === 5)!;
    // reward 4, day 5: 1000 + 4*10*6 + s -> 1240 + s; median over s = 0..4 is 1242
    expect(d5.p50).toBe(1242);
    expect(d5.p5).toBeCloseTo(1240.2, 9);
    const svg = readFileSync(join(dir, 'charts', 'ts-totalIssuance.svg'), 'utf8');
    expect(svg).toContain('mark-area');
    expect(chartWarnings).toEqual([]);   // vega-lite compiled every chart without a warning
    const csv = readFileSync(join(dir, 'tables', 'grid-stats.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('pointIndex,emissions.blockReward,runs,kpi,mean,p5,p95');
    expect(csv).toContain('1,2,5,totalIssuance,1242,1240.2,1243.8');
  });

  it('bai-lab report DIR prints the report path and exits 0', async () => {
    const io = bufferIO();
    expect(await main(['report', dir, '--out', join(dir, 'elsewhere')], io)).toBe(0);
    expect(io.stdout.trim()).toBe(join(dir, 'elsewhere', 'report.html'));
  });
});
