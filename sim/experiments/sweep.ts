// The sweep coordinator: plan (grid / Morris / Sobol design × seeds), validate every design point with the
// scenario loader before running anything, run the pending runs on a backend, store each result atomically,
// then rebuild the runs table in run-index order and, for sensitivity methods, rank the parameters.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { SweepDirError, SweepInputError, SweepOptionError } from './errors.js';
import { factorsFromAxes } from './factors.js';
import { parseGrid, planRuns, type PlannedPoint, type PlannedRun } from './grid.js';
import { planDesign, type Design } from './design.js';
import { acquireLock } from './lock.js';
import { MANIFEST_FILE, MANIFEST_KIND, MANIFEST_VERSION, readManifest, SEED_HASH_DOC, writeManifest, type ManifestPoint, type SweepManifest, type SweepMethod } from './manifest.js';
import type { ParamResolver } from './param-space.js';
import { completedRuns, readRunSummary, storeRunAsync, sweepTemporaries, type RunOutput } from './results-store.js';
import { buildRunsTable, flattenKpis, readRunsTable, RUNS_TABLE_FILE, runsTableBytes } from './runs-table.js';
import { hashJson } from './canonical.js';
import { parseRootSeed, SEED_SCHEMES, type SeedScheme } from './seeds.js';
import { analyze, SENSITIVITY_FILE, writeSensitivity } from './sensitivity.js';
import type { Executor } from './executor.js';
import type { RunTask } from './task.js';
import { writeFileAtomic } from './atomic.js';
import { RUNS_PARQUET_FILE, runsTableParquet } from './parquet.js';
import { morrisDesign } from './morris.js';
import { designRng } from './factors.js';
import { sobolDesign } from './sobol.js';

export interface SweepOptions {
  readonly scenario?: string;
  readonly sets?: readonly string[];
  readonly grid?: readonly string[];
  readonly runs?: number;
  readonly out: string;
  readonly seed?: string;
  readonly days?: number;
  readonly method?: SweepMethod;
  readonly kpi?: string;
  readonly trajectories?: number;
  readonly levels?: number;
  readonly samples?: number;
  readonly seedScheme?: SeedScheme;
  readonly resume?: boolean;
  readonly backend?: 'local' | 'redis';
  readonly workers?: number;
}

/** A loaded scenario as plain JSON plus what the manifest records. */
export interface LoadedDoc {
  readonly doc: Record<string, unknown>;
  readonly name: string;
  readonly seed: string | null;
}

export interface SweepDeps {
  /** loadScenario + plain JSON: throws a bad-input error on an invalid value */
  loadDoc(ref: string, sets: readonly string[]): LoadedDoc;
  readonly resolver: ParamResolver;
  /** builds the backend once the plan is known (so bad input never starts threads or connects to Redis) */
  executor(ctx: { readonly sweepId: string }): Promise<Executor>;
  readonly labVersion: string;
  log(line: string): void;
  progress?(done: number, total: number): void;
}

export interface SweepResult {
  readonly manifest: SweepManifest;
  readonly ranInThisCall: number;
  readonly sensitivity: Record<string, unknown> | null;
}

const DEFAULT_ROOT_SEED = '0';

function pointSets(p: PlannedPoint): string[] {
  return Object.entries(p.params).map(([k, v]) => `${k}=${v}`);
}

function loadPoint(deps: SweepDeps, ref: string, baseSets: readonly string[], p: PlannedPoint): LoadedDoc {
  try {
    return deps.loadDoc(ref, [...baseSets, ...pointSets(p)]);
  } catch (e) {
    if (e instanceof Error && (e as { exitCode?: unknown }).exitCode === 2) {
      throw new SweepInputError(`sweep point ${p.pointIndex} (${pointSets(p).join(' ')}): ${e.message}`);
    }
    throw e;
  }
}

function planNew(o: SweepOptions, deps: SweepDeps): { manifest: SweepManifest; docs: LoadedDoc[]; design: Design } {
  if (!o.scenario) throw new SweepOptionError('a scenario is required (or --resume DIR)');
  const method = o.method ?? 'grid';
  if (!['grid', 'morris', 'sobol'].includes(method)) throw new SweepOptionError(`--method must be grid, morris or sobol: ${method}`);
  if ((method === 'morris' || method === 'sobol') && !o.kpi) throw new SweepOptionError(`--method ${method} needs --kpi <name> (the KPI to rank parameters by)`);
  const seedScheme = o.seedScheme ?? (method === 'grid' ? 'run' : 'replicate');
  if (!SEED_SCHEMES.includes(seedScheme)) throw new SweepOptionError(`--seed-scheme must be run or replicate: ${seedScheme}`);
  const runsPerPoint = o.runs ?? 1;
  if (o.days !== undefined && (!Number.isInteger(o.days) || o.days < 1)) throw new SweepOptionError(`--days must be a positive integer: ${o.days}`);
  const sets = [...(o.sets ?? [])];
  const axes = parseGrid(o.grid ?? [], deps.resolver);
  const base = deps.loadDoc(o.scenario, sets);
  let rootSeed: bigint;
  try {
    rootSeed = parseRootSeed(o.seed ?? base.seed ?? DEFAULT_ROOT_SEED);
  } catch (e) {
    throw new SweepOptionError(`--seed: ${(e as Error).message}`);
  }
  const design = planDesign(axes, {
    method, rootSeed,
    ...(o.trajectories !== undefined ? { trajectories: o.trajectories } : {}),
    ...(o.levels !== undefined ? { levels: o.levels } : {}),
    ...(o.samples !== undefined ? { samples: o.samples } : {}),
  });
  const runs = planRuns(design.points.length, runsPerPoint, rootSeed, seedScheme);
  const docs = design.points.map((p) => loadPoint(deps, o.scenario!, sets, p));
  const points: ManifestPoint[] = design.points.map((p, i) => ({ ...p, scenarioHash: hashJson(docs[i]!.doc) }));
  const manifest: SweepManifest = {
    kind: MANIFEST_KIND,
    version: MANIFEST_VERSION,
    labVersion: deps.labVersion,
    scenario: { ref: o.scenario, resolved: isFile(o.scenario) ? resolvePath(o.scenario) : o.scenario, name: base.name, sets },
    days: o.days ?? null,
    rootSeed: rootSeed.toString(),
    seedScheme,
    seedHash: SEED_HASH_DOC,
    runsPerPoint,
    method,
    kpi: o.kpi ?? null,
    params: axes.map((a) => ({ ...a.spec, values: a.values, ...(a.group !== undefined ? { group: a.group } : {}) })),
    design: design.record,
    points,
    runs,
    totalRuns: runs.length,
    execution: { backend: o.backend ?? 'local', workers: o.workers ?? 1 },
    status: 'running',
    completedRuns: 0,
    outputs: {
      runsTable: RUNS_TABLE_FILE,
      runsParquet: RUNS_PARQUET_FILE,
      runFolders: 'runs/r{runIndex:06}',
      sensitivity: method === 'grid' ? null : SENSITIVITY_FILE,
    },
  };
  return { manifest, docs, design };
}

/** Re-resolve every point of a manifest; a changed scenario file would mix two experiments, so it is refused. */
function replan(m: SweepManifest, o: SweepOptions, deps: SweepDeps): { manifest: SweepManifest; docs: LoadedDoc[]; design: Design } {
  // A file path was made absolute when the sweep started, so --resume works from any directory.
  const ref = m.scenario.resolved ?? m.scenario.ref;
  const docs = m.points.map((p) => loadPoint(deps, ref, m.scenario.sets, p));
  docs.forEach((d, i) => {
    if (hashJson(d.doc) !== m.points[i]!.scenarioHash) {
      throw new SweepDirError(`cannot resume: scenario "${m.scenario.ref}" resolves differently than when the sweep started (point ${i}); start a new sweep in another folder`);
    }
  });
  const design = rebuildDesign(m);
  const manifest: SweepManifest = {
    ...m,
    kpi: o.kpi ?? m.kpi,
    execution: { backend: o.backend ?? m.execution.backend, workers: o.workers ?? m.execution.workers },
  };
  return { manifest, docs, design };
}

/** The analysis needs the Factor objects and design arrays back: rebuild them from the manifest, deterministically. */
function rebuildDesign(m: SweepManifest): Design {
  const points = m.points.map(({ pointIndex, params }) => ({ pointIndex, params }));
  if (m.method === 'grid') return { points, record: m.design, factors: null };
  const axes = m.params.map((p) => ({ spec: { path: p.path, kind: p.kind, numeric: p.numeric, ...(p.allowed ? { allowed: p.allowed } : {}) }, values: p.values }));
  const factors = factorsFromAxes(axes);
  const rootSeed = BigInt(m.rootSeed);
  if (m.method === 'morris') {
    const morris = morrisDesign(factors, Number(m.design.trajectories), Number(m.design.levels), designRng(rootSeed, 'morris'));
    return { points, record: m.design, factors, morris };
  }
  const sobol = sobolDesign(factors, Number(m.design.samples), designRng(rootSeed, 'sobol'));
  return { points, record: m.design, factors, sobol };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function checkFreshDir(out: string): void {
  if (!existsSync(out)) return;
  if (existsSync(`${out}/${MANIFEST_FILE}`)) throw new SweepDirError(`${out} already holds a sweep: use --resume ${out}, or another --out`);
  const entries = readdirSync(out).filter((n) => !n.startsWith('.'));
  if (entries.length > 0) throw new SweepDirError(`${out} is not empty: give a new or empty folder for --out`);
}

export async function runSweep(o: SweepOptions, deps: SweepDeps): Promise<SweepResult> {
  const out = o.out;
  let plan: { manifest: SweepManifest; docs: LoadedDoc[]; design: Design };
  if (o.resume) {
    plan = replan(readManifest(out), o, deps);
  } else {
    checkFreshDir(out);
    plan = planNew(o, deps);
    try {
      mkdirSync(out, { recursive: true });
    } catch (e) {
      throw new SweepDirError(`cannot create ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  const release = acquireLock(out);
  try {
    return await execute(out, plan, deps);
  } finally {
    release();
  }
}

async function execute(out: string, plan: { manifest: SweepManifest; docs: LoadedDoc[]; design: Design }, deps: SweepDeps): Promise<SweepResult> {
  let manifest = plan.manifest;
  sweepTemporaries(out);
  writeManifest(out, manifest);
  const done = new Set(completedRuns(out, manifest.totalRuns));
  const pending = manifest.runs.filter((r) => !done.has(r.runIndex));
  deps.log(`sweep: ${manifest.totalRuns} runs (${manifest.points.length} points × ${manifest.runsPerPoint}), ${done.size} already done, ${pending.length} to run`);
  let finished = done.size;
  if (pending.length > 0) {
    const tasks: RunTask[] = pending.map((r) => toTask(r, manifest, plan.docs));
    const executor = await deps.executor({ sweepId: sweepId(manifest) });
    try {
      let checked = manifest.method === 'grid';
      await executor.runAll(tasks, async (res: RunOutput) => {
        if (!checked) {
          checkKpi(manifest.kpi!, res.summary); // a typo in --kpi stops the sweep at its first result, not its end
          checked = true;
        }
        if (await storeRunAsync(out, res)) {
          finished++;
          deps.progress?.(finished, manifest.totalRuns);
        }
      });
    } finally {
      await executor.close();
      manifest = { ...manifest, completedRuns: completedRuns(out, manifest.totalRuns).length };
      writeManifest(out, manifest);
    }
  }
  const all = completedRuns(out, manifest.totalRuns);
  if (all.length !== manifest.totalRuns) throw new SweepDirError(`${out}: ${manifest.totalRuns - all.length} runs missing after the sweep; resume it`);
  if (existsSync(join(out, RUNS_TABLE_FILE))) {
    try {
      readRunsTable(out);
    } catch (e) {
      // runs.arrow is derived data: say so, then rebuild it from the run folders (nothing completed is lost)
      deps.log(`sweep: ${(e as Error).message.split(';')[0]}; rebuilding it from ${out}/runs`);
    }
  }
  const table = buildRunsTable({ runs: manifest.runs, points: manifest.points, params: manifest.params, summary: (i) => readRunSummary(out, i) });
  writeFileAtomic(out, RUNS_TABLE_FILE, runsTableBytes(table));
  writeFileAtomic(out, RUNS_PARQUET_FILE, runsTableParquet(table));
  let sensitivity: Record<string, unknown> | null = null;
  if (manifest.method !== 'grid') {
    sensitivity = analyze(table, {
      method: manifest.method,
      kpi: manifest.kpi!,
      rootSeed: BigInt(manifest.rootSeed),
      runsPerPoint: manifest.runsPerPoint,
      factors: plan.design.factors!,
      ...(plan.design.morris ? { morris: plan.design.morris } : {}),
      ...(plan.design.sobol ? { sobol: plan.design.sobol } : {}),
    });
    writeSensitivity(out, sensitivity);
  }
  manifest = { ...manifest, status: 'complete', completedRuns: manifest.totalRuns };
  writeManifest(out, manifest);
  return { manifest, ranInThisCall: pending.length, sensitivity };
}

/** The KPI named by --kpi must be a numeric runs-table column: a KPI name, or a dotted key of a keyed KPI. */
function checkKpi(kpi: string, summary: Readonly<Record<string, unknown>>): void {
  const flat = flattenKpis(summary.kpis);
  const v = flat[kpi];
  if (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v))) return;
  const names = Object.keys(flat).filter((k) => typeof flat[k] === 'number' || (typeof flat[k] === 'string' && /^-?\d+$/.test(flat[k] as string)));
  throw new SweepOptionError(`--kpi ${kpi}: no such numeric KPI (KPIs: ${names.join(', ')}); completed runs are kept: fix it with --resume DIR --kpi <name>`);
}

/** Identifies the sweep's work (not its folder): the same sweep resumed reuses its queued jobs and results. */
export function sweepId(m: SweepManifest): string {
  return hashJson({ rootSeed: m.rootSeed, days: m.days, runs: m.runs, points: m.points.map((p) => p.scenarioHash) }).slice(2, 18);
}

function toTask(r: PlannedRun, m: SweepManifest, docs: readonly LoadedDoc[]): RunTask {
  const point = m.points[r.pointIndex]!;
  return {
    runIndex: r.runIndex,
    pointIndex: r.pointIndex,
    replicate: r.replicate,
    seed: r.seed,
    days: m.days,
    scenario: docs[r.pointIndex]!.doc,
    label: `${m.scenario.ref} point ${r.pointIndex} (${pointSets(point).join(' ') || 'base'})`,
  };
}
