// The runs table: one row per run, in run-index order, built only from stored run results, so its bytes do not
// depend on the number of workers, the backend or the completion order. Columns (output contract):
//   runIndex Int32, pointIndex Int32, replicate Int32, seed Utf8 (decimal u64),
//   param.<path> per swept parameter (Float64 when numeric, else Utf8), traceHash Utf8, stateRoot Utf8,
//   then one column per KPI, sorted by name; nested KPI objects flatten to dotted names (emittedTo.stakers).
//   Planck KPIs (exact decimal strings in summary.json) are Float64 in token units plus `<kpi>Planck` Utf8.
import { Bool, Float64, Int32, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatPlanck } from '../../protocol/primitives/units.js';
import { RunsTableError } from './errors.js';
import type { PlannedPoint, PlannedRun } from './grid.js';
import type { ParamSpec } from './param-space.js';

export const RUNS_TABLE_FILE = 'runs.arrow';

type Cell = number | string | boolean | null;
type KpiType = 'f64' | 'planck' | 'utf8' | 'bool';

export interface RunsTableInput {
  readonly runs: readonly PlannedRun[];
  readonly points: readonly PlannedPoint[];
  readonly params: readonly ParamSpec[];
  readonly summary: (runIndex: number) => Readonly<Record<string, unknown>>;
}

const PLANCK = /^-?\d+$/;

/** Flatten a KPI object into dotted leaf names (objects only; arrays are kept as JSON text). */
export function flattenKpis(kpis: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (typeof kpis === 'object' && kpis !== null && !Array.isArray(kpis)) {
    for (const k of Object.keys(kpis).sort()) flattenKpis((kpis as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = Array.isArray(kpis) ? JSON.stringify(kpis) : kpis;
  }
  return out;
}

function typeOf(v: unknown): KpiType | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return 'f64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string' && PLANCK.test(v)) return 'planck';
  return 'utf8';
}

/** One type per KPI across all runs; disagreeing runs fall back to text (never guessed per row). */
function mergeType(a: KpiType | undefined, b: KpiType | null): KpiType | undefined {
  if (b === null) return a;
  if (a === undefined || a === b) return b;
  return 'utf8';
}

function decimalsOf(summary: Readonly<Record<string, unknown>>): number {
  const d = (summary.token as { decimals?: unknown } | undefined)?.decimals;
  return typeof d === 'number' && Number.isInteger(d) ? d : 18;
}

function vec(values: Cell[], type: DataType): Vector {
  return vectorFromArray(values, type);
}

export function buildRunsTable(input: RunsTableInput): Table {
  const { runs, points, params } = input;
  const cols: Record<string, { values: Cell[]; type: DataType }> = {};
  const col = (name: string, type: DataType): Cell[] => {
    const values: Cell[] = [];
    cols[name] = { values, type };
    return values;
  };
  const runIndex = col('runIndex', new Int32());
  const pointIndex = col('pointIndex', new Int32());
  const replicate = col('replicate', new Int32());
  const seed = col('seed', new Utf8());
  const paramCols = params.map((p) => col(`param.${p.path}`, p.numeric ? new Float64() : new Utf8()));
  const traceHash = col('traceHash', new Utf8());
  const stateRoot = col('stateRoot', new Utf8());

  const flat: Record<string, unknown>[] = [];
  const decimals: number[] = [];
  const kpiTypes = new Map<string, KpiType | undefined>();
  runs.forEach((r, i) => {
    if (r.runIndex !== i) throw new RangeError(`runs must be in run-index order: row ${i} is run ${r.runIndex}`);
    const s = input.summary(r.runIndex);
    const point = points[r.pointIndex];
    if (!point) throw new RangeError(`run ${r.runIndex}: no point ${r.pointIndex}`);
    runIndex.push(r.runIndex);
    pointIndex.push(r.pointIndex);
    replicate.push(r.replicate);
    seed.push(r.seed);
    params.forEach((p, j) => {
      const v = point.params[p.path]!;
      paramCols[j]!.push(p.numeric ? Number(v) : v);
    });
    traceHash.push(typeof s.traceHash === 'string' ? s.traceHash : null);
    stateRoot.push(typeof s.stateRoot === 'string' ? s.stateRoot : null);
    const f = flattenKpis(s.kpis);
    flat.push(f);
    decimals.push(decimalsOf(s));
    for (const [k, v] of Object.entries(f)) kpiTypes.set(k, mergeType(kpiTypes.get(k), typeOf(v)));
  });

  for (const name of [...kpiTypes.keys()].sort()) {
    const t = kpiTypes.get(name) ?? 'f64';
    if (t === 'planck') {
      const units = col(name, new Float64());
      const exact = col(`${name}Planck`, new Utf8());
      flat.forEach((f, i) => {
        const v = f[name];
        if (typeof v === 'string') {
          units.push(Number(formatPlanck(BigInt(v), decimals[i]!)));
          exact.push(v);
        } else {
          units.push(null);
          exact.push(null);
        }
      });
    } else {
      const type = t === 'f64' ? new Float64() : t === 'bool' ? new Bool() : new Utf8();
      const values = col(name, type);
      for (const f of flat) {
        const v = f[name];
        values.push(v === undefined || v === null ? null : t === 'utf8' ? String(v) : (v as number | boolean));
      }
    }
  }
  const vectors: Record<string, Vector> = {};
  for (const [name, c] of Object.entries(cols)) vectors[name] = vec(c.values, c.type);
  return new Table(vectors);
}

export function runsTableBytes(table: Table): Uint8Array {
  return tableToIPC(table, 'file');
}

/** Read DIR/runs.arrow; a truncated or foreign file is a RunsTableError (exit 2), never a crash. */
export function readRunsTable(dir: string, expectedRows?: number): Table {
  const file = join(dir, RUNS_TABLE_FILE);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new RunsTableError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}); run \`bai-lab sweep --resume ${dir}\` to rebuild it`);
  }
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new RunsTableError(`${file}: not a readable Arrow IPC file (${(e as Error).message}); run \`bai-lab sweep --resume ${dir}\` to rebuild it`);
  }
  if (!table.schema.fields.some((f) => f.name === 'runIndex')) throw new RunsTableError(`${file}: not a runs table (no runIndex column)`);
  if (expectedRows !== undefined && table.numRows !== expectedRows) {
    throw new RunsTableError(`${file}: ${table.numRows} rows, the manifest lists ${expectedRows} runs; run \`bai-lab sweep --resume ${dir}\``);
  }
  return table;
}
