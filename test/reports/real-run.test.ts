// Reports and compare on real runs of the baseline scenario (runScenario, one simulated day), checked against the
// run's own summary.json with independent arithmetic (bigint planck differences, the protocol's formatPlanck).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, runScenario } from '../../sim/runner/index.js';
import { formatPlanck } from '../../protocol/primitives/units.js';
import { writeReport } from '../../reports/report.js';
import { writeCompare } from '../../reports/compare.js';
import { tempDir } from './fixtures.js';

const root = tempDir('real');
const base = join(root, 'base');
const proposal = join(root, 'burn80');
type Summary = { traceHash: string; seed: string; token: { decimals: number }; kpis: Record<string, unknown> };
let b: Summary;
let p: Summary;

beforeAll(async () => {
  await runScenario(loadScenario('baseline'), { seed: 5n, days: 1, outDir: base });
  await runScenario(loadScenario('baseline', ['fees.split.burn=0.8', 'fees.split.author=0.2']), { seed: 5n, days: 1, outDir: proposal });
  b = JSON.parse(readFileSync(join(base, 'summary.json'), 'utf8'));
  p = JSON.parse(readFileSync(join(proposal, 'summary.json'), 'utf8'));
}, 180_000);

function commas(s: string): string {
  const [w, f] = s.split('.');
  return w!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? `.${f}` : '');
}

describe('report of a real baseline run', () => {
  it('shows the trace hash, the seed and every token KPI exactly', async () => {
    const r = await writeReport(base);
    const html = readFileSync(r.htmlPath, 'utf8');
    expect(html).toContain(b.traceHash);
    expect(html).toContain(`<td>seed</td><td class="num">${b.seed}</td>`);
    for (const k of ['totalIssuance', 'minted', 'burned', 'feesPaid']) {
      const planck = b.kpis[k] as string;
      expect(html).toContain(`<td>${k}</td><td class="num">${commas(formatPlanck(BigInt(planck), b.token.decimals))}</td>`);
      expect(html).toContain(`<code>${planck}</code>`);
    }
    expect(r.charts).toContain('ts-totalIssuance');
  });
});

describe('compare of a real proposal (burn 80% of fees) with the baseline, same seed', () => {
  it('gives the exact planck deltas and the float deltas of the summaries', async () => {
    const r = await writeCompare(base, proposal);
    expect(r.pairs).toBe(1);
    const html = readFileSync(r.htmlPath, 'utf8');
    for (const k of ['burned', 'totalIssuance', 'feesPaid']) {
      const d = BigInt(p.kpis[k] as string) - BigInt(b.kpis[k] as string);
      expect(html).toContain(`<code>${d.toString()}</code>`);
      const pooled = r.pooled.find((x) => x.kpi === k)!;
      expect(pooled.meanDelta).toBeCloseTo(Number(formatPlanck(d, b.token.decimals)), 6);
      expect(pooled.interval).toBeNull();
    }
    // burning more of the same fees: more burned, less issuance, by the same amount
    const burned = BigInt(p.kpis.burned as string) - BigInt(b.kpis.burned as string);
    const issuance = BigInt(p.kpis.totalIssuance as string) - BigInt(b.kpis.totalIssuance as string);
    expect(burned > 0n).toBe(true);
    expect(issuance).toBe(-burned);
    expect(html).toContain('<td>fees.split.burn</td><td class="num">0.5</td><td class="num">0.8</td>');
  });
});
