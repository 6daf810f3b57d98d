// A sweep's output folder (experiments): manifest.json, runs.arrow (one row per run) and one run folder per run
// holding that run's summary.json + timeseries.arrow.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { ReportInputError } from '../errors.js';
import { readArrowFile } from './arrow-file.js';
import { isRecord } from './summary.js';
import { readTimeseries } from './run-folder.js';
import { runFolderPath, runsTablePath } from './sweep-layout.js';

export interface SweepRun {
  readonly runIndex: number;
  readonly pointIndex: number;
  readonly seed: string;
  readonly traceHash: string;
  /** param path (without the `param.` prefix) -> value at this run's grid point */
  readonly params: Readonly<Record<string, number | string>>;
  readonly kpis: Readonly<Record<string, number>>;
}

export interface SweepFolder {
  readonly kind: 'sweep';
  readonly dir: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly runsTable: ColumnTable;
  readonly runs: readonly SweepRun[];
  /** grid parameter paths (columns `param.<path>`), in table order */
  readonly gridParams: readonly string[];
  /** KPI columns of the runs table (Float64, token units for planck KPIs) */
  readonly kpis: readonly string[];
}

const REQUIRED = ['runIndex', 'pointIndex', 'seed', 'traceHash'] as const;
/** Bookkeeping columns of the runs table that are not KPIs. */
const NOT_KPI = new Set<string>([...REQUIRED, 'replicate', 'stateRoot']);
const MAX_RUNS = 1_000_000;

export function loadSweepFolder(dir: string): SweepFolder {
  const manifest = readManifest(dir);
  const path = runsTablePath(dir, manifest);
  const r = readArrowFile(path);
  if (!r.ok) throw new ReportInputError('CorruptRunsTable', r.reason);
  const t = r.table;
  const cols = t.columnNames();
  for (const c of REQUIRED) {
    if (!cols.includes(c)) throw new ReportInputError('CorruptRunsTable', `${path} has no '${c}' column`);
  }
  if (t.numRows() > MAX_RUNS) throw new ReportInputError('CorruptRunsTable', `${path} has ${t.numRows()} rows (max ${MAX_RUNS})`);
  const gridParams = cols.filter((c) => c.startsWith('param.')).map((c) => c.slice('param.'.length));
  const kpis = cols.filter((c) => !NOT_KPI.has(c) && !c.startsWith('param.') && !c.endsWith('Planck')
    && isNumericColumn(t, c));
  const runs = t.objects().map((row, i) => toRun(row as Record<string, unknown>, gridParams, kpis, path, i));
  checkComplete(manifest, runs, dir);
  return { kind: 'sweep', dir, manifest, runsTable: t, runs, gridParams, kpis };
}

/** The time series of one run of the sweep, read from its run folder. */
export function readSweepRunTimeseries(sweep: SweepFolder, run: SweepRun): ColumnTable {
  return readTimeseries(runFolderPath(sweep.dir, sweep.manifest, run.runIndex));
}

export function hasRunTimeseries(sweep: SweepFolder, run: SweepRun): boolean {
  return existsSync(join(runFolderPath(sweep.dir, sweep.manifest, run.runIndex), 'timeseries.arrow'));
}

function readManifest(dir: string): Record<string, unknown> {
  const path = join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReportInputError('CorruptManifest', `${path} is not valid JSON (${(e as Error).message})`);
  }
  if (!isRecord(raw)) throw new ReportInputError('CorruptManifest', `${path} must hold a JSON object`);
  return raw;
}

function toRun(row: Record<string, unknown>, gridParams: readonly string[], kpis: readonly string[], path: string, i: number): SweepRun {
  const bad = (what: string): never => { throw new ReportInputError('CorruptRunsTable', `${path} row ${i}: ${what}`); };
  const runIndex = Number(row.runIndex);
  const pointIndex = Number(row.pointIndex);
  if (!Number.isInteger(runIndex) || runIndex < 0) bad(`runIndex '${String(row.runIndex)}' is not a non-negative integer`);
  if (!Number.isInteger(pointIndex) || pointIndex < 0) bad(`pointIndex '${String(row.pointIndex)}' is not a non-negative integer`);
  const seed = String(row.seed ?? '');
  if (!/^\d+$/.test(seed)) bad(`seed '${seed}' is not a decimal string`);
  const traceHash = String(row.traceHash ?? '');
  const params: Record<string, number | string> = {};
  for (const p of gridParams) {
    const v = row[`param.${p}`];
    params[p] = typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'bigint' ? Number(v) : bad(`param.${p} is empty`);
  }
  const k: Record<string, number> = {};
  for (const name of kpis) {
    const v = row[name];
    k[name] = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
  }
  return { runIndex, pointIndex, seed, traceHash, params, kpis: k };
}

function isNumericColumn(t: ColumnTable, name: string): boolean {
  const n = Math.min(t.numRows(), 8);
  for (let i = 0; i < n; i++) {
    const v = t.get(name, i);
    if (v !== null && v !== undefined && typeof v !== 'number' && typeof v !== 'bigint') return false;
  }
  return true;
}

function checkComplete(manifest: Record<string, unknown>, runs: readonly SweepRun[], dir: string): void {
  const seen = new Set<number>();
  for (const r of runs) {
    if (seen.has(r.runIndex)) throw new ReportInputError('CorruptRunsTable', `${dir}/runs.arrow lists run ${r.runIndex} twice`);
    seen.add(r.runIndex);
  }
  const total = expectedRunCount(manifest);
  const resume = `resume the sweep with 'bai-lab sweep --resume ${dir}'`;
  if (typeof manifest.status === 'string' && manifest.status !== 'complete') {
    const done = typeof manifest.completedRuns === 'number' ? `${manifest.completedRuns} of ${total ?? '?'} runs done` : 'not finished';
    throw new ReportInputError('IncompleteSweep', `${dir}: the manifest says the sweep is ${manifest.status} (${done}); ${resume}`);
  }
  if (total !== null && runs.length !== total) {
    throw new ReportInputError('IncompleteSweep', `${dir}: the runs table holds ${runs.length} of ${total} runs; ${resume}`);
  }
}

/** Total runs the manifest promises (sim/experiments writes `totalRuns`). */
function expectedRunCount(manifest: Record<string, unknown>): number | null {
  for (const key of ['totalRuns', 'runsTotal', 'runCount']) {
    const v = manifest[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  }
  return null;
}
