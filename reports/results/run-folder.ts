// One run's output folder: summary.json + timeseries.arrow (output contract).
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import { ReportInputError } from '../errors.js';
import { readArrowFile } from './arrow-file.js';
import { readSummary, type RunSummary } from './summary.js';

export interface RunFolder {
  readonly kind: 'run';
  readonly dir: string;
  readonly summary: RunSummary;
  readonly timeseries: ColumnTable;
  /** Float64 KPI columns of the time series (every column except day and block), in file order. */
  readonly seriesKpis: readonly string[];
}

export function loadRunFolder(dir: string): RunFolder {
  const summary = readSummary(dir);
  const timeseries = readTimeseries(dir);
  return { kind: 'run', dir, summary, timeseries, seriesKpis: seriesKpiColumns(timeseries) };
}

export function readTimeseries(dir: string): ColumnTable {
  const path = join(dir, 'timeseries.arrow');
  const r = readArrowFile(path);
  if (!r.ok) throw new ReportInputError('CorruptTimeseries', r.reason);
  const names = r.table.columnNames();
  if (!names.includes('day')) throw new ReportInputError('CorruptTimeseries', `${path} has no 'day' column`);
  return r.table;
}

export function seriesKpiColumns(t: ColumnTable): string[] {
  return t.columnNames().filter((c) => c !== 'day' && c !== 'block');
}
