// `bai-lab report DIR`: report.html (charts inline as SVG, no script, no network) + charts/*.{svg,png,vl.json}
// for a run folder or a sweep folder. `writeReport(dir)` is what the CLI and the runner call after a run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as aq from 'arquero';
import { ensureOutDir, writeFileAtomic } from './atomic-write.js';
import { ReportInputError } from './errors.js';
import { loadResults } from './results/folder.js';
import type { RunFolder } from './results/run-folder.js';
import { isRecord, readSummary, type RunSummary } from './results/summary.js';
import { hasRunTimeseries, readSweepRunTimeseries, type SweepFolder } from './results/sweep-folder.js';
import { runFolderPath, sensitivityPath, sweepScenarioName } from './results/sweep-layout.js';
import { readSensitivity } from './results/sensitivity.js';
import { bandRows, percentileBands, type SeriesInput } from './analysis/bands.js';
import { gridPointStats, pointLabel, type GridPointStats } from './analysis/grid-table.js';
import { ChartWriter, chartFigure, slug, type RenderedChart } from './charts/chart-files.js';
import {
  bandChart, heatmapChart, indexBarChart, morrisChart, sweepLineChart, type HeatRow, type SweepLineRow,
} from './charts/specs.js';
import { htmlPage, type Section } from './html/page.js';
import { htmlTable, type Cell } from './html/table.js';
import { esc } from './html/escape.js';
import { fmt, fmtParam, fmtPlanck } from './html/format.js';
import { kpiDescription, unitLabel } from './kpi-units.js';

export interface ReportOptions {
  /** Where report.html and charts/ go; defaults to the results folder itself. */
  readonly outDir?: string;
  /** Cap on grid points drawn in one time-series chart (colours stay distinguishable); tables show all. */
  readonly maxBandGroups?: number;
}

export interface ReportResult {
  readonly htmlPath: string;
  readonly charts: readonly string[];   // chart names (files charts/<name>.svg|png|vl.json)
}

const DEFAULT_MAX_BAND_GROUPS = 8;
const MAX_HEATMAPS = 24;

export async function writeReport(dir: string, opts: ReportOptions = {}): Promise<ReportResult> {
  const results = loadResults(dir);
  const outDir = resolve(opts.outDir ?? results.dir);
  ensureOutDir(outDir);
  const cw = new ChartWriter(outDir);
  let sections: Built;
  try {
    sections = results.kind === 'run'
      ? await runSections(results, cw)
      : await sweepSections(results, cw, opts.maxBandGroups ?? DEFAULT_MAX_BAND_GROUPS);
    await cw.finish();
  } finally {
    await cw.close();   // never leave worker threads keeping the process alive
  }
  const title = results.kind === 'run'
    ? `BalanceAI Lab report — ${results.summary.scenario}`
    : `BalanceAI Lab sweep report — ${sweepScenarioName(results.manifest)}`;
  const sub = results.kind === 'run'
    ? `run of ${results.summary.days} days, seed ${results.summary.seed}, trace ${results.summary.traceHash}`
    : `${results.runs.length} runs over ${new Set(results.runs.map((r) => r.pointIndex)).size} grid point(s)`;
  const html = htmlPage(title, sub, sections.list);
  const htmlPath = join(outDir, 'report.html');
  writeFileAtomic(htmlPath, html);
  return { htmlPath, charts: sections.charts };
}

interface Built { readonly list: Section[]; readonly charts: string[] }

// ---------- a single run ----------

async function runSections(run: RunFolder, cw: ChartWriter): Promise<Built> {
  const s = run.summary;
  const planck = new Set(Object.keys(s.kpisExact));
  const pending: Promise<RenderedChart>[] = [];
  const bands = percentileBands([{ group: 'run', table: run.timeseries }], run.seriesKpis);
  for (const kpi of run.seriesKpis) {
    const rows = bandRows(bands, kpi);
    if (rows.length === 0) continue;
    pending.push(cw.write(`ts-${slug(kpi)}`, `${kpi} per day`, bandChart(kpi, unitLabel(kpi, planck, s.token.symbol), rows, 1)));
  }
  const charts = await Promise.all(pending);
  const list: Section[] = [
    { id: 'run', title: 'Run', html: runFacts(s) },
    { id: 'kpis', title: 'KPIs at the end of the run', html: kpiTable(s) },
    { id: 'timeseries', title: 'Time series', html: chartsHtml(charts, 'No time-series KPI in timeseries.arrow.') },
    { id: 'params', title: 'Scenario parameters', html: paramsTable(s.params) },
  ];
  return { list, charts: charts.map((c) => c.name) };
}

function runFacts(s: RunSummary): string {
  return htmlTable(['field', 'value'], [
    ['scenario', s.scenario], ['scenario file', s.scenarioFile ?? '—'], ['seed', s.seed], ['days', s.days],
    ['trace hash', { html: `<code>${esc(s.traceHash)}</code>` }], ['state root', { html: `<code>${esc(s.stateRoot)}</code>` }],
    ['token', `${s.token.symbol} (${s.token.decimals} decimals)`], ['lab version', s.labVersion],
  ]);
}

function kpiTable(s: RunSummary): string {
  const rows: Cell[][] = Object.keys(s.kpis).map((k) => {
    const exact = s.kpisExact[k];
    return exact !== undefined
      ? [k, fmtPlanck(exact, s.token.decimals), s.token.symbol, { html: `<code>${esc(exact)}</code>` }, kpiDescription(k)]
      : [k, fmt(s.kpis[k]), unitLabel(k, new Set(), s.token.symbol), '', kpiDescription(k)];
  });
  return htmlTable(['KPI', 'value', 'unit', 'exact planck', 'definition'], rows);
}

function paramsTable(params: Readonly<Record<string, unknown>>, varied: ReadonlySet<string> = new Set()): string {
  const rows: Cell[][] = Object.keys(params).sort().map((k) => [k, varied.has(k) ? 'swept (see grid)' : fmtParam(params[k])]);
  return rows.length ? htmlTable(['parameter', 'value'], rows) : '<p class="note">No parameters recorded.</p>';
}

function chartsHtml(charts: readonly RenderedChart[], empty: string): string {
  return charts.length ? `<div class="charts">${charts.map(chartFigure).join('\n')}</div>` : `<p class="note">${esc(empty)}</p>`;
}

// ---------- a sweep ----------

async function sweepSections(sweep: SweepFolder, cw: ChartWriter, maxBandGroups: number): Promise<Built> {
  if (sweep.runs.length === 0) throw new ReportInputError('IncompleteSweep', `${sweep.dir}: the runs table has no runs yet`);
  const firstSummary = firstRunSummary(sweep);
  const symbol = firstSummary?.token.symbol ?? 'BAI';
  const planck = new Set(sweep.kpis.filter((k) => sweep.runsTable.columnNames().includes(`${k}Planck`)));
  const stats = gridPointStats(sweep.runsTable, sweep.gridParams, sweep.kpis);
  const seedsPerPoint = Math.min(...stats.map((p) => p.n));
  const tsCharts = await sweepBandCharts(sweep, stats, cw, maxBandGroups, planck, symbol);
  // Morris trajectories and Sobol samples are not grids: lines and heatmaps over them would mislead.
  const isGrid = (sweep.manifest.method ?? 'grid') === 'grid';
  const lineCharts = isGrid ? await sweepLineCharts(sweep, stats, cw, seedsPerPoint) : [];
  const heatCharts = isGrid ? await heatmaps(sweep, cw) : [];
  const sensCharts = await sensitivityCharts(sweep, cw);
  writeFileAtomic(join(cw.outDir, 'tables', 'grid-stats.csv'), gridCsv(sweep, stats));
  const csvLink = '<p class="note">As CSV: <a href="tables/grid-stats.csv">tables/grid-stats.csv</a> (one row per grid point and KPI).</p>';
  const list: Section[] = [
    { id: 'sweep', title: 'Sweep', html: sweepFacts(sweep, stats) },
    { id: 'grid', title: 'KPIs per grid point (mean, p5–p95 over seeds)', html: gridTable(sweep, stats, planck, symbol) + csvLink },
    { id: 'timeseries', title: 'Time series across seeds', html: tsCharts.html },
  ];
  if (lineCharts.length) list.push({ id: 'lines', title: 'KPIs vs swept parameters', html: chartsHtml(lineCharts, '') });
  if (heatCharts.length) list.push({ id: 'heatmaps', title: 'Heatmaps over two parameters', html: chartsHtml(heatCharts, '') });
  if (sensCharts.length) list.push({ id: 'sensitivity', title: 'Sensitivity', html: chartsHtml(sensCharts, '') });
  list.push({ id: 'runs', title: 'Runs: seeds and trace hashes', html: runsTable(sweep) });
  list.push({
    id: 'params', title: 'Scenario parameters',
    html: firstSummary ? paramsTable(firstSummary.params, new Set(sweep.gridParams)) : '<p class="note">No run summary found in the sweep folder.</p>',
  });
  const charts = [...tsCharts.charts, ...lineCharts, ...heatCharts, ...sensCharts].map((c) => c.name);
  return { list, charts };
}

function firstRunSummary(sweep: SweepFolder): RunSummary | null {
  const first = sweep.runs[0];
  if (!first) return null;
  const dir = runFolderPath(sweep.dir, sweep.manifest, first.runIndex);
  return existsSync(join(dir, 'summary.json')) ? readSummary(dir) : null;
}

function sweepFacts(sweep: SweepFolder, stats: readonly GridPointStats[]): string {
  const m = sweep.manifest;
  const seeds = [...new Set(sweep.runs.map((r) => r.seed))];
  const rows: Cell[][] = [
    ['folder', sweep.dir],
    ['scenario', sweepScenarioName(m)],
    ['scenario --set', isRecord(m.scenario) && Array.isArray(m.scenario.sets) && m.scenario.sets.length ? m.scenario.sets.join(' ') : '—'],
    ['method', fmtParam(m.method ?? 'grid')],
    ['root seed', fmtParam(m.rootSeed ?? m.seed ?? '—')],
    ['grid parameters', sweep.gridParams.join(', ') || '— (seeds only)'],
    ['grid points', stats.length], ['runs', sweep.runs.length], ['distinct seeds', seeds.length],
  ];
  return htmlTable(['field', 'value'], rows);
}

/** One row per KPI, one column per grid point: KPIs are many and their names long, grid points fewer. */
function gridTable(sweep: SweepFolder, stats: readonly GridPointStats[], planck: ReadonlySet<string>, symbol: string): string {
  const head = ['KPI', ...stats.map((p) => `${p.pointIndex}: ${pointLabel(p.params)}`)];
  const rows: Cell[][] = [['runs (seeds)', ...stats.map((p) => p.n)]];
  for (const k of sweep.kpis) {
    const unit = unitLabel(k, planck, symbol);
    rows.push([unit ? `${k} (${unit})` : k, ...stats.map((p) => {
      const s = p.kpis[k]!;
      return { html: `${esc(fmt(s.mean))}<br><span class="note">${esc(fmt(s.p5))} – ${esc(fmt(s.p95))}</span>` };
    })]);
  }
  return htmlTable(head, rows, 'grid');
}

/** Long format for spreadsheets: pointIndex, grid parameters, runs, kpi, mean, p5, p95. */
function gridCsv(sweep: SweepFolder, stats: readonly GridPointStats[]): string {
  const rows = stats.flatMap((p) => sweep.kpis.map((k) => ({
    pointIndex: p.pointIndex, ...Object.fromEntries(sweep.gridParams.map((g) => [g, p.params[g]])), runs: p.n,
    kpi: k, mean: p.kpis[k]!.mean, p5: p.kpis[k]!.p5, p95: p.kpis[k]!.p95,
  })));
  return aq.from(rows).toCSV() + '\n';
}

function runsTable(sweep: SweepFolder): string {
  const rows: Cell[][] = sweep.runs.map((r) => [r.runIndex, r.pointIndex, r.seed, { html: `<code>${esc(r.traceHash)}</code>` }]);
  const t = htmlTable(['run', 'point', 'seed', 'trace hash'], rows);
  return rows.length > 20 ? `<details><summary>${rows.length} runs</summary>${t}</details>` : t;
}

async function sweepBandCharts(
  sweep: SweepFolder, stats: readonly GridPointStats[], cw: ChartWriter, maxGroups: number,
  planck: ReadonlySet<string>, symbol: string,
): Promise<{ html: string; charts: RenderedChart[] }> {
  const shown = new Set(stats.slice(0, maxGroups).map((p) => p.pointIndex));
  const labels = new Map(stats.map((p) => [p.pointIndex, `${p.pointIndex}: ${pointLabel(p.params)}`]));
  const inputs: SeriesInput[] = [];
  let missing = 0;
  for (const run of sweep.runs) {
    if (!shown.has(run.pointIndex)) continue;
    if (!hasRunTimeseries(sweep, run)) { missing++; continue; }
    inputs.push({ group: labels.get(run.pointIndex)!, table: readSweepRunTimeseries(sweep, run) });
  }
  if (inputs.length === 0) return { html: '<p class="note">No per-run time series in this sweep folder.</p>', charts: [] };
  const kpis = inputs[0]!.table.columnNames().filter((c) => c !== 'day' && c !== 'block');
  const bands = percentileBands(inputs, kpis);
  const perGroup = Math.min(...[...count(inputs.map((i) => i.group)).values()]);
  const pending: Promise<RenderedChart>[] = [];
  for (const kpi of kpis) {
    const rows = bandRows(bands, kpi);
    if (rows.length === 0) continue;
    const unit = unitLabel(kpi, planck, symbol);
    pending.push(cw.write(`ts-${slug(kpi)}`, `${kpi} per day across seeds`, bandChart(kpi, unit, rows, perGroup)));
  }
  const charts = await Promise.all(pending);
  const notes: string[] = [];
  if (stats.length > maxGroups) notes.push(`Showing grid points 0–${maxGroups - 1} of ${stats.length}; the table above covers all.`);
  if (missing) notes.push(`${missing} run(s) have no timeseries.arrow and are left out of the bands.`);
  const note = notes.length ? `<p class="note">${esc(notes.join(' '))}</p>` : '';
  return { html: note + chartsHtml(charts, 'No time-series KPI.'), charts };
}

function count(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function numericParams(sweep: SweepFolder): string[] {
  return sweep.gridParams.filter((p) => sweep.runs.every((r) => typeof r.params[p] === 'number'));
}

async function sweepLineCharts(sweep: SweepFolder, stats: readonly GridPointStats[], cw: ChartWriter, seeds: number): Promise<RenderedChart[]> {
  const out: Promise<RenderedChart>[] = [];
  for (const param of numericParams(sweep)) {
    if (new Set(stats.map((p) => p.params[param])).size < 2) continue;
    const others = sweep.gridParams.filter((g) => g !== param);
    const rows: SweepLineRow[] = [];
    for (const p of stats) {
      const series = others.length ? pointLabel(Object.fromEntries(others.map((o) => [o, p.params[o]!]))) : 'all';
      for (const kpi of sweep.kpis) {
        const s = p.kpis[kpi]!;
        if (!Number.isFinite(s.mean)) continue;
        rows.push({ kpi, x: p.params[param] as number, mean: s.mean, p5: s.p5, p95: s.p95, series });
      }
    }
    out.push(cw.write(`sweep-${slug(param)}`, `KPIs vs ${param}`, sweepLineChart(param, rows, seeds)));
  }
  return Promise.all(out);
}

async function heatmaps(sweep: SweepFolder, cw: ChartWriter): Promise<RenderedChart[]> {
  const params = sweep.gridParams.filter((p) => new Set(sweep.runs.map((r) => r.params[p])).size >= 2);
  if (params.length < 2) return [];
  const [xp, yp] = [params[0]!, params[1]!];
  const rollup: Record<string, unknown> = {};
  for (const k of sweep.kpis) rollup[k] = aq.op.mean(k);
  const t = sweep.runsTable.groupby(`param.${xp}`, `param.${yp}`).rollup(rollup as never)
    .orderby(`param.${yp}`, `param.${xp}`).objects() as Record<string, unknown>[];
  const rows: HeatRow[] = [];
  for (const kpi of sweep.kpis.slice(0, MAX_HEATMAPS)) {
    for (const r of t) {
      if (typeof r[kpi] === 'number' && Number.isFinite(r[kpi])) {
        rows.push({ kpi, x: fmtParam(r[`param.${xp}`]), y: fmtParam(r[`param.${yp}`]), mean: r[kpi] as number });
      }
    }
  }
  if (rows.length === 0) return [];
  return [await cw.write(`heat-${slug(xp)}-${slug(yp)}`, `KPIs over ${xp} × ${yp}`, heatmapChart(xp, yp, rows))];
}

function conf(v: number, half: number | undefined): { low: number | null; high: number | null } {
  return half === undefined ? { low: null, high: null } : { low: v - half, high: v + half };
}

async function sensitivityCharts(sweep: SweepFolder, cw: ChartWriter): Promise<RenderedChart[]> {
  const out: Promise<RenderedChart>[] = [];
  for (const s of readSensitivity(sensitivityPath(sweep.dir, sweep.manifest))) {
    const name = `sensitivity-${slug(s.method)}-${slug(s.kpi)}`;
    const morris = s.params.filter((p) => p.muStar !== undefined);
    if (morris.length) {
      out.push(cw.write(name, `${s.method} sensitivity of ${s.kpi}`,
        morrisChart(s.kpi, morris.map((p) => ({ param: p.param, muStar: p.muStar!, sigma: p.sigma ?? 0 })))));
      continue;
    }
    const rows = s.params.flatMap((p) => [
      ...(p.S1 !== undefined ? [{ param: p.param, index: 'S1', value: p.S1, ...conf(p.S1, p.S1Conf) }] : []),
      ...(p.ST !== undefined ? [{ param: p.param, index: 'ST', value: p.ST, ...conf(p.ST, p.STConf) }] : []),
    ]);
    if (rows.length) out.push(cw.write(name, `${s.method} sensitivity of ${s.kpi}`, indexBarChart(s.kpi, s.method, rows)));
  }
  return Promise.all(out);
}
