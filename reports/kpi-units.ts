// Unit labels for KPIs. Token amounts are recognised from the data itself (exact planck strings in summary.json,
// or a `<kpi>Planck` column in the runs table) and plotted in token units; other KPIs keep their name.
export function unitLabel(kpi: string, planckKpis: ReadonlySet<string>, tokenSymbol: string): string {
  return planckKpis.has(kpi) ? tokenSymbol : '';
}
