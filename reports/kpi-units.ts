// What reports know about a KPI beyond its name: its definition in sim/metrics/kpis/<domain>.ts (unit, description;
// reports read KPIs by name, defined once there). Token amounts are also recognised from the data itself (exact
// planck strings in summary.json, a `<kpi>Planck` column in the runs table) and plotted in token units.
import type { KpiDef } from '../sim/metrics/kpi.js';
import { ACTIVITY_KPIS } from '../sim/metrics/kpis/activity.js';
import { AGENTS_KPIS } from '../sim/metrics/kpis/agents.js';
import { CONSENSUS_KPIS } from '../sim/metrics/kpis/consensus.js';
import { ECONOMICS_KPIS } from '../sim/metrics/kpis/economics.js';
import { MARKETPLACE_KPIS } from '../sim/metrics/kpis/marketplace.js';

const DEFS = new Map<string, KpiDef>(
  [...ECONOMICS_KPIS, ...ACTIVITY_KPIS, ...CONSENSUS_KPIS, ...MARKETPLACE_KPIS, ...AGENTS_KPIS].map((d) => [d.name, d]));

/** The definition of a KPI by name; keyed KPIs (`emittedTo.stakers`) resolve to their map's definition. */
export function kpiDef(name: string): KpiDef | undefined {
  return DEFS.get(name) ?? DEFS.get(name.split('.')[0]!);
}

const UNIT_LABEL: Record<string, string> = { ratio: 'ratio', percent: '%', count: 'count', blocks: 'blocks', seconds: 's' };

export function unitLabel(kpi: string, planckKpis: ReadonlySet<string>, tokenSymbol: string): string {
  const def = kpiDef(kpi);
  if (planckKpis.has(kpi) || def?.unit === 'planck') return tokenSymbol;
  return def ? UNIT_LABEL[def.unit] ?? '' : '';
}

export function kpiDescription(kpi: string): string {
  return kpiDef(kpi)?.description ?? '';
}
