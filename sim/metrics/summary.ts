// summary.json (output contract in CONTRACTS.md): scenario, scenarioFile, seed (decimal string), days, traceHash,
// stateRoot, token {symbol, decimals}, params (flattened scenario leaves), kpis, labVersion.
// KPI values: planck amounts as exact decimal strings; ratios and counts as numbers; keyed KPIs as objects.

import type { KpiDef, KpiValue, KpiValues } from './kpi.js';

export const LAB_VERSION = '0.1.0';

export interface Summary {
  scenario: string;
  scenarioFile: string;
  seed: string;
  days: number;
  blocks: number;
  traceHash: string;
  stateRoot: string;
  token: { symbol: string; decimals: number };
  params: Record<string, unknown>;
  kpis: Record<string, number | string | Record<string, number | string>>;
  labVersion: string;
}

function jsonScalar(v: bigint | number): number | string {
  if (typeof v === 'bigint') return v.toString();
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : v < 0 ? '-Infinity' : 'NaN';
  return v;
}

/** KPI values in definition order, converted for JSON (planck -> decimal string). Unknown names are errors. */
export function kpisForJson(defs: readonly KpiDef[], values: KpiValues): Summary['kpis'] {
  const out: Summary['kpis'] = {};
  for (const d of defs) {
    const v: KpiValue | undefined = values[d.name];
    if (v === undefined) throw new Error(`summary: KPI ${d.name} has no value`);
    if (typeof v === 'object') {
      const o: Record<string, number | string> = {};
      for (const k of Object.keys(v).sort()) o[k] = jsonScalar(v[k]!);
      out[d.name] = o;
    } else out[d.name] = jsonScalar(v);
  }
  for (const k of Object.keys(values)) {
    if (!defs.some((d) => d.name === k)) throw new Error(`summary: value for undefined KPI ${k}`);
  }
  return out;
}

/** Stable, human-readable JSON text (two-space indent, trailing newline). */
export function summaryText(s: Summary): string {
  return JSON.stringify(s, null, 2) + '\n';
}
