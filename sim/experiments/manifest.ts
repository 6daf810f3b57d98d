// DIR/manifest.json: everything needed to describe, resume and analyse a sweep — the scenario reference and
// base `--set`s, the swept parameters, every design point with the hash of its resolved scenario, every run
// with its seed, the method (grid, morris, sobol) and its design, and the completion state.
// Written temp-then-rename; it holds no wall-clock time, so two identical sweeps write identical manifests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from './errors.js';
import { writeFileAtomic } from './atomic.js';
import type { PlannedPoint, PlannedRun } from './grid.js';
import type { ParamSpec } from './param-space.js';
import type { SeedScheme } from './seeds.js';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_KIND = 'bai-lab/sweep';
export const MANIFEST_VERSION = 1;

export type SweepMethod = 'grid' | 'morris' | 'sobol';

export interface ManifestPoint extends PlannedPoint {
  /** blake2b-256 of the resolved scenario's canonical JSON; resume refuses a changed scenario. */
  readonly scenarioHash: string;
}

export interface SweepManifest {
  readonly kind: typeof MANIFEST_KIND;
  readonly version: typeof MANIFEST_VERSION;
  readonly labVersion: string;
  /** ref as given; resolved = absolute path when ref named a file (resume uses it), else the library name */
  readonly scenario: { readonly ref: string; readonly resolved?: string; readonly name: string; readonly sets: readonly string[] };
  /** --days override, or null: the scenario's own `days`. */
  readonly days: number | null;
  readonly rootSeed: string;
  readonly seedScheme: SeedScheme;
  readonly seedHash: string;
  readonly runsPerPoint: number;
  readonly method: SweepMethod;
  /** the KPI ranked by morris/sobol; null for a grid sweep */
  readonly kpi: string | null;
  /** the swept parameters with the values/range given on the command line, in --grid order; params sharing a
   *  `group` are linked (one --grid flag "p1,p2=a1:a2,...") and move together */
  readonly params: readonly (ParamSpec & { readonly values: readonly string[]; readonly group?: number })[];
  /** method-specific design: morris {trajectories, levels, levelValues, trajectoryPoints}, sobol {samples} */
  readonly design: Readonly<Record<string, unknown>>;
  readonly points: readonly ManifestPoint[];
  readonly runs: readonly PlannedRun[];
  readonly totalRuns: number;
  readonly execution: { readonly backend: 'local' | 'redis'; readonly workers: number };
  readonly status: 'running' | 'complete';
  readonly completedRuns: number;
  readonly outputs: {
    readonly runsTable: string;
    readonly runsParquet: string | null;
    /** pattern of per-run folders, e.g. "runs/r{runIndex:06}" */
    readonly runFolders: string;
    readonly sensitivity: string | null;
  };
}

export const SEED_HASH_DOC = 'seed = u64 little-endian of blake2b-256("bai-lab/sweep-seed/v1/<rootSeed>/<index>")[0..8], index = runIndex (scheme run) or replicate (scheme replicate)';

export function writeManifest(dir: string, m: SweepManifest): void {
  writeFileAtomic(dir, MANIFEST_FILE, JSON.stringify(m, null, 2) + '\n');
}

export function readManifest(dir: string): SweepManifest {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ManifestError(code === 'ENOENT' ? `${dir} is not a sweep folder (no ${MANIFEST_FILE})` : `${file}: cannot read (${code})`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ManifestError(`${file}: not valid JSON (damaged outside the lab)`);
  }
  const m = v as Partial<SweepManifest>;
  if (typeof v !== 'object' || v === null || m.kind !== MANIFEST_KIND) throw new ManifestError(`${file}: not a bai-lab sweep manifest`);
  if (m.version !== MANIFEST_VERSION) throw new ManifestError(`${file}: manifest version ${String(m.version)}, this lab reads ${MANIFEST_VERSION}`);
  const ok =
    Array.isArray(m.points) && Array.isArray(m.runs) && Array.isArray(m.params) && typeof m.rootSeed === 'string' &&
    typeof m.totalRuns === 'number' && m.runs.length === m.totalRuns && m.scenario && typeof m.scenario.ref === 'string';
  if (!ok) throw new ManifestError(`${file}: incomplete manifest (points, runs, params, rootSeed, scenario required)`);
  return m as SweepManifest;
}
