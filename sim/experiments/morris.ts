// Morris elementary effects (Morris 1991; mu* from Campolongo, Cariboni & Saltelli 2007).
// Each factor walks a grid of p_i levels; a trajectory starts at a random base point and moves every factor
// once, in random order, by d_i = floor(p_i / 2) levels (p/2 levels = Delta = p / (2 (p - 1)) on the unit scale
// for even p, the standard choice), upwards or downwards at random. The elementary effect of factor i is
// (y_after - y_before) / (delta of its unit coordinate). Ranking: mu* = mean |EE| (descending), sigma = sample
// standard deviation of EE (interaction / non-linearity).
import type { Factor } from './factors.js';
import { morrisLevels } from './factors.js';
import { SweepOptionError } from './errors.js';

export interface MorrisDesign {
  readonly r: number;
  readonly levels: readonly (readonly string[])[];
  /** trajectories[t][s] = level index per factor of step s (k + 1 steps). */
  readonly trajectories: readonly (readonly (readonly number[])[])[];
}

export const MAX_TRAJECTORIES = 1000;

export function morrisDesign(factors: readonly Factor[], r: number, p: number, rng: () => number): MorrisDesign {
  if (!Number.isInteger(r) || r < 2 || r > MAX_TRAJECTORIES) throw new SweepOptionError(`--trajectories must be an integer in [2, ${MAX_TRAJECTORIES}]: ${r}`);
  if (!Number.isInteger(p) || p < 2 || p > 100) throw new SweepOptionError(`--levels must be an integer in [2, 100]: ${p}`);
  const levels = factors.map((f) => morrisLevels(f, p));
  const k = factors.length;
  const trajectories: number[][][] = [];
  for (let t = 0; t < r; t++) {
    const order = shuffle(k, rng);
    const start: number[] = [];
    const step: number[] = [];
    for (let i = 0; i < k; i++) {
      const pi = levels[i]!.length;
      const d = Math.floor(pi / 2);
      const up = rng() < 0.5;
      const base = Math.floor(rng() * (pi - d)); // in [0, pi - 1 - d]
      start.push(up ? base : base + d);
      step.push(up ? d : -d);
    }
    const traj: number[][] = [start];
    let cur = start;
    for (const i of order) {
      cur = cur.slice();
      cur[i] = cur[i]! + step[i]!;
      traj.push(cur);
    }
    trajectories.push(traj);
  }
  return { r, levels, trajectories };
}

function shuffle(n: number, rng: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface ElementaryEffect {
  readonly trajectory: number;
  readonly path: string;
  readonly ee: number;
}

export interface MorrisIndex {
  readonly path: string;
  readonly mu: number;
  readonly muStar: number;
  readonly sigma: number;
  readonly rank: number;
}

/**
 * Elementary effects and indices from outputs y[t][s] (one KPI value per trajectory step).
 * Sums run in trajectory order, so the result is independent of run completion order.
 */
export function morrisAnalyze(factors: readonly Factor[], design: MorrisDesign, y: readonly (readonly number[])[]): {
  effects: ElementaryEffect[];
  indices: MorrisIndex[];
} {
  const k = factors.length;
  const effects: ElementaryEffect[] = [];
  const perFactor: number[][] = factors.map(() => []);
  design.trajectories.forEach((traj, t) => {
    const yt = y[t]!;
    if (yt.length !== traj.length) throw new RangeError(`trajectory ${t}: ${yt.length} outputs for ${traj.length} points`);
    for (let s = 1; s <= k; s++) {
      const before = traj[s - 1]!;
      const after = traj[s]!;
      const i = after.findIndex((v, j) => v !== before[j]);
      if (i < 0) throw new RangeError(`trajectory ${t} step ${s} moves no factor`);
      const du = (after[i]! - before[i]!) / (design.levels[i]!.length - 1);
      const ee = (yt[s]! - yt[s - 1]!) / du + 0; // + 0 turns -0 (no change, downward step) into 0
      perFactor[i]!.push(ee);
      effects.push({ trajectory: t, path: factors[i]!.spec.path, ee });
    }
  });
  const unranked = factors.map((f, i) => {
    const ees = perFactor[i]!;
    const n = ees.length;
    let sum = 0;
    let sumAbs = 0;
    for (const e of ees) {
      sum += e;
      sumAbs += Math.abs(e);
    }
    const mu = sum / n;
    let ss = 0;
    for (const e of ees) ss += (e - mu) ** 2;
    return { path: f.spec.path, mu, muStar: sumAbs / n, sigma: n > 1 ? Math.sqrt(ss / (n - 1)) : 0 };
  });
  const order = [...unranked].sort((a, b) => b.muStar - a.muStar || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const indices = order.map((x, i) => ({ ...x, rank: i + 1 }));
  return { effects, indices };
}
