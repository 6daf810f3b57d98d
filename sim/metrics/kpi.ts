// A KPI is defined once, in sim/metrics/kpis/<domain>.ts, with its unit; reports read KPIs by name.
//
// Units: 'planck' values are exact bigint (summary.json: decimal strings in planck; timeseries.arrow: Float64 in
// token units, i.e. BAI, for plotting). 'ratio' is a plain number (0.5 = 50%); 'count'/'blocks'/'seconds' numbers.

export type KpiUnit = 'planck' | 'ratio' | 'count' | 'blocks' | 'seconds' | 'percent';

export interface KpiDef {
  readonly name: string;
  readonly unit: KpiUnit;
  readonly description: string;
  /** true: one value per day in timeseries.arrow; false: summary only. */
  readonly series: boolean;
  /** Map-valued KPI (e.g. emittedTo): an object of named values of `unit`; series columns are `<name>.<key>`. */
  readonly keyed?: boolean;
}

export type KpiScalar = bigint | number;
export type KpiValue = KpiScalar | Readonly<Record<string, KpiScalar>>;
export type KpiValues = Record<string, KpiValue>;

/** A provider of KPI values: a domain (economics, consensus, marketplace) reading the world's state. */
export interface KpiSource {
  readonly defs: readonly KpiDef[];
  /** Called after every block (cheap: accumulate only). */
  afterBlock?(blockNumber: number): void;
  /** Values at the end of a day (or the run). */
  sample(): KpiValues;
  /** Plain-data state for checkpoints (bigint allowed). */
  snapshot(): unknown;
  restoreSnapshot(s: unknown): void;
}
