// The metrics collector: asks every KPI source for its values at each day end, keeps one timeseries row per day,
// and produces the final KPI values for summary.json. Its state (rows so far, sources' state) is checkpointed.

import type { KpiDef, KpiSource, KpiValues } from './kpi.js';
import { rowFromValues, type TimeseriesRow } from './timeseries.js';

export class Collector {
  readonly defs: readonly KpiDef[];
  private rows: TimeseriesRow[] = [];

  constructor(private readonly sources: readonly KpiSource[], private readonly decimals: number) {
    const defs = sources.flatMap((s) => s.defs);
    const names = new Set<string>();
    for (const d of defs) {
      if (names.has(d.name)) throw new Error(`metrics: KPI ${d.name} defined twice`);
      names.add(d.name);
    }
    this.defs = defs;
  }

  afterBlock(blockNumber: number): void {
    for (const s of this.sources) s.afterBlock?.(blockNumber);
  }

  values(): KpiValues {
    const out: KpiValues = {};
    for (const s of this.sources) Object.assign(out, s.sample());
    return out;
  }

  /** Record the row of the day that just ended (1-based day). */
  endDay(day: number, block: number): TimeseriesRow {
    const row = rowFromValues(day, block, this.defs, this.values(), this.decimals);
    this.rows.push(row);
    return row;
  }

  get timeseries(): readonly TimeseriesRow[] { return this.rows; }

  snapshot(): unknown { return { rows: this.rows, sources: this.sources.map((s) => s.snapshot()) }; }
  restoreSnapshot(s: unknown): void {
    const snap = s as { rows: TimeseriesRow[]; sources: unknown[] };
    if (!Array.isArray(snap.rows) || !Array.isArray(snap.sources) || snap.sources.length !== this.sources.length) {
      throw new Error('collector snapshot: shape differs from this run\'s KPI sources');
    }
    this.rows = snap.rows.slice();
    this.sources.forEach((src, i) => src.restoreSnapshot(snap.sources[i]));
  }
}
