// Notebook helpers: run a short sweep through the bai-lab CLI (or reuse a finished one), load results with arquero,
// build charts with the report's vega-lite specs and render them to SVG for display. ESM: loaded by lib/loader.cjs.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { loadResults, type ResultsFolder } from '../../reports/results/folder.js';
import { gridPointStats, pointLabel, type GridPointStats } from '../../reports/analysis/grid-table.js';
import { bandRows, percentileBands, type BandRow } from '../../reports/analysis/bands.js';
import { readSweepRunTimeseries } from '../../reports/results/sweep-folder.js';
import { specToSvg } from '../../reports/charts/render.js';
import { bandChart, sweepLineChart, type SweepLineRow, type VlSpec } from '../../reports/charts/specs.js';
import { writeReport, type ReportResult } from '../../reports/report.js';
import { writeCompare, type CompareResult } from '../../reports/compare.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export { aq, loadResults, gridPointStats, pointLabel, writeReport, writeCompare };
export type { ColumnTable, ResultsFolder, GridPointStats, ReportResult, CompareResult, VlSpec };

export interface SweepArgs {
  readonly scenario: string;
  readonly out: string;                 // relative to the repo root, or absolute
  readonly grid?: readonly string[];    // "path=v1,v2"
  readonly sets?: readonly string[];    // "path=value"
  readonly runs: number;
  readonly days: number;
  readonly seed?: string;
  readonly workers?: number;
}

/**
 * Run `bai-lab sweep` (a child process: the same code path as the command line) unless `out` already holds a
 * complete sweep. Returns the absolute folder.
 */
export function sweep(a: SweepArgs): string {
  const out = resolve(REPO, a.out);
  if (isCompleteSweep(out)) return out;
  const args = [join(REPO, 'bin', 'bai-lab.mjs'), 'sweep', a.scenario, '--runs', String(a.runs), '--days', String(a.days),
    '--out', out, '--workers', String(a.workers ?? 2)];
  for (const g of a.grid ?? []) args.push('--grid', g);
  for (const s of a.sets ?? []) args.push('--set', s);
  if (a.seed) args.push('--seed', a.seed);
  if (existsSync(join(out, 'manifest.json'))) args.splice(1, args.length - 1, 'sweep', '--resume', out, '--workers', String(a.workers ?? 2));
  execFileSync(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

function isCompleteSweep(dir: string): boolean {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status?: string };
    return m.status === 'complete' && existsSync(join(dir, 'runs.arrow'));
  } catch {
    return false;
  }
}

/** The runs table of a sweep folder as an arquero table. */
export function runsTable(dir: string): ColumnTable {
  const r = loadResults(dir);
  if (r.kind !== 'sweep') throw new Error(`${dir} is a single run, not a sweep`);
  return r.runsTable;
}

/** Per grid point: KPI mean/p5/p95 over seeds, as an arquero table with one row per point. */
export function gridTable(dir: string, kpis?: readonly string[]): ColumnTable {
  const r = loadResults(dir);
  if (r.kind !== 'sweep') throw new Error(`${dir} is a single run, not a sweep`);
  const ks = kpis ?? r.kpis;
  const stats = gridPointStats(r.runsTable, r.gridParams, ks);
  return aq.from(stats.map((p) => {
    const row: Record<string, unknown> = { point: p.pointIndex, label: pointLabel(p.params), runs: p.n };
    for (const k of ks) {
      row[`${k} mean`] = p.kpis[k]!.mean;
      row[`${k} p5`] = p.kpis[k]!.p5;
      row[`${k} p95`] = p.kpis[k]!.p95;
    }
    return row;
  }));
}

/** Percentile bands (p5/p50/p95 per day over seeds) of one time-series KPI, per grid point. */
export function bands(dir: string, kpi: string): BandRow[] {
  const r = loadResults(dir);
  if (r.kind === 'run') return bandRows(percentileBands([{ group: 'run', table: r.timeseries }], [kpi]), kpi);
  const stats = gridPointStats(r.runsTable, r.gridParams, []);
  const labels = new Map(stats.map((p) => [p.pointIndex, pointLabel(p.params)]));
  const inputs = r.runs.map((run) => ({ group: labels.get(run.pointIndex)!, table: readSweepRunTimeseries(r, run) }));
  return bandRows(percentileBands(inputs, [kpi]), kpi);
}

export function bandSpec(kpi: string, rows: readonly BandRow[], unit = ''): VlSpec {
  return bandChart(kpi, unit, rows, Math.max(...rows.map((r) => r.n)));
}

/** Final KPI values against one swept parameter (small multiples, one per KPI). */
export function sweepSpec(dir: string, param: string, kpis: readonly string[]): VlSpec {
  const r = loadResults(dir);
  if (r.kind !== 'sweep') throw new Error(`${dir} is a single run, not a sweep`);
  const stats = gridPointStats(r.runsTable, r.gridParams, kpis);
  const others = r.gridParams.filter((g) => g !== param);
  const rows: SweepLineRow[] = stats.flatMap((p) => kpis.map((k) => ({
    kpi: k, x: Number(p.params[param]), mean: p.kpis[k]!.mean, p5: p.kpis[k]!.p5, p95: p.kpis[k]!.p95,
    series: others.length ? pointLabel(Object.fromEntries(others.map((o) => [o, p.params[o]!]))) : 'all',
  })));
  return sweepLineChart(param, rows, Math.min(...stats.map((p) => p.n)));
}

/** SVG text of a vega-lite spec (display it with tslab.display.html). */
export function svg(spec: VlSpec): Promise<string> {
  return specToSvg(spec);
}
