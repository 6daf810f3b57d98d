// `--grid path=v1,v2,...` parsing and the cartesian plan: points × replicates → runs.
// Point order: the first --grid axis varies slowest (row-major), so point indices are stable for a given
// command line. Run order: runIndex = pointIndex * runsPerPoint + replicate.
import { SweepOptionError } from './errors.js';
import { checkValue, type ParamResolver, type ParamSpec } from './param-space.js';
import { runSeed, type SeedScheme } from './seeds.js';

export interface GridAxis {
  readonly spec: ParamSpec;
  readonly values: readonly string[];
}

export interface PlannedPoint {
  readonly pointIndex: number;
  /** parameter path → textual value (what `--set path=value` receives), in axis order. */
  readonly params: Readonly<Record<string, string>>;
}

export interface PlannedRun {
  readonly runIndex: number;
  readonly pointIndex: number;
  readonly replicate: number;
  /** decimal u64 */
  readonly seed: string;
}

/** Upper bound on runs in one sweep: keeps the manifest and the runs table within memory. */
export const MAX_RUNS = 1_000_000;

/** Split "path=v1,v2" into its path and raw value strings. */
export function parseGridArg(arg: string): { path: string; values: string[] } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new SweepOptionError(`--grid ${JSON.stringify(arg)}: expected path=v1,v2,...`);
  const path = arg.slice(0, eq).trim();
  const values = arg.slice(eq + 1).split(',').map((v) => v.trim());
  if (values.length === 0 || values.some((v) => v === '')) {
    throw new SweepOptionError(`--grid ${path}: empty value in ${JSON.stringify(arg.slice(eq + 1))}`);
  }
  return { path, values };
}

/** Parse and type every --grid flag; rejects duplicate paths and duplicate values on one axis. */
export function parseGrid(args: readonly string[], resolve: ParamResolver): GridAxis[] {
  const seen = new Set<string>();
  return args.map((arg) => {
    const { path, values } = parseGridArg(arg);
    if (seen.has(path)) throw new SweepOptionError(`--grid ${path} given twice`);
    seen.add(path);
    const spec = resolve(path);
    const checked = values.map((v) => checkValue(spec, v));
    const distinct = new Set(spec.numeric ? checked.map((v) => String(Number(v))) : checked);
    if (distinct.size !== checked.length) throw new SweepOptionError(`--grid ${path}: repeated value in ${checked.join(',')}`);
    return { spec, values: checked };
  });
}

/** Cartesian product of the axes (lists of unequal lengths allowed); no axes → one point. */
export function cartesianPoints(axes: readonly GridAxis[]): PlannedPoint[] {
  let total = 1;
  for (const a of axes) total *= a.values.length;
  if (total > MAX_RUNS) throw new SweepOptionError(`grid has ${total} points; at most ${MAX_RUNS}`);
  const points: PlannedPoint[] = [];
  for (let p = 0; p < total; p++) {
    const params: Record<string, string> = {};
    let rest = p;
    // decode p in mixed radix, last axis fastest
    const digits = new Array<number>(axes.length);
    for (let i = axes.length - 1; i >= 0; i--) {
      const n = axes[i]!.values.length;
      digits[i] = rest % n;
      rest = Math.floor(rest / n);
    }
    axes.forEach((a, i) => (params[a.spec.path] = a.values[digits[i]!]!));
    points.push({ pointIndex: p, params });
  }
  return points;
}

export function planRuns(pointCount: number, runsPerPoint: number, rootSeed: bigint, scheme: SeedScheme): PlannedRun[] {
  if (!Number.isInteger(runsPerPoint) || runsPerPoint < 1) throw new SweepOptionError(`--runs must be a positive integer: ${runsPerPoint}`);
  const total = pointCount * runsPerPoint;
  if (total > MAX_RUNS) throw new SweepOptionError(`sweep has ${total} runs; at most ${MAX_RUNS}`);
  const runs: PlannedRun[] = [];
  for (let p = 0; p < pointCount; p++) {
    for (let m = 0; m < runsPerPoint; m++) {
      const runIndex = p * runsPerPoint + m;
      runs.push({ runIndex, pointIndex: p, replicate: m, seed: runSeed(rootSeed, scheme, runIndex, m).toString() });
    }
  }
  return runs;
}
