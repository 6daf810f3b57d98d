// Sensitivity factors: a --grid axis read as a range (numeric, exactly two values: min,max) or as explicit levels
// (three or more values, or any non-numeric parameter). Pure mapping from unit-scale coordinates to `--set` text.
import seedrandom from 'seedrandom';
import { SweepOptionError } from './errors.js';
import type { GridAxis } from './grid.js';
import type { ParamSpec } from './param-space.js';

export interface Factor {
  readonly spec: ParamSpec;
  /** numeric range [min, max] when given as min,max */
  readonly range?: { readonly min: number; readonly max: number };
  /** explicit levels otherwise */
  readonly levels?: readonly string[];
}

export function factorsFromAxes(axes: readonly GridAxis[]): Factor[] {
  if (axes.length === 0) throw new SweepOptionError('sensitivity analysis needs at least one --grid parameter');
  const groups = axes.map((a) => a.group);
  axes.forEach((a) => {
    if (a.group !== undefined && groups.filter((g) => g === a.group).length > 1) {
      throw new SweepOptionError(`--grid ${a.spec.path}: linked parameters (p1,p2=...) are for grid sweeps; morris/sobol need independent factors`);
    }
  });
  return axes.map((a) => {
    if (a.spec.numeric && a.values.length === 2) {
      const [lo, hi] = a.values.map(Number) as [number, number];
      if (!(hi > lo)) throw new SweepOptionError(`--grid ${a.spec.path}=${a.values.join(',')}: a range must be min,max with min < max`);
      return { spec: a.spec, range: { min: lo, max: hi } };
    }
    if (a.values.length < 2) throw new SweepOptionError(`--grid ${a.spec.path}: give min,max or at least two levels`);
    return { spec: a.spec, levels: a.values };
  });
}

/** Format a number as `--set` text for the parameter kind: no exponent, no float noise (12 significant digits). */
export function formatValue(spec: ParamSpec, x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`${spec.path}: non-finite value ${x}`);
  if (spec.kind === 'integer') return String(Math.round(x));
  const clean = Number(x.toPrecision(12));
  const s = String(clean);
  if (!/e/i.test(s)) return s;
  return clean.toFixed(18).replace(/\.?0+$/, '');
}

/** The discrete levels Morris walks over: explicit levels, or p evenly spaced values of a range. */
export function morrisLevels(f: Factor, p: number): string[] {
  if (f.levels) return [...f.levels];
  const { min, max } = f.range!;
  if (f.spec.kind === 'integer' && max - min + 1 < p) {
    const out: string[] = [];
    for (let v = min; v <= max; v++) out.push(String(v));
    return out;
  }
  const out: string[] = [];
  for (let j = 0; j < p; j++) out.push(formatValue(f.spec, min + ((max - min) * j) / (p - 1)));
  return out;
}

/** A value drawn uniformly: continuous over a range (uniform integers for integer ranges), uniform over levels. */
export function valueAtUnit(f: Factor, u: number): string {
  if (!(u >= 0 && u < 1)) throw new RangeError(`unit coordinate out of [0,1): ${u}`);
  if (f.levels) return f.levels[Math.floor(u * f.levels.length)]!;
  const { min, max } = f.range!;
  if (f.spec.kind === 'integer') return String(Math.floor(min + u * (max - min + 1)));
  return formatValue(f.spec, min + u * (max - min));
}

/** The design's random stream: seedrandom alea seeded from the root seed and the method name (documented, portable). */
export function designRng(rootSeed: bigint, method: string): () => number {
  return seedrandom.alea(`bai-lab/design/v1/${method}/${rootSeed}`);
}
