// The exogenous price: the GBM step against its closed form and its moments, the CSV reader's named errors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { civilDay, csvPriceOn, gbmStep, parsePriceCsv, PriceCsvError, readPriceCsv } from '../../../sim/agents/price.js';
import { Rng } from '../../../sim/engine/index.js';

describe('GBM', () => {
  it('one step equals S·exp((mu − sigma²/2)/365.25 + sigma·z/√365.25)', () => {
    expect(gbmStep(2, 0.1, 0.5, 0)).toBeCloseTo(2 * Math.exp((0.1 - 0.125) / 365.25), 12);
    expect(gbmStep(2, 0, 0.5, 1.5)).toBeCloseTo(2 * Math.exp(-0.125 / 365.25 + 0.5 * 1.5 / Math.sqrt(365.25)), 12);
  });

  it('a year of seeded steps has the lognormal moments of GBM (mean and variance of log returns)', () => {
    const mu = 0.3, sigma = 0.8, n = 20_000;
    const rng = new Rng(7n).stream('agents.price');
    let p = 1, sum = 0, sq = 0;
    for (let i = 0; i < n; i++) {
      const q = gbmStep(p, mu, sigma, rng.normal());
      const r = Math.log(q / p); sum += r; sq += r * r; p = q;
    }
    const dt = 1 / 365.25, mean = sum / n, variance = sq / n - mean * mean;
    // standard error of the mean: sigma·√dt/√n ≈ 2.9e-4; of the variance: ≈ var·√(2/n) ≈ 1.7e-5
    expect(Math.abs(mean - (mu - sigma * sigma / 2) * dt)).toBeLessThan(4 * sigma * Math.sqrt(dt / n));
    expect(Math.abs(variance - sigma * sigma * dt)).toBeLessThan(4 * sigma * sigma * dt * Math.sqrt(2 / n));
  });
});

describe('price CSV', () => {
  mkdirSync('test-output', { recursive: true });
  const dir = resolve(mkdtempSync(join('test-output', 'price-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads dates and prices; day d uses row d, the last row afterwards', () => {
    const f = join(dir, 'ok.csv');
    writeFileSync(f, 'date,price\n2024-02-28,1.5\n2024-02-29,2\r\n2024-03-01,0.25\n\n');
    const p = readPriceCsv(f);
    expect(p).toEqual([1.5, 2, 0.25]);
    expect([0, 1, 2, 3, 100].map((d) => csvPriceOn(p, d))).toEqual([1.5, 2, 0.25, 0.25, 0.25]);
  });

  const bad: Array<[string, string, number, RegExp]> = [
    ['empty', '', 0, /empty file/],
    ['header', 'day,close\n2024-01-01,1\n', 1, /header must be "date,price"/],
    ['no rows', 'date,price\n', 1, /no price rows/],
    ['columns', 'date,price\n2024-01-01,1,2\n', 2, /expected 2 columns/],
    ['bad date', 'date,price\n2024-01-01,1\n2024-02-30,1\n', 3, /bad date "2024-02-30"/],
    ['not ascending', 'date,price\n2024-01-02,1\n2024-01-01,1\n', 3, /not after the previous/],
    ['negative price', 'date,price\n2024-01-01,-1\n', 2, /bad price "-1"/],
    ['zero price', 'date,price\n2024-01-01,0\n', 2, /bad price "0"/],
    ['text price', 'date,price\n2024-01-01,abc\n', 2, /bad price "abc"/],
  ];
  for (const [what, text, line, re] of bad) {
    it(`a bad CSV (${what}) is a PriceCsvError naming file:line`, () => {
      let err: unknown;
      try { parsePriceCsv(text, 'prices.csv'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(PriceCsvError);
      const e = err as PriceCsvError;
      expect(e.line).toBe(line);
      expect(e.exitCode).toBe(2);
      expect(e.message).toMatch(re);
      expect(e.message.startsWith(line > 0 ? `price CSV prices.csv:${line}: ` : 'price CSV prices.csv: ')).toBe(true);
    });
  }

  it('a missing file is a PriceCsvError too', () => {
    expect(() => readPriceCsv(join(dir, 'nope.csv'))).toThrow(/price CSV .*nope\.csv: cannot read \(ENOENT\)/);
  });

  it('calendar days agree with Date.UTC (leap years, century rule) and reject impossible dates', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2023-12-31', '2024-02-29', '2100-03-01', '1999-01-31']) {
      const [y, m, dd] = d.split('-').map(Number);
      expect(civilDay(d)).toBe(Date.UTC(y!, m! - 1, dd!) / 86_400_000);
    }
    for (const d of ['2023-02-29', '2100-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '24-01-01', '2024-1-1']) expect(civilDay(d)).toBeNull();
  });
});
