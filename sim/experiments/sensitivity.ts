// Sensitivity analysis over a finished sweep: y(point) = mean of the chosen KPI over the point's replicates
// (summed in replicate order), then Morris or Sobol indices. Writes DIR/sensitivity.json, which the report
// charts (ranking bars of mu* with sigma, or S1/ST with confidence intervals).
import type { Table } from 'apache-arrow';
import { SweepOptionError, SweepRunError } from './errors.js';
import { designRng, type Factor } from './factors.js';
import { morrisAnalyze, type MorrisDesign } from './morris.js';
import { sobolAnalyze, type SobolDesign } from './sobol.js';
import { writeFileAtomic } from './atomic.js';

export const SENSITIVITY_FILE = 'sensitivity.json';

/** Per-point mean of `kpi` from the runs table (rows in run-index order, runsPerPoint per point). */
export function pointMeans(table: Table, kpi: string, pointCount: number, runsPerPoint: number): number[] {
  const col = table.getChild(kpi);
  if (!col) {
    const names = table.schema.fields.map((f) => f.name).filter((n) => !/^(runIndex|pointIndex|replicate|seed|traceHash|stateRoot|param\.)/.test(n) && !n.endsWith('Planck'));
    throw new SweepOptionError(`--kpi ${kpi}: no such KPI in the runs table (KPIs: ${names.join(', ')})`);
  }
  if (table.numRows !== pointCount * runsPerPoint) throw new RangeError(`runs table has ${table.numRows} rows, expected ${pointCount * runsPerPoint}`);
  const means: number[] = [];
  for (let p = 0; p < pointCount; p++) {
    let sum = 0;
    for (let m = 0; m < runsPerPoint; m++) {
      const row = p * runsPerPoint + m;
      const v = col.get(row) as unknown;
      const x = typeof v === 'bigint' ? Number(v) : v;
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new SweepRunError(row, `KPI ${kpi} is ${String(v)}, not a finite number: cannot rank parameters by it`);
      }
      sum += x;
    }
    means.push(sum / runsPerPoint);
  }
  return means;
}

export interface SensitivityInput {
  readonly method: 'morris' | 'sobol';
  readonly kpi: string;
  readonly rootSeed: bigint;
  readonly runsPerPoint: number;
  readonly factors: readonly Factor[];
  readonly morris?: MorrisDesign;
  readonly sobol?: SobolDesign;
}

export function analyze(table: Table, s: SensitivityInput): Record<string, unknown> {
  const k = s.factors.length;
  const factors = s.factors.map((f) => ({ path: f.spec.path, kind: f.spec.kind, ...(f.range ? { range: f.range } : { levels: f.levels }) }));
  const base = { kind: 'bai-lab/sensitivity', version: 1, method: s.method, kpi: s.kpi, runsPerPoint: s.runsPerPoint, factors };
  if (s.method === 'morris') {
    const d = s.morris!;
    const y = pointMeans(table, s.kpi, d.r * (k + 1), s.runsPerPoint);
    const yt = d.trajectories.map((_, t) => y.slice(t * (k + 1), (t + 1) * (k + 1)));
    const { effects, indices } = morrisAnalyze(s.factors, d, yt);
    return {
      ...base,
      trajectories: d.r,
      levels: d.levels,
      note: 'mu, mu* and sigma are in KPI units per full parameter range (unit-scale elementary effects); rank by mu*',
      indices,
      effects,
      pointMeans: y,
    };
  }
  const d = s.sobol!;
  const y = pointMeans(table, s.kpi, d.n * (k + 2), s.runsPerPoint);
  const ranking = sobolAnalyze(s.factors, d, y, designRng(s.rootSeed, 'sobol-bootstrap'));
  return {
    ...base,
    samples: d.n,
    note: 'S1 first-order (Saltelli 2010), ST total-order (Jansen); conf = 95% bootstrap half-width; rank by ST',
    indices: ranking,
    pointMeans: y,
  };
}

export function writeSensitivity(dir: string, result: Record<string, unknown>): void {
  writeFileAtomic(dir, SENSITIVITY_FILE, JSON.stringify(result, null, 2) + '\n');
}
