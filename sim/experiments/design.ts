// Turns the parsed --grid axes and the method into design points: a cartesian grid, Morris trajectories, or a
// Saltelli sample. Points are plain `path → value text` maps; the design record goes into the manifest so the
// analysis (and a resume) never re-draws anything.
import { SweepOptionError } from './errors.js';
import { factorsFromAxes, designRng, type Factor } from './factors.js';
import { cartesianPoints, MAX_RUNS, type GridAxis, type PlannedPoint } from './grid.js';
import { morrisDesign, type MorrisDesign } from './morris.js';
import { sobolDesign, type SobolDesign } from './sobol.js';
import type { SweepMethod } from './manifest.js';

export interface DesignOptions {
  readonly method: SweepMethod;
  readonly rootSeed: bigint;
  /** morris: trajectories r (default 10) and levels p (default 4) */
  readonly trajectories?: number;
  readonly levels?: number;
  /** sobol: base samples N (default 64) */
  readonly samples?: number;
}

export const MORRIS_DEFAULT_TRAJECTORIES = 10;
export const MORRIS_DEFAULT_LEVELS = 4;
export const SOBOL_DEFAULT_SAMPLES = 64;

export interface Design {
  readonly points: PlannedPoint[];
  readonly record: Record<string, unknown>;
  readonly factors: Factor[] | null;
  readonly morris?: MorrisDesign;
  readonly sobol?: SobolDesign;
}

function pointsFromValues(factors: readonly Factor[], rows: readonly (readonly string[])[]): PlannedPoint[] {
  if (rows.length > MAX_RUNS) throw new SweepOptionError(`design has ${rows.length} points; at most ${MAX_RUNS}`);
  return rows.map((row, pointIndex) => {
    const params: Record<string, string> = {};
    factors.forEach((f, i) => (params[f.spec.path] = row[i]!));
    return { pointIndex, params };
  });
}

export function planDesign(axes: readonly GridAxis[], o: DesignOptions): Design {
  if (o.method === 'grid') return { points: cartesianPoints(axes), record: { method: 'grid' }, factors: null };
  const factors = factorsFromAxes(axes);
  const factorRecord = factors.map((f) => ({ path: f.spec.path, ...(f.range ? { range: f.range } : { levels: f.levels }) }));
  if (o.method === 'morris') {
    const r = o.trajectories ?? MORRIS_DEFAULT_TRAJECTORIES;
    const p = o.levels ?? MORRIS_DEFAULT_LEVELS;
    const morris = morrisDesign(factors, r, p, designRng(o.rootSeed, 'morris'));
    const rows = morris.trajectories.flatMap((traj) => traj.map((idx) => idx.map((j, i) => morris.levels[i]![j]!)));
    return {
      points: pointsFromValues(factors, rows),
      factors,
      morris,
      record: { method: 'morris', trajectories: r, levels: p, factors: factorRecord, levelValues: morris.levels, trajectoryPoints: morris.trajectories },
    };
  }
  if (o.method === 'sobol') {
    const n = o.samples ?? SOBOL_DEFAULT_SAMPLES;
    const sobol = sobolDesign(factors, n, designRng(o.rootSeed, 'sobol'));
    return {
      points: pointsFromValues(factors, sobol.values),
      factors,
      sobol,
      record: { method: 'sobol', samples: n, factors: factorRecord, pointsPerSample: factors.length + 2, scheme: 'saltelli-2010' },
    };
  }
  throw new SweepOptionError(`--method must be grid, morris or sobol: ${String(o.method)}`);
}
