// Chain activity KPIs: how much the workload/agents asked of the chain and what it did with it.

import type { KpiDef, KpiSource, KpiValues } from '../kpi.js';

export const ACTIVITY_KPIS: readonly KpiDef[] = [
  { name: 'blocks', unit: 'blocks', series: true, description: 'Blocks produced so far.' },
  { name: 'extrinsics', unit: 'count', series: true, description: 'Extrinsics included whose call succeeded (cumulative).' },
  { name: 'failedExtrinsics', unit: 'count', series: true, description: 'Extrinsics rejected before inclusion or whose call failed (cumulative).' },
  { name: 'droppedExtrinsics', unit: 'count', series: true, description: 'Extrinsics dropped because the transaction pool was full (cumulative).' },
];

export interface ActivityReads { blocks(): number; applied(): number; failed(): number; dropped(): number }

/** Reads counters the world keeps itself (and checkpoints with the world), so it has no state of its own. */
export class ActivitySource implements KpiSource {
  readonly defs = ACTIVITY_KPIS;
  constructor(private readonly r: ActivityReads) {}
  sample(): KpiValues {
    return { blocks: this.r.blocks(), extrinsics: this.r.applied(), failedExtrinsics: this.r.failed(), droppedExtrinsics: this.r.dropped() };
  }
  snapshot(): unknown { return null; }
  restoreSnapshot(): void { /* stateless */ }
}
