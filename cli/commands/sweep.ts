// `bai-lab sweep <scenario> --grid path=v1,v2 ... --runs M [--workers W] [--backend local|redis] --out DIR`
// and `bai-lab sweep --resume DIR`: a grid (or Morris / Sobol design) × M seeds on worker threads or on BullMQ
// workers; writes DIR/manifest.json, DIR/runs/r<index>/, DIR/runs.arrow and, for morris/sobol, sensitivity.json.
import { collect, intFlag } from '../flags.js';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import { SweepOptionError } from '../../sim/experiments/errors.js';
import { checkRedis } from '../../sim/experiments/redis.js';
import { runSweep, type SweepOptions } from '../../sim/experiments/sweep.js';
import { localExecutor, productionDeps, redisExecutor } from '../../sim/experiments/deps.js';
import type { SweepMethod } from '../../sim/experiments/manifest.js';
import type { SeedScheme } from '../../sim/experiments/seeds.js';
import type { CliIO } from '../io.js';
import type { CliCommand } from '../main.js';
import { progressReporter } from '../progress.js';

interface SweepFlags {
  grid: string[]; set: string[]; runs?: string; workers?: string; backend: 'local' | 'redis'; redis?: string; queue?: string;
  out?: string; seed?: string; days?: string; method: SweepMethod; kpi?: string; trajectories?: string; levels?: string;
  samples?: string; seedScheme?: SeedScheme; resume?: string;
}

export const command: CliCommand = {
  name: 'sweep',
  register(program: Command, io: CliIO) {
    program.command('sweep')
      .description('run a scenario over a parameter grid (or a Morris / Sobol design) × seeds; resumable')
      .argument('[scenario]', 'scenario file or library name (omit with --resume)')
      .option('--grid <path=v1,v2,...>', 'swept parameter and its values; repeatable (cartesian product); linked: p1,p2=a1:a2,b1:b2. morris/sobol: min,max range or 3+ levels', collect, [])
      .option('--set <path=value>', 'fixed override applied to every run; repeatable', collect, [])
      .option('--runs <M>', 'seeds per grid point (default 1)')
      .option('--workers <W>', 'worker threads for the local backend (default: the number of cores)')
      .addOption(new Option('--backend <name>', 'where runs execute').choices(['local', 'redis']).default('local'))
      .option('--redis <URL>', 'Redis URL for --backend redis, e.g. redis://127.0.0.1:6379')
      .option('--queue <name>', 'BullMQ queue name (default bai-lab-runs; workers must use the same)')
      .option('--out <DIR>', 'output folder (default out/sweep-<scenario>)')
      .option('--seed <N>', 'root seed (default: the scenario\'s seed, else 0); per-run seeds derive from it')
      .option('--days <D>', 'simulated days per run (default: the scenario\'s days)')
      .addOption(new Option('--method <m>', 'grid: cartesian; morris: elementary effects; sobol: Saltelli indices').choices(['grid', 'morris', 'sobol']).default('grid'))
      .option('--kpi <name>', 'KPI that morris/sobol rank the parameters by (a runs-table column, e.g. totalIssuance)')
      .option('--trajectories <r>', 'morris: trajectories (default 10)')
      .option('--levels <p>', 'morris: grid levels per range (default 4)')
      .option('--samples <N>', 'sobol: base samples; N × (k + 2) points (default 64)')
      .addOption(new Option('--seed-scheme <s>', 'run: a seed per run; replicate: common random numbers across points (default: run for grid, replicate for morris/sobol)').choices(['run', 'replicate']))
      .option('--resume <DIR>', 'continue an interrupted sweep: completed runs are kept, the rest run')
      .action(async (ref: string | undefined, flags: SweepFlags) => { await sweepCommand(ref, flags, io); });
  },
};

async function sweepCommand(ref: string | undefined, f: SweepFlags, io: CliIO): Promise<void> {
  if (f.resume && ref) throw new SweepOptionError('give either a scenario or --resume DIR, not both');
  if (!f.resume && !ref) throw new SweepOptionError('missing scenario (or --resume DIR)');
  if (f.backend === 'redis' && !f.redis) throw new SweepOptionError('--backend redis needs --redis URL');
  if (f.backend !== 'redis' && f.redis) throw new SweepOptionError('--redis is only used with --backend redis');
  const workers = intFlag('--workers', f.workers) ?? availableParallelism();
  const out = f.resume ?? f.out ?? join('out', `sweep-${ref!.replace(/\.ya?ml$/i, '').replace(/[^\w.-]+/g, '_')}`);
  const opts: SweepOptions = {
    out,
    grid: f.grid,
    sets: f.set,
    method: f.method,
    backend: f.backend,
    workers,
    ...(ref ? { scenario: ref } : {}),
    ...(f.resume ? { resume: true } : {}),
    ...(f.seed !== undefined ? { seed: f.seed } : {}),
    ...(f.kpi !== undefined ? { kpi: f.kpi } : {}),
    ...(f.seedScheme !== undefined ? { seedScheme: f.seedScheme } : {}),
    ...optInt('runs', '--runs', f.runs),
    ...optInt('days', '--days', f.days),
    ...optInt('trajectories', '--trajectories', f.trajectories),
    ...optInt('levels', '--levels', f.levels),
    ...optInt('samples', '--samples', f.samples),
  };
  if (f.resume && (f.grid.length > 0 || f.set.length > 0 || f.runs || f.seed || f.days || f.method !== 'grid')) {
    throw new SweepOptionError('--resume takes the plan from DIR/manifest.json: drop --grid/--set/--runs/--seed/--days/--method');
  }
  if (f.backend === 'redis') await checkRedis(f.redis!); // before any folder is created
  const log = (l: string) => io.err(`${l}\n`);
  const executor = f.backend === 'redis' ? redisExecutor(f.redis!, log, f.queue) : localExecutor(workers);
  const progress = progressReporter(io, 'sweep');
  let result;
  try {
    result = await runSweep(opts, productionDeps(executor, log, (d, t) => progress.onProgress(d, t)));
  } finally {
    progress.stop();
  }
  const m = result.manifest;
  io.err(`sweep: ${m.totalRuns} runs complete (${result.ranInThisCall} run now) -> ${join(out, m.outputs.runsTable)}\n`);
  if (result.sensitivity) {
    const indices = result.sensitivity.indices as Array<{ path: string; rank: number; muStar?: number; sigma?: number; s1?: number | null; st?: number | null }>;
    io.err(`${m.method} sensitivity of ${m.kpi} -> ${join(out, 'sensitivity.json')}\n`);
    for (const x of indices) {
      io.out(m.method === 'morris'
        ? `${x.rank}\t${x.path}\tmu*=${fmt(x.muStar)}\tsigma=${fmt(x.sigma)}\n`
        : `${x.rank}\t${x.path}\tS1=${fmt(x.s1)}\tST=${fmt(x.st)}\n`);
    }
  }
}

function fmt(x: number | null | undefined): string {
  return typeof x === 'number' ? x.toPrecision(6) : 'n/a';
}

function optInt<K extends string>(key: K, flag: string, v: string | undefined): Partial<Record<K, number>> {
  const n = intFlag(flag, v);
  return n === undefined ? {} : ({ [key]: n } as Record<K, number>);
}
