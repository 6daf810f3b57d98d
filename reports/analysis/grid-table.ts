// Per-grid-point tables of KPI mean/p5/p95 over the seeds run at that point, computed with arquero over the
// runs table. Percentiles are type-7 (same definition as stats.ts and the bands).
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

export interface KpiStats { readonly mean: number; readonly p5: number; readonly p95: number }

export interface GridPointStats {
  readonly pointIndex: number;
  readonly params: Readonly<Record<string, number | string>>;
  readonly n: number;
  readonly kpis: Readonly<Record<string, KpiStats>>;
}

export function gridPointStats(runs: ColumnTable, gridParams: readonly string[], kpis: readonly string[]): GridPointStats[] {
  const rollup: Record<string, unknown> = { n: aq.op.count() };
  for (const p of gridParams) rollup[`param.${p}`] = aq.op.any(`param.${p}`);
  for (const k of kpis) {
    rollup[`${k}|mean`] = aq.op.mean(k);
    rollup[`${k}|p5`] = aq.op.quantile(k, 0.05);
    rollup[`${k}|p95`] = aq.op.quantile(k, 0.95);
  }
  const t = runs.groupby('pointIndex').rollup(rollup as never).orderby('pointIndex');
  return (t.objects() as Record<string, unknown>[]).map((row) => {
    const params: Record<string, number | string> = {};
    for (const p of gridParams) params[p] = row[`param.${p}`] as number | string;
    const stats: Record<string, KpiStats> = {};
    for (const k of kpis) {
      stats[k] = { mean: num(row[`${k}|mean`]), p5: num(row[`${k}|p5`]), p95: num(row[`${k}|p95`]) };
    }
    return { pointIndex: Number(row.pointIndex), params, n: Number(row.n), kpis: stats };
  });
}

export function pointLabel(params: Readonly<Record<string, number | string>>): string {
  const keys = Object.keys(params);
  if (keys.length === 0) return 'baseline';
  return keys.map((k) => `${shortPath(k)}=${String(params[k])}`).join(', ');
}

/** The last two segments of a parameter path: `emissions.split.stakers` -> `split.stakers`. */
export function shortPath(path: string): string {
  const parts = path.split('.');
  return parts.slice(-2).join('.');
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number.NaN;
}
