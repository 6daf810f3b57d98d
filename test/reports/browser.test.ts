// Opens report.html in Debian's headless chromium (playwright-core) and checks what a person would see: every chart
// drawn with marks, no console error, no request leaving the file (the report is self-contained), a screenshot.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../reports/report.js';
import { writeCompare } from '../../reports/compare.js';
import { tempDir, writeSweepFolder } from './fixtures.js';

const CHROMIUM = process.env.BAI_LAB_CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots land in the repo's (git-ignored) test-output/ so a person can look at them after a CI run. */
const SHOTS = join(import.meta.dirname, '..', '..', 'test-output', 'reports');

let browser: BrowserContext;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set BAI_LAB_CHROMIUM`);
  }
  // a fresh profile folder every run (playwright passes it as --user-data-dir)
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bai-chromium-')), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => { await browser?.close(); });

async function openAndCheck(htmlPath: string, expectedCharts: number, screenshot: string): Promise<void> {
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
    const svg = f.querySelector('svg');
    const box = svg?.getBoundingClientRect();
    return {
      width: box?.width ?? 0, height: box?.height ?? 0,
      marks: svg ? svg.querySelectorAll('g.role-mark path, g.role-mark rect, g.role-mark text').length : 0,
      axisLabels: svg ? svg.querySelectorAll('g.role-axis-label text').length : 0,
    };
  }));
  expect(charts).toHaveLength(expectedCharts);
  for (const c of charts) {
    expect(c.width).toBeGreaterThan(100);
    expect(c.height).toBeGreaterThan(100);
    expect(c.marks).toBeGreaterThan(0);
    expect(c.axisLabels).toBeGreaterThan(0);
  }
  expect(problems).toEqual([]);
  expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  await page.screenshot({ path: screenshot, fullPage: true });
  expect(existsSync(screenshot)).toBe(true);
  await page.close();
}

describe('report.html in a browser', () => {
  const root = tempDir('browser');
  writeSweepFolder(join(root, 'base'), { rewards: [1, 2, 4], seeds: 4, days: 20 });
  writeSweepFolder(join(root, 'prop'), { rewards: [1, 2, 4], seeds: 4, days: 20, issuanceOffsetBai: (s) => 5 + s });

  it('renders every chart of a sweep report with no console error and no network request', async () => {
    const r = await writeReport(join(root, 'base'));
    mkdirSync(SHOTS, { recursive: true });
    await openAndCheck(r.htmlPath, r.charts.length, join(SHOTS, 'sweep-report.png'));
  });

  it('renders the compare report', async () => {
    const r = await writeCompare(join(root, 'base'), join(root, 'prop'));
    mkdirSync(SHOTS, { recursive: true });
    await openAndCheck(r.htmlPath, r.charts.length, join(SHOTS, 'compare-report.png'));
  });
});
