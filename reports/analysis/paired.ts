// Pairing two result folders run by run (same grid point, same seed) and the paired KPI deltas
// proposal − base with a 90% percentile-bootstrap interval of the mean delta (seeded, so reproducible).
import { ReportInputError } from '../errors.js';
import type { ResultsFolder } from '../results/folder.js';
import { bootstrapMeanInterval, mean, type Interval } from '../stats.js';

export const INTERVAL_LEVEL = 0.9;

export interface Observation {
  readonly key: string;            // `${pointIndex}|${seed}`
  readonly pointIndex: number;
  readonly seed: string;
  readonly runIndex: number | null;
  readonly params: Readonly<Record<string, number | string>>;  // grid parameters (empty for a run folder)
  readonly kpis: Readonly<Record<string, number>>;
  readonly traceHash: string;
}

export interface Pair { readonly base: Observation; readonly proposal: Observation }

export interface KpiDelta {
  readonly kpi: string;
  readonly pointIndex: number | null;  // null = pooled over every pair
  readonly n: number;
  readonly baseMean: number;
  readonly proposalMean: number;
  readonly meanDelta: number;
  readonly interval: Interval | null;  // null with fewer than 2 pairs
  readonly pctDelta: number | null;    // meanDelta / |baseMean| × 100; null when baseMean is 0
}

export function observations(r: ResultsFolder): Observation[] {
  if (r.kind === 'run') {
    const s = r.summary;
    return [{ key: `0|${s.seed}`, pointIndex: 0, seed: s.seed, runIndex: null, params: {}, kpis: s.kpis, traceHash: s.traceHash }];
  }
  return r.runs.map((run) => ({
    key: `${run.pointIndex}|${run.seed}`, pointIndex: run.pointIndex, seed: run.seed, runIndex: run.runIndex,
    params: run.params, kpis: run.kpis, traceHash: run.traceHash,
  }));
}

/** Match runs by (grid point, seed); refuse folders that cannot be compared like for like. */
export function pairRuns(base: ResultsFolder, proposal: ResultsFolder): Pair[] {
  const mismatch = (why: string): never => { throw new ReportInputError('MismatchedFolders', `${base.dir} vs ${proposal.dir}: ${why}`); };
  if (base.kind !== proposal.kind) mismatch(`base is a ${base.kind} folder, proposal is a ${proposal.kind} folder`);
  if (base.kind === 'run' && proposal.kind === 'run' && base.summary.days !== proposal.summary.days) {
    mismatch(`base ran ${base.summary.days} days, proposal ${proposal.summary.days}`);
  }
  if (base.kind === 'sweep' && proposal.kind === 'sweep') {
    const a = base.gridParams.join(','), b = proposal.gridParams.join(',');
    if (a !== b) mismatch(`grid parameters differ: [${a}] vs [${b}]`);
    const da = base.manifest.days, db = proposal.manifest.days;
    if (typeof da === 'number' && typeof db === 'number' && da !== db) mismatch(`base ran ${da} days, proposal ${db}`);
  }
  const b = observations(base), p = observations(proposal);
  const pMap = new Map(p.map((o) => [o.key, o]));
  const bKeys = new Set(b.map((o) => o.key));
  const onlyBase = b.filter((o) => !pMap.has(o.key)).map(describe);
  const onlyProp = p.filter((o) => !bKeys.has(o.key)).map(describe);
  if (onlyBase.length || onlyProp.length) {
    const list = (xs: string[]): string => xs.slice(0, 3).join('; ') + (xs.length > 3 ? `; … (${xs.length} in all)` : '');
    mismatch(`runs do not pair by grid point and seed: only in base: ${onlyBase.length ? list(onlyBase) : 'none'}; only in proposal: ${onlyProp.length ? list(onlyProp) : 'none'}`);
  }
  const pairs = b.map((o) => ({ base: o, proposal: pMap.get(o.key)! }));
  for (const pr of pairs) {
    for (const k of Object.keys(pr.base.params)) {
      if (pr.base.params[k] !== pr.proposal.params[k]) {
        mismatch(`grid point ${pr.base.pointIndex} has ${k}=${String(pr.base.params[k])} in base but ${String(pr.proposal.params[k])} in proposal`);
      }
    }
  }
  if (pairs.length === 0) mismatch('no runs to pair');
  return pairs;
}

function describe(o: Observation): string {
  return `point ${o.pointIndex} seed ${o.seed}`;
}

/** KPIs present in both folders, in the base's order. */
export function commonKpis(pairs: readonly Pair[]): string[] {
  const first = pairs[0]!;
  return Object.keys(first.base.kpis).filter((k) => k in first.proposal.kpis);
}

export function kpiDelta(kpi: string, pairs: readonly Pair[], pointIndex: number | null): KpiDelta {
  const usable = pairs.filter((p) => Number.isFinite(p.base.kpis[kpi]) && Number.isFinite(p.proposal.kpis[kpi]));
  const bs = usable.map((p) => p.base.kpis[kpi]!);
  const ps = usable.map((p) => p.proposal.kpis[kpi]!);
  const deltas = usable.map((p) => p.proposal.kpis[kpi]! - p.base.kpis[kpi]!);
  const baseMean = mean(bs);
  const meanDelta = mean(deltas);
  const interval = bootstrapMeanInterval(deltas, INTERVAL_LEVEL, `compare:${kpi}:${pointIndex ?? 'all'}`);
  return {
    kpi, pointIndex, n: usable.length, baseMean, proposalMean: mean(ps), meanDelta, interval,
    pctDelta: baseMean !== 0 && Number.isFinite(baseMean) ? (meanDelta / Math.abs(baseMean)) * 100 : null,
  };
}
