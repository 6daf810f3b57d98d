// runScenario / resumeRun: drive a World day by day, fold state roots into the trace, sample KPIs, write
// checkpoints and the outputs (summary.json, timeseries.arrow; temp then rename).

import { initFastHashing } from '../../protocol/primitives/hash.js';
import { existsSync, mkdirSync, readdirSync, rmSync, accessSync, constants as fsc } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils';
import { InvariantError } from '../../protocol/primitives/dispatch.js';
import type { EngineSnapshot, TraceLogOptions } from '../engine/index.js';
import { scenarioFromObject, scenarioSource, flattenParams } from '../../scenarios/load.js';
import type { Scenario } from '../../scenarios/schema.js';
import { kpisForJson, summaryText, LAB_VERSION, type Summary } from '../metrics/summary.js';
import { timeseriesToArrow, type TimeseriesRow } from '../metrics/timeseries.js';
import { writeFileAtomic } from './atomic.js';
import { latestCheckpoint, readCheckpoint, removeCheckpoints, writeCheckpoint } from './checkpoint.js';
import { BadInputError, CheckFailedError } from './errors.js';
import { defaultChainFactory } from './chain-factory.js';
import { DAY_MS } from './workload.js';
import { World, type ChainFactory, type WorldOptions } from './world.js';

export interface RunOptions {
  seed: bigint;
  days?: number;
  outDir?: string;
  checkpointEveryDays?: number;
  onProgress?: (dayDone: number, daysTotal: number) => void;
  /** Record a trace log (for --check-determinism). */
  traceLog?: TraceLogOptions | null;
  chainFactory?: ChainFactory;
  authorship?: WorldOptions['authorship'];
  /** World plugins (default: WORLD_PLUGINS). */
  plugins?: WorldOptions['plugins'];
}

export interface RunResult {
  summary: Summary;
  timeseries: readonly TimeseriesRow[];
  /** The world after the run (trace log, engine, chain) for checks; not serialised. */
  world: World;
}

/** Plain-data description of a run, stored in every checkpoint so `resume` needs nothing else. */
interface RunSpec {
  scenario: unknown;           // the validated scenario as plain data
  scenarioFile: string;
  sets: string[];
  seed: string;
  days: number;
  checkpointEveryDays: number;
}

interface CheckpointBody { spec: RunSpec; dayDone: number; engine: EngineSnapshot; world: unknown }

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const days = opts.days ?? scenario.days;
  if (!(Number.isSafeInteger(days) && days >= 1)) throw new BadInputError(`days must be a positive integer, got ${days}`);
  const every = opts.checkpointEveryDays ?? 0;
  if (!(Number.isSafeInteger(every) && every >= 0)) throw new BadInputError(`--checkpoint-every must be a positive integer, got ${every}`);
  if (every > 0 && !opts.outDir) throw new BadInputError('--checkpoint-every needs an output folder (--out)');
  await initFastHashing(); // the daily state root on WASM blake2 (same bytes as the JS fallback, ~15x faster)
  const src = scenarioSource(scenario);
  const spec: RunSpec = {
    scenario: scenario as unknown, scenarioFile: src?.file ?? '<scenario>', sets: [...(src?.sets ?? [])],
    seed: opts.seed.toString(), days, checkpointEveryDays: every,
  };
  const created = opts.outDir ? prepareOutDir(opts.outDir) : false;
  // The folder now belongs to this run: checkpoints of an earlier run there must never be resumed into it.
  if (opts.outDir) removeCheckpoints(opts.outDir);
  try {
    const world = new World(scenario, worldOptions(opts));
    world.start();
    return drive(world, spec, 0, opts);
  } catch (e) {
    if (created && opts.outDir && !(e instanceof CheckFailedError)) removeIfEmptyOfOutputs(opts.outDir);
    throw e;
  }
}

/** Continue the run in `outDir` from its newest checkpoint; ends with the same outputs as an uninterrupted run. */
export async function resumeRun(outDir: string, opts: Pick<RunOptions, 'onProgress' | 'chainFactory' | 'authorship' | 'traceLog' | 'plugins'> = {}): Promise<RunResult> {
  await initFastHashing();
  const { path } = latestCheckpoint(outDir);
  const { body } = readCheckpoint(path);
  const b = body as CheckpointBody;
  if (b === null || typeof b !== 'object' || !b.spec || !b.engine || !b.world || !Number.isSafeInteger(b.dayDone)
      || typeof b.spec.seed !== 'string' || !/^\d{1,20}$/.test(b.spec.seed) || !Number.isSafeInteger(b.spec.days)
      || b.spec.days < 1 || b.dayDone > b.spec.days || !Number.isSafeInteger(b.spec.checkpointEveryDays)
      || typeof b.spec.scenarioFile !== 'string' || !Array.isArray(b.spec.sets)) {
    throw new BadInputError(`corrupt checkpoint ${path}: missing or malformed run state`);
  }
  let scenario: Scenario;
  try { scenario = scenarioFromObject(b.spec.scenario, b.spec.scenarioFile); } catch (e) {
    throw new BadInputError(`corrupt checkpoint ${path}: its scenario no longer validates (${(e as Error).message})`);
  }
  const seed = BigInt(b.spec.seed);
  const ropts: RunOptions = { ...opts, seed, days: b.spec.days, outDir, checkpointEveryDays: b.spec.checkpointEveryDays };
  const world = new World(scenario, worldOptions(ropts));
  try {
    world.engine.restoreSnapshot(b.engine);
    world.restoreSnapshot(b.world);
  } catch (e) {
    throw new BadInputError(`corrupt checkpoint ${path}: ${(e as Error).message}`);
  }
  return drive(world, b.spec, b.dayDone, ropts);
}

function worldOptions(opts: RunOptions): WorldOptions {
  return {
    seed: opts.seed, chainFactory: opts.chainFactory ?? defaultChainFactory,
    traceLog: opts.traceLog ?? null, ...(opts.authorship ? { authorship: opts.authorship } : {}),
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
  };
}

function drive(world: World, spec: RunSpec, startDay: number, opts: RunOptions): RunResult {
  const { engine, chain, collector } = world;
  let root = chain.stateRoot();
  for (let d = startDay; d < spec.days; d++) {
    try {
      engine.runUntil((d + 1) * DAY_MS - 1);
      chain.checkInvariants();
    } catch (e) {
      if (e instanceof InvariantError) throw invariantFailure(e, world, spec, d + 1);
      throw e;
    }
    root = chain.stateRoot();
    engine.foldStateRoot(root);
    world.economics.integrate();
    collector.endDay(d + 1, world.blockNumber);
    opts.onProgress?.(d + 1, spec.days);
    if (opts.outDir && spec.checkpointEveryDays > 0 && (d + 1) % spec.checkpointEveryDays === 0 && d + 1 < spec.days) {
      const body: CheckpointBody = { spec, dayDone: d + 1, engine: engine.snapshot(), world: world.snapshot() };
      writeCheckpoint(opts.outDir, d + 1, body);
    }
  }
  const summary = buildSummary(world, spec, '0x' + bytesToHex(root));
  const result: RunResult = { summary, timeseries: collector.timeseries, world };
  if (opts.outDir) writeOutputs(opts.outDir, result);
  return result;
}

function buildSummary(world: World, spec: RunSpec, stateRoot: string): Summary {
  const s = world.scenario;
  const token = world.binding.token;
  return {
    scenario: s.name,
    scenarioFile: spec.scenarioFile,
    seed: spec.seed,
    days: spec.days,
    blocks: world.blockNumber,
    traceHash: world.engine.traceHash(),
    stateRoot,
    token: { symbol: token.symbol, decimals: token.decimals },
    params: { ...flattenParams(s), days: spec.days, seed: spec.seed },
    kpis: kpisForJson(world.collector.defs, world.collector.values()),
    labVersion: LAB_VERSION,
  };
}

/** Write summary.json and timeseries.arrow (each temp then rename). */
export function writeOutputs(outDir: string, r: Pick<RunResult, 'summary' | 'timeseries'>): void {
  writeFileAtomic(join(outDir, 'timeseries.arrow'), timeseriesToArrow(r.timeseries));
  writeFileAtomic(join(outDir, 'summary.json'), summaryText(r.summary));
}

/** The command that replays a run exactly (printed at start and on failure). */
export function replayCommand(scenarioFile: string, sets: readonly string[], seed: bigint | string, days: number): string {
  const q = (s: string) => (/^[\w./=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return ['npx bai-lab run', q(scenarioFile), '--seed', String(seed), '--days', String(days),
    ...sets.flatMap((s) => ['--set', q(s)])].join(' ');
}

function invariantFailure(e: InvariantError, world: World, spec: RunSpec, day: number): CheckFailedError {
  return new CheckFailedError(
    `invariant violated after block ${world.blockNumber} (day ${day}, tick ${world.engine.nowMs()} ms): ${e.message}\n` +
    `  seed ${spec.seed}; replay: ${replayCommand(spec.scenarioFile, spec.sets, spec.seed, spec.days)}`);
}

/** Create the output folder up front so an unwritable --out fails before any simulation (exit 2). */
export function prepareOutDir(dir: string): boolean {
  const existed = existsSync(dir);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, fsc.W_OK);
  } catch (e) {
    throw new BadInputError(`cannot write output folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return !existed;
}

/** After a failed run in a folder we created: leave nothing behind unless it holds checkpoints worth resuming. */
export function removeIfEmptyOfOutputs(dir: string): void {
  try {
    const names = readdirSync(dir);
    if (names.length === 0 || (names.length === 1 && names[0] === 'checkpoints' && readdirSync(join(dir, 'checkpoints')).length === 0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  } catch { /* best effort */ }
}
