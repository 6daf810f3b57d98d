// KPI time series with percentile bands across seeds: for every (group, day) the p5/p50/p95 of each KPI over the
// runs in the group (type-7 quantiles via arquero's op.quantile). A group is a grid point of a sweep, or the single
// run of a run folder (then p5 = p50 = p95 = the run's value).
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export interface SeriesInput {
  readonly group: string;        // label of the grid point
  readonly table: ColumnTable;   // one run's timeseries (day, block, KPI columns)
}

export interface BandRow {
  readonly group: string;
  readonly day: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
  readonly n: number;
}

export const BAND_QUANTILES = { p5: 0.05, p50: 0.5, p95: 0.95 } as const;

/** One wide table: group, day, n, then `<kpi>|p5`, `<kpi>|p50`, `<kpi>|p95` for each KPI. */
export function percentileBands(inputs: readonly SeriesInput[], kpis: readonly string[]): ColumnTable {
  if (inputs.length === 0) throw new RangeError('percentileBands needs at least one run');
  const parts = inputs.map((s) => s.table.select('day', ...kpis.filter((k) => s.table.columnNames().includes(k)))
    .derive({ group: aq.escape(() => s.group) }));
  const all = parts.length === 1 ? parts[0]! : parts[0]!.concat(...parts.slice(1));
  const rollup: Record<string, unknown> = { n: aq.op.count() };
  for (const k of kpis) {
    for (const [q, p] of Object.entries(BAND_QUANTILES)) rollup[`${k}|${q}`] = aq.op.quantile(k, p);
  }
  return all.groupby('group', 'day').rollup(rollup as never).orderby('group', 'day');
}

/** Long rows of one KPI's band, for a chart. Rows with no finite p50 are dropped (KPI undefined that day). */
export function bandRows(bands: ColumnTable, kpi: string): BandRow[] {
  const out: BandRow[] = [];
  const n = bands.numRows();
  for (let i = 0; i < n; i++) {
    const p50 = bands.get(`${kpi}|p50`, i) as number | null;
    if (typeof p50 !== 'number' || !Number.isFinite(p50)) continue;
    out.push({
      group: String(bands.get('group', i)), day: Number(bands.get('day', i)),
      p5: bands.get(`${kpi}|p5`, i) as number, p50, p95: bands.get(`${kpi}|p95`, i) as number,
      n: Number(bands.get('n', i)),
    });
  }
  return out;
}
