// Staking-agent KPIs (owner: agents): the exogenous price, the outside yield, how many stakers are in, and how often
// agents changed their minds. Counters are cumulative; the plugin keeps them in its checkpointed state.

import type { KpiDef, KpiSource, KpiValues } from '../kpi.js';

export const AGENTS_KPIS: readonly KpiDef[] = [
  { name: 'baiPriceUsd', unit: 'ratio', series: true, description: 'Exogenous BAI price in USD (agents.price: GBM or CSV).' },
  { name: 'outsideYield', unit: 'ratio', series: true, description: 'Annual outside yield nominators compare staking APY with (agents.nominators).' },
  { name: 'validatorCandidates', unit: 'count', series: true, description: 'Accounts registered to validate (staking Validators map), all populations.' },
  { name: 'activeNominators', unit: 'count', series: true, description: 'Accounts nominating (staking Nominators map), all populations.' },
  { name: 'meanCommission', unit: 'ratio', series: true, description: 'Mean commission over validator candidates.' },
  { name: 'validatorsEntered', unit: 'count', series: true, description: 'Validator agents that bonded and started validating after genesis (cumulative).' },
  { name: 'validatorsLeft', unit: 'count', series: true, description: 'Validator agents that chilled and unbonded (cumulative).' },
  { name: 'commissionChanges', unit: 'count', series: true, description: 'Commission changes submitted by validator agents (cumulative).' },
  { name: 'nominatorsEntered', unit: 'count', series: true, description: 'Nominator agents that bonded and nominated after genesis (cumulative).' },
  { name: 'nominatorsLeft', unit: 'count', series: true, description: 'Nominator agents that chilled and unbonded (cumulative).' },
  { name: 'nominatorsRebalanced', unit: 'count', series: true, description: 'Re-nominations by nominator agents chasing yield (cumulative).' },
  { name: 'proposals', unit: 'count', series: true, description: 'Treasury proposals put to the voter agents (agents.voters; cumulative).' },
  { name: 'proposalsPassed', unit: 'count', series: true, description: 'Proposals a stake majority approved (Root treasury.spend; cumulative).' },
  { name: 'spamTransfers', unit: 'count', series: true, description: 'Transfers submitted by the spammer (agents.spam; cumulative).' },
];

export interface AgentsReads {
  priceUsd(): number;
  outsideYield(): number;
  candidates(): number;
  nominators(): number;
  meanCommission(): number;
  counters(): Readonly<Record<'validatorsEntered' | 'validatorsLeft' | 'commissionChanges' | 'nominatorsEntered' | 'nominatorsLeft' | 'nominatorsRebalanced' | 'spamTransfers' | 'proposals' | 'proposalsPassed', number>>;
}

/** Reads the plugin's state and the chain; stateless itself (the plugin checkpoints its counters). */
export class AgentsSource implements KpiSource {
  readonly defs = AGENTS_KPIS;
  constructor(private readonly r: AgentsReads) {}
  sample(): KpiValues {
    return {
      baiPriceUsd: this.r.priceUsd(), outsideYield: this.r.outsideYield(), validatorCandidates: this.r.candidates(),
      activeNominators: this.r.nominators(), meanCommission: this.r.meanCommission(), ...this.r.counters(),
    };
  }
  snapshot(): unknown { return null; }
  restoreSnapshot(): void { /* stateless */ }
}
