// Consensus KPIs: block production, forks and orphans, finality lag, missed slots, slashed equivocations.
// Values come from the consensus observer (sim/node/observer.ts) of whichever fidelity the scenario selects.
// Definitions: orphanRate = produced blocks at finalized heights that are not canonical / produced blocks at those
// heights; forkRate = finalized heights at which more than one block was produced / finalized heights; finality lag
// of a canonical block = time (or best-chain blocks) from its production to its first honest finalization.
import type { KpiDef, KpiSource, KpiValues } from '../kpi.js';

export const CONSENSUS_KPIS: readonly KpiDef[] = [
  { name: 'blocksProduced', unit: 'count', series: true, description: 'Blocks authored by all validators, forks and equivocations included.' },
  { name: 'orphanRate', unit: 'ratio', series: true, description: 'Share of blocks at finalized heights that ended off the finalized chain.' },
  { name: 'forkRate', unit: 'ratio', series: true, description: 'Share of finalized heights where more than one block was produced.' },
  { name: 'finalityLagP50Blocks', unit: 'blocks', series: true, description: 'Median finality lag in blocks (finalizer\'s best height minus the block\'s height).' },
  { name: 'finalityLagP95Blocks', unit: 'blocks', series: true, description: '95th percentile finality lag in blocks.' },
  { name: 'finalityLagP50Seconds', unit: 'seconds', series: true, description: 'Median time from a block leaving its author to its first honest finalization.' },
  { name: 'finalityLagP95Seconds', unit: 'seconds', series: true, description: '95th percentile finality lag in seconds.' },
  { name: 'slotsMissed', unit: 'count', series: true, description: 'Slots in which no validator authored any block.' },
  { name: 'equivocationsSlashed', unit: 'count', series: true, description: 'Equivocations (BABE double blocks, GRANDPA double votes) detected and reported for slashing.' },
];

/** The subset of ConsensusStats the KPIs read (kept structural: metrics do not depend on sim/node). */
export interface ConsensusReads {
  readonly blocksProduced: number;
  readonly orphanRate: number;
  readonly forkRate: number;
  readonly finalityLagP50Blocks: number;
  readonly finalityLagP95Blocks: number;
  readonly finalityLagP50Seconds: number;
  readonly finalityLagP95Seconds: number;
  readonly slotsMissed: number;
  readonly equivocationsSlashed: number;
}

/** Cumulative values since genesis at each sample. State lives in the consensus source (its own snapshot). */
export class ConsensusKpiSource implements KpiSource {
  readonly defs = CONSENSUS_KPIS;
  constructor(private readonly read: () => ConsensusReads) {}
  sample(): KpiValues {
    const s = this.read();
    const out: KpiValues = {};
    for (const d of CONSENSUS_KPIS) out[d.name] = s[d.name as keyof ConsensusReads];
    return out;
  }
  snapshot(): unknown { return null; }
  restoreSnapshot(): void { /* stateless: reads the consensus source */ }
}
