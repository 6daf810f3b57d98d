// timeseries.arrow: an Arrow IPC *file*, one row per simulated day: `day` (Int32), `block` (Int32), then one
// Float64 column per series KPI in definition order (keyed KPIs expand to `<name>.<key>`, keys sorted).
// Planck KPIs are converted to token units (BAI) for plotting; exact values live in summary.json.

import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { KpiDef, KpiValue, KpiValues } from './kpi.js';

export interface TimeseriesRow {
  readonly day: number;      // 1-based: the day that just ended
  readonly block: number;    // last block number of that day
  readonly values: Readonly<Record<string, number>>; // column name -> value (token units for planck KPIs)
}

/** Planck -> token units as a double, exact to the double's precision (split to avoid bigint -> Number overflow). */
export function planckToToken(v: bigint, decimals: number): number {
  const unit = 10n ** BigInt(decimals);
  const whole = v / unit, frac = v % unit;
  return Number(whole) + Number(frac) / Number(unit);
}

function scalar(def: KpiDef, v: KpiValue | undefined, decimals: number): number {
  if (typeof v === 'bigint') return def.unit === 'planck' ? planckToToken(v, decimals) : Number(v);
  if (typeof v === 'number') return v;
  return Number.NaN;
}

/** Turn one day's KPI values into a row with one number per series column. */
export function rowFromValues(day: number, block: number, defs: readonly KpiDef[], values: KpiValues, decimals: number): TimeseriesRow {
  const out: Record<string, number> = {};
  for (const d of defs) {
    if (!d.series) continue;
    const v = values[d.name];
    if (d.keyed) {
      const obj = (v ?? {}) as Record<string, bigint | number>;
      for (const k of Object.keys(obj).sort()) out[`${d.name}.${k}`] = scalar(d, obj[k], decimals);
    } else {
      out[d.name] = scalar(d, v, decimals);
    }
  }
  return { day, block, values: out };
}

/**
 * Column names in output order: every column of every row, in order of first appearance (rows are deterministic, so
 * is this order). A keyed KPI may gain keys during a run (e.g. a recipient that appears later): earlier rows hold
 * NaN there.
 */
export function timeseriesColumns(rows: readonly TimeseriesRow[]): string[] {
  const seen = new Set<string>();
  const cols: string[] = [];
  for (const r of rows) for (const c of Object.keys(r.values)) if (!seen.has(c)) { seen.add(c); cols.push(c); }
  return cols;
}

export function timeseriesToArrow(rows: readonly TimeseriesRow[]): Uint8Array {
  const cols = timeseriesColumns(rows);
  const data: Record<string, Int32Array | Float64Array> = {
    day: Int32Array.from(rows, (r) => r.day),
    block: Int32Array.from(rows, (r) => r.block),
  };
  for (const c of cols) data[c] = Float64Array.from(rows, (r) => r.values[c] ?? Number.NaN);
  return tableToIPC(tableFromArrays(data), 'file');
}

/** Read a timeseries.arrow back into rows (reports, tests). */
export function timeseriesFromArrow(bytes: Uint8Array): TimeseriesRow[] {
  const t = tableFromIPC(bytes);
  const names = t.schema.fields.map((f) => f.name);
  const cols = names.filter((n) => n !== 'day' && n !== 'block');
  const day = t.getChild('day')!, block = t.getChild('block')!;
  const vecs = cols.map((c) => t.getChild(c)!);
  const rows: TimeseriesRow[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const values: Record<string, number> = {};
    cols.forEach((c, j) => { values[c] = Number(vecs[j]!.get(i)); });
    rows.push({ day: Number(day.get(i)), block: Number(block.get(i)), values });
  }
  return rows;
}
