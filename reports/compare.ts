// `bai-lab compare BASE_DIR PROPOSAL_DIR`: the governance-proposal view. Runs are paired by grid point and seed;
// for every KPI the mean paired delta (proposal − base) with a 90% interval: a percentile bootstrap of the mean
// delta (4000 resamples, generator seeded by the KPI name, so the same folders always give the same interval).
// Writes compare.html + charts/ and returns a plain-text table for stdout.
import { join, resolve } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ensureOutDir, writeFileAtomic } from './atomic-write.js';
import { ReportInputError } from './errors.js';
import { loadResults, type ResultsFolder } from './results/folder.js';
import { readSweepRunTimeseries, hasRunTimeseries } from './results/sweep-folder.js';
import { readSummary, type RunSummary } from './results/summary.js';
import { runFolderPath } from './results/sweep-layout.js';
import { existsSync } from 'node:fs';
import { commonKpis, INTERVAL_LEVEL, kpiDelta, pairRuns, type KpiDelta, type Observation, type Pair } from './analysis/paired.js';
import { bandRows, percentileBands, type SeriesInput } from './analysis/bands.js';
import { pointLabel } from './analysis/grid-table.js';
import { ChartWriter, chartFigure, slug, type RenderedChart } from './charts/chart-files.js';
import { bandChart, deltaForestChart } from './charts/specs.js';
import { htmlPage, type Section } from './html/page.js';
import { htmlTable, type Cell } from './html/table.js';
import { esc } from './html/escape.js';
import { fmt, fmtParam, fmtPct, fmtPlanck } from './html/format.js';
import { BOOTSTRAP_RESAMPLES } from './stats.js';

export interface CompareOptions { readonly outDir?: string; readonly maxSeriesPairs?: number }

export interface CompareResult {
  readonly htmlPath: string;
  readonly text: string;                 // the KPI delta table for stdout
  readonly pooled: readonly KpiDelta[];  // one per KPI over every pair
  readonly perPoint: readonly KpiDelta[];// per KPI and grid point (sweeps with more than one point)
  readonly pairs: number;
  readonly charts: readonly string[];
}

const DEFAULT_MAX_SERIES_PAIRS = 200;

export async function writeCompare(baseDir: string, proposalDir: string, opts: CompareOptions = {}): Promise<CompareResult> {
  const base = loadResults(baseDir);
  const proposal = loadResults(proposalDir);
  const pairs = pairRuns(base, proposal);
  const kpis = commonKpis(pairs);
  if (kpis.length === 0) throw new ReportInputError('MismatchedFolders', `${base.dir} vs ${proposal.dir}: no KPI in common`);
  const pooled = kpis.map((k) => kpiDelta(k, pairs, null));
  const points = [...new Set(pairs.map((p) => p.base.pointIndex))].sort((a, b) => a - b);
  const perPoint = points.length > 1
    ? points.flatMap((pt) => kpis.map((k) => kpiDelta(k, pairs.filter((p) => p.base.pointIndex === pt), pt))) : [];
  const outDir = resolve(opts.outDir ?? join(proposal.dir, 'compare'));

  ensureOutDir(outDir);
  const cw = new ChartWriter(outDir);
  let charts: RenderedChart[];
  try {
    const pending: Promise<RenderedChart>[] = [];
    const forestRows = pooled.filter((d) => d.pctDelta !== null).map((d) => ({
      kpi: d.kpi, pct: d.pctDelta!,
      low: d.interval ? (d.interval.low / Math.abs(d.baseMean)) * 100 : null,
      high: d.interval ? (d.interval.high / Math.abs(d.baseMean)) * 100 : null,
    }));
    if (forestRows.length) pending.push(cw.write('compare-deltas', 'Mean paired delta per KPI', deltaForestChart(forestRows, pairs.length)));
    pending.push(...deltaSeriesCharts(base, proposal, pairs, cw, opts.maxSeriesPairs ?? DEFAULT_MAX_SERIES_PAIRS));
    charts = await Promise.all(pending);
    await cw.finish();
  } finally {
    await cw.close();   // never leave worker threads keeping the process alive
  }
  writeFileAtomic(join(outDir, 'tables', 'deltas.csv'), deltasCsv([...pooled, ...perPoint]));
  const csvLink = '<p class="note">As CSV: <a href="tables/deltas.csv">tables/deltas.csv</a>.</p>';
  const sections: Section[] = [
    { id: 'deltas', title: 'KPI deltas, proposal − base', html: deltaHtml(pooled, perPoint, pairs) + csvLink },
    { id: 'charts', title: 'Charts', html: `<div class="charts">${charts.map(chartFigure).join('\n')}</div>` },
    { id: 'params', title: 'What the proposal changes', html: paramDiffHtml(base, proposal) },
    { id: 'pairs', title: 'Paired runs: seeds and trace hashes', html: pairsHtml(pairs) },
  ];
  const html = htmlPage('BalanceAI Lab proposal comparison', `${proposal.dir} vs base ${base.dir}`, sections);
  const htmlPath = join(outDir, 'compare.html');
  writeFileAtomic(htmlPath, html);
  return { htmlPath, text: textTable(pooled, pairs.length), pooled, perPoint, pairs: pairs.length, charts: charts.map((c) => c.name) };
}

const METHOD_NOTE = `Runs are paired by grid point and seed, so each delta compares the same random world under the two
parameter sets. The interval is a ${Math.round(INTERVAL_LEVEL * 100)}% percentile bootstrap of the mean delta
(${BOOTSTRAP_RESAMPLES} resamples of the pairs with replacement, seeded generator: reproducible); with a single pair
there is no interval. Token amounts are in token units.`;

function deltaHtml(pooled: readonly KpiDelta[], perPoint: readonly KpiDelta[], pairs: readonly Pair[]): string {
  const row = (d: KpiDelta): Cell[] => [
    d.kpi, d.n, fmt(d.baseMean), fmt(d.proposalMean),
    { html: `<span class="${d.meanDelta > 0 ? 'pos' : d.meanDelta < 0 ? 'neg' : ''}">${esc(fmt(d.meanDelta))}</span>` },
    d.interval ? `[${fmt(d.interval.low)}, ${fmt(d.interval.high)}]` : '—',
    fmtPct(d.pctDelta),
  ];
  const head = ['KPI', 'pairs', 'base mean', 'proposal mean', 'mean Δ', `${Math.round(INTERVAL_LEVEL * 100)}% interval`, 'Δ % of base'];
  let html = `<p class="note">${esc(METHOD_NOTE)}</p>` + htmlTable(head, pooled.map(row));
  if (perPoint.length) {
    const labels = new Map(pairs.map((p) => [p.base.pointIndex, pointLabel(p.base.params)]));
    html += '<h3>Per grid point</h3>' + htmlTable(['point', ...head],
      perPoint.map((d) => [`${d.pointIndex}: ${labels.get(d.pointIndex!) ?? ''}`, ...row(d)]));
  }
  return html;
}

function summaryOf(r: ResultsFolder): RunSummary | null {
  if (r.kind === 'run') return r.summary;
  const first = r.runs[0];
  if (!first) return null;
  const dir = runFolderPath(r.dir, r.manifest, first.runIndex);
  return existsSync(join(dir, 'summary.json')) ? readSummary(dir) : null;
}

function paramDiffHtml(base: ResultsFolder, proposal: ResultsFolder): string {
  const b = summaryOf(base), p = summaryOf(proposal);
  if (!b || !p) return '<p class="note">No run summary to compare parameters.</p>';
  const keys = [...new Set([...Object.keys(b.params), ...Object.keys(p.params)])].sort();
  const rows: Cell[][] = keys.filter((k) => JSON.stringify(b.params[k]) !== JSON.stringify(p.params[k]))
    .map((k) => [k, k in b.params ? fmtParam(b.params[k]) : '—', k in p.params ? fmtParam(p.params[k]) : '—']);
  let html = rows.length ? htmlTable(['parameter', 'base', 'proposal'], rows) : '<p class="note">The two scenarios have the same parameters.</p>';
  html += htmlTable(['', 'base', 'proposal'], [['scenario', b.scenario, p.scenario], ['days', b.days, p.days]]);
  if (base.kind === 'run' && proposal.kind === 'run') html += exactDeltaTable(b, p);
  return html;
}

/** For a single pair of runs, token-amount deltas exactly in planck (bigint), as a person checking a proposal wants. */
function exactDeltaTable(b: RunSummary, p: RunSummary): string {
  const rows: Cell[][] = Object.keys(b.kpisExact).filter((k) => p.kpisExact[k] !== undefined).map((k) => {
    const d = BigInt(p.kpisExact[k]!) - BigInt(b.kpisExact[k]!);
    return [k, fmtPlanck(b.kpisExact[k]!, b.token.decimals), fmtPlanck(p.kpisExact[k]!, p.token.decimals),
      fmtPlanck(d.toString(), b.token.decimals), { html: `<code>${d.toString()}</code>` }];
  });
  return rows.length ? '<h3>Exact token deltas</h3>' + htmlTable(['KPI', 'base', 'proposal', 'Δ', 'Δ planck'], rows) : '';
}

function pairsHtml(pairs: readonly Pair[]): string {
  const rows: Cell[][] = pairs.map((p) => [p.base.pointIndex, p.base.seed,
    { html: `<code>${esc(p.base.traceHash)}</code>` }, { html: `<code>${esc(p.proposal.traceHash)}</code>` }]);
  const t = htmlTable(['point', 'seed', 'base trace hash', 'proposal trace hash'], rows);
  return rows.length > 20 ? `<details><summary>${rows.length} pairs</summary>${t}</details>` : t;
}

function timeseriesOf(r: ResultsFolder, o: Observation): ColumnTable | null {
  if (r.kind === 'run') return r.timeseries;
  const run = r.runs.find((x) => x.runIndex === o.runIndex);
  return run && hasRunTimeseries(r, run) ? readSweepRunTimeseries(r, run) : null;
}

/** Per day, proposal − base for each pair, then p5/p50/p95 across pairs per grid point. */
function deltaSeriesCharts(base: ResultsFolder, proposal: ResultsFolder, pairs: readonly Pair[], cw: ChartWriter, maxPairs: number): Promise<RenderedChart>[] {
  const inputs: SeriesInput[] = [];
  let kpis: string[] | null = null;
  for (const pr of pairs.slice(0, maxPairs)) {
    const tb = timeseriesOf(base, pr.base), tp = timeseriesOf(proposal, pr.proposal);
    if (!tb || !tp) continue;
    const common = tb.columnNames().filter((c) => c !== 'day' && c !== 'block' && tp.columnNames().includes(c));
    kpis = kpis ? kpis.filter((k) => common.includes(k)) : common;
    inputs.push({ group: pointLabel(pr.base.params), table: deltaTable(tb, tp, common) });
  }
  if (!kpis || kpis.length === 0 || inputs.length === 0) return [];
  const bands = percentileBands(inputs, kpis);
  const perGroup = Math.min(...[...countBy(inputs.map((i) => i.group)).values()]);
  const out: Promise<RenderedChart>[] = [];
  for (const kpi of kpis) {
    const rows = bandRows(bands, kpi);
    if (rows.length) out.push(cw.write(`delta-${slug(kpi)}`, `${kpi}: proposal − base per day`, bandChart(`Δ ${kpi}`, 'proposal − base', rows, perGroup)));
  }
  return out;
}

function deltaTable(tb: ColumnTable, tp: ColumnTable, kpis: readonly string[]): ColumnTable {
  const byDay = new Map<number, number>();
  const pDays = tp.array('day') as ArrayLike<number>;
  for (let i = 0; i < pDays.length; i++) byDay.set(Number(pDays[i]), i);
  const bDays = tb.array('day') as ArrayLike<number>;
  const rowsB: number[] = [], rowsP: number[] = [];
  for (let i = 0; i < bDays.length; i++) {
    const j = byDay.get(Number(bDays[i]));
    if (j !== undefined) { rowsB.push(i); rowsP.push(j); }
  }
  const cols: Record<string, number[]> = { day: rowsB.map((i) => Number(bDays[i])) };
  for (const k of kpis) {
    const a = tb.array(k) as ArrayLike<number>, b = tp.array(k) as ArrayLike<number>;
    cols[k] = rowsB.map((i, n) => Number(b[rowsP[n]!]) - Number(a[i]));
  }
  return aq.table(cols);
}

function countBy(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function deltasCsv(deltas: readonly KpiDelta[]): string {
  return aq.from(deltas.map((d) => ({
    kpi: d.kpi, point: d.pointIndex === null ? 'all' : d.pointIndex, pairs: d.n, baseMean: d.baseMean,
    proposalMean: d.proposalMean, meanDelta: d.meanDelta, low90: d.interval?.low ?? null, high90: d.interval?.high ?? null,
    pctOfBase: d.pctDelta,
  }))).toCSV() + '\n';
}

function textTable(pooled: readonly KpiDelta[], pairs: number): string {
  const head = ['KPI', 'pairs', 'base mean', 'proposal mean', 'mean delta', `${Math.round(INTERVAL_LEVEL * 100)}% interval`, 'delta %'];
  const rows = pooled.map((d) => [d.kpi, String(d.n), fmt(d.baseMean), fmt(d.proposalMean), fmt(d.meanDelta),
    d.interval ? `[${fmt(d.interval.low)}, ${fmt(d.interval.high)}]` : '-', d.pctDelta === null ? '-' : fmtPct(d.pctDelta)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [`proposal - base, paired by grid point and seed (${pairs} pair${pairs === 1 ? '' : 's'})`, line(head), ...rows.map(line)].join('\n') + '\n';
}
