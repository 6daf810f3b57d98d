// summary.json of one run (output contract): validated into a typed record, with KPIs flattened to numbers
// for analysis. Token amounts arrive as exact planck decimal strings; they are kept exact in `kpisExact` and
// converted to token units (BAI) as Float64 for statistics and plots, like the runs table does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportInputError } from '../errors.js';

export interface RunSummary {
  readonly scenario: string;
  readonly scenarioFile: string | null;
  readonly seed: string;
  readonly days: number;
  readonly traceHash: string;
  readonly stateRoot: string;
  readonly token: { readonly symbol: string; readonly decimals: number };
  readonly params: Readonly<Record<string, unknown>>;
  readonly labVersion: string;
  /** Flattened KPI path -> number (planck amounts in token units). */
  readonly kpis: Readonly<Record<string, number>>;
  /** Flattened KPI path -> exact planck string, for token-amount KPIs only. */
  readonly kpisExact: Readonly<Record<string, string>>;
}

const PLANCK = /^-?\d+$/;
const HEX = /^0x[0-9a-fA-F]*$/;
const MAX_KPI_DEPTH = 4;

export function readSummary(dir: string): RunSummary {
  const path = join(dir, 'summary.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `not valid JSON (${(e as Error).message})`;
    throw new ReportInputError('CorruptSummary', `${path} is ${why}`);
  }
  return parseSummary(raw, path);
}

export function parseSummary(raw: unknown, path: string): RunSummary {
  const bad = (field: string, expected: string): never => {
    throw new ReportInputError('CorruptSummary', `${path}: field '${field}' must be ${expected}`);
  };
  if (!isRecord(raw)) return bad('(root)', 'an object');
  const str = (k: string): string => (typeof raw[k] === 'string' ? (raw[k] as string) : bad(k, 'a string'));
  const seed = str('seed');
  if (!/^\d+$/.test(seed)) bad('seed', 'a decimal string');
  const days = raw.days;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0) bad('days', 'a non-negative integer');
  const traceHash = str('traceHash');
  if (!HEX.test(traceHash)) bad('traceHash', 'a 0x hex string');
  const stateRoot = str('stateRoot');
  if (!HEX.test(stateRoot)) bad('stateRoot', 'a 0x hex string');
  const token = raw.token;
  if (!isRecord(token) || typeof token.symbol !== 'string' || typeof token.decimals !== 'number'
    || !Number.isInteger(token.decimals) || token.decimals < 0 || token.decimals > 36) {
    bad('token', 'an object {symbol: string, decimals: integer 0..36}');
  }
  const tok = token as { symbol: string; decimals: number };
  if (!isRecord(raw.params)) bad('params', 'an object');
  if (!isRecord(raw.kpis)) bad('kpis', 'an object');
  const kpis: Record<string, number> = {};
  const kpisExact: Record<string, string> = {};
  flattenKpis(raw.kpis as Record<string, unknown>, '', 0, tok.decimals, kpis, kpisExact, (f) => bad(`kpis.${f}`, 'a number, a planck decimal string or an object of those'));
  return {
    scenario: str('scenario'),
    scenarioFile: typeof raw.scenarioFile === 'string' ? raw.scenarioFile : null,
    seed, days: days as number, traceHash, stateRoot,
    token: { symbol: tok.symbol, decimals: tok.decimals },
    params: raw.params as Record<string, unknown>,
    labVersion: typeof raw.labVersion === 'string' ? raw.labVersion : 'unknown',
    kpis, kpisExact,
  };
}

function flattenKpis(
  obj: Record<string, unknown>, prefix: string, depth: number, decimals: number,
  out: Record<string, number>, exact: Record<string, string>, fail: (field: string) => never,
): void {
  for (const key of Object.keys(obj).sort()) {
    const name = prefix ? `${prefix}.${key}` : key;
    const v = obj[key];
    if (typeof v === 'number') out[name] = v;
    else if (v === null) out[name] = Number.NaN; // a KPI undefined for this run (e.g. a ratio over zero)
    else if (typeof v === 'string' && PLANCK.test(v)) {
      exact[name] = v;
      out[name] = planckToTokens(BigInt(v), decimals);
    } else if (isRecord(v) && depth < MAX_KPI_DEPTH) flattenKpis(v, name, depth + 1, decimals, out, exact, fail);
    else fail(name);
  }
}

/** Exact integer part plus the fraction, so large planck amounts lose only Float64 rounding, not digits. */
export function planckToTokens(planck: bigint, decimals: number): number {
  const unit = 10n ** BigInt(decimals);
  const whole = planck / unit;
  const frac = planck % unit;
  return Number(whole) + Number(frac) / Number(unit);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
