// sensitivity.json written by the experiments' Morris/Sobol method, read leniently into rows to chart:
// Morris: per parameter mu* and sigma; Sobol: per parameter first-order S1 and total ST indices.
import { existsSync, readFileSync } from 'node:fs';
import { ReportInputError } from '../errors.js';
import { isRecord } from './summary.js';

export interface SensitivityParam {
  readonly param: string;
  readonly muStar?: number;
  readonly sigma?: number;
  readonly mu?: number;
  readonly S1?: number;
  readonly ST?: number;
  readonly S1Conf?: number;  // confidence half-widths (sim/experiments: 95% bootstrap)
  readonly STConf?: number;
}

export interface Sensitivity {
  readonly method: string;
  readonly kpi: string;
  readonly params: readonly SensitivityParam[];
}

/** Entries of a sensitivity file; none when the sweep wrote none. */
export function readSensitivity(path: string): Sensitivity[] {
  if (!existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ReportInputError('CorruptSensitivity', `${path} is not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.results) ? raw.results : [raw];
  return list.map((entry, i) => parseEntry(entry, isRecord(raw) ? raw : {}, `${path}[${i}]`));
}

function parseEntry(entry: unknown, top: Record<string, unknown>, where: string): Sensitivity {
  if (!isRecord(entry)) throw new ReportInputError('CorruptSensitivity', `${where} must be an object`);
  const method = String(entry.method ?? top.method ?? 'morris');
  const kpi = String(entry.kpi ?? top.kpi ?? '');
  const rawParams = entry.params ?? entry.parameters ?? entry.indices;
  const items: [string, unknown][] = Array.isArray(rawParams)
    ? rawParams.map((p) => [isRecord(p) ? String(p.param ?? p.path ?? p.name ?? '') : '', p])
    : isRecord(rawParams) ? Object.entries(rawParams) : [];
  if (!kpi || items.length === 0) {
    throw new ReportInputError('CorruptSensitivity', `${where} needs 'kpi' and a non-empty 'params' list`);
  }
  const params = items.map(([name, p]) => {
    if (!isRecord(p) || !name) throw new ReportInputError('CorruptSensitivity', `${where}: each parameter needs a name and numbers`);
    const n = (k: string): number | undefined => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
    return { param: name, muStar: n('muStar') ?? n('mu_star'), sigma: n('sigma'), mu: n('mu'), S1: n('S1') ?? n('s1') ?? n('firstOrder'), ST: n('ST') ?? n('st') ?? n('total'),
      S1Conf: n('S1Conf') ?? n('s1Conf'), STConf: n('STConf') ?? n('stConf') };
  });
  return { method, kpi, params };
}
