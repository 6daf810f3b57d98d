// `--grid path=v1,v2,...` parsing and the cartesian plan: points × replicates → runs.
// Point order: the first --grid axis varies slowest (row-major), so point indices are stable for a given
// command line. Run order: runIndex = pointIndex * runsPerPoint + replicate.
import { SweepOptionError } from './errors.js';
import { checkValue, type ParamResolver, type ParamSpec } from './param-space.js';
import { runSeed, type SeedScheme } from './seeds.js';

export interface GridAxis {
  readonly spec: ParamSpec;
  readonly values: readonly string[];
  /** the --grid flag it came from: axes of one group move together (linked parameters) */
  readonly group?: number;
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

/**
 * Split "path=v1,v2" into its path and raw value strings. Linked parameters that must move together (e.g. an
 * emission split that has to sum to 1) share one axis: "p1,p2=a1:a2,b1:b2" (values are tuples joined by ':').
 */
export function parseGridArg(arg: string): { paths: string[]; values: string[][] } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new SweepOptionError(`--grid ${JSON.stringify(arg)}: expected path=v1,v2,...`);
  const paths = arg.slice(0, eq).split(',').map((p) => p.trim());
  const label = paths.join(',');
  if (paths.some((p) => p === '')) throw new SweepOptionError(`--grid ${JSON.stringify(arg)}: empty parameter path`);
  const values = arg.slice(eq + 1).split(',').map((v) => v.trim().split(':').map((x) => x.trim()));
  if (values.length === 0 || values.some((t) => t.some((x) => x === ''))) {
    throw new SweepOptionError(`--grid ${label}: empty value in ${JSON.stringify(arg.slice(eq + 1))}`);
  }
  const bad = values.find((t) => t.length !== paths.length);
  if (bad) {
    throw new SweepOptionError(`--grid ${label}: value "${bad.join(':')}" has ${bad.length} part(s) for ${paths.length} linked parameter(s) (write a1:a2,b1:b2)`);
  }
  return { paths, values };
}

/**
 * Parse and type every --grid flag; rejects duplicate paths and duplicate values on one axis.
 * Each flag is one axis (`group` = its position); linked parameters of one flag share the group.
 */
export function parseGrid(args: readonly string[], resolve: ParamResolver): GridAxis[] {
  const seen = new Set<string>();
  return args.flatMap((arg, group) => {
    const { paths, values } = parseGridArg(arg);
    const specs = paths.map((path) => {
      if (seen.has(path)) throw new SweepOptionError(`--grid ${path} given twice`);
      seen.add(path);
      return resolve(path);
    });
    const checked = values.map((t) => t.map((v, j) => checkValue(specs[j]!, v)));
    const keys = checked.map((t) => t.map((v, j) => (specs[j]!.numeric ? String(Number(v)) : v)).join(':'));
    if (new Set(keys).size !== keys.length) throw new SweepOptionError(`--grid ${paths.join(',')}: repeated value in ${checked.map((t) => t.join(':')).join(',')}`);
    return specs.map((spec, j) => ({ spec, values: checked.map((t) => t[j]!), group }));
  });
}

/** Cartesian product of the axes (lists of unequal lengths allowed; linked axes move together); none → one point. */
export function cartesianPoints(axes: readonly GridAxis[]): PlannedPoint[] {
  const groups: GridAxis[][] = [];
  const byGroup = new Map<number, GridAxis[]>();
  axes.forEach((a, i) => {
    const g = a.group ?? -1 - i; // an axis without a group is its own
    let list = byGroup.get(g);
    if (!list) {
      list = [];
      byGroup.set(g, list);
      groups.push(list);
    }
    if (list.length > 0 && list[0]!.values.length !== a.values.length) throw new RangeError(`linked axes of unequal length: ${a.spec.path}`);
    list.push(a);
  });
  let total = 1;
  for (const g of groups) total *= g[0]!.values.length;
  if (total > MAX_RUNS) throw new SweepOptionError(`grid has ${total} points; at most ${MAX_RUNS}`);
  const points: PlannedPoint[] = [];
  for (let p = 0; p < total; p++) {
    const params: Record<string, string> = {};
    let rest = p;
    // decode p in mixed radix, last axis fastest
    const digits = new Array<number>(groups.length);
    for (let i = groups.length - 1; i >= 0; i--) {
      const n = groups[i]![0]!.values.length;
      digits[i] = rest % n;
      rest = Math.floor(rest / n);
    }
    groups.forEach((g, i) => g.forEach((a) => (params[a.spec.path] = a.values[digits[i]!]!)));
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
