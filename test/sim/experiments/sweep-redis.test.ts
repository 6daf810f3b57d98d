// The BullMQ backend against a real redis-server: workers in separate processes, one killed with SIGKILL in the
// middle of a run; the run is retried by the other worker, every run lands exactly once, and the runs table is
// byte-identical to the local backend's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { runSweep } from '../../../sim/experiments/sweep.js';
import { checkRedis, connectionFromUrl, RedisExecutor as RedisExecutorClass, type RedisExecutor } from '../../../sim/experiments/redis.js';
import { readManifest } from '../../../sim/experiments/manifest.js';
import { RedisUnreachableError } from '../../../sim/experiments/errors.js';
import { startRedis, type RedisHandle } from './fixtures/redis-server.js';
import { toyDeps, toyRedisDeps } from './fixtures/toy-deps.js';
import { toyBase } from './fixtures/toy-model.js';

const root = mkdtempSync(join(tmpdir(), 'bai-redis-'));
const WORKER = fileURLToPath(new URL('./fixtures/worker-child.ts', import.meta.url));
let redis: RedisHandle;
const children: ChildProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

function startWorkerProcess(lockMs: number): { proc: ChildProcess; lines: string[]; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', WORKER, redis.url, String(lockMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const lines: string[] = [];
  let onReady: () => void = () => {};
  const ready = new Promise<void>((res) => (onReady = res));
  let buf = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      if (l === 'ready') onReady();
    }
  });
  return { proc, lines, ready };
}

const GRID = ['toy.a=1,2,3', 'toy.b=0,5'];
const WORK_MS = 250;

describe('Redis backend (BullMQ)', () => {
  it('names an unreachable Redis and a malformed URL (exit 2) without touching results', async () => {
    await expect(checkRedis('redis://127.0.0.1:1')).rejects.toThrow(RedisUnreachableError);
    expect(() => connectionFromUrl('http://x')).toThrow(RedisUnreachableError);
    expect(connectionFromUrl('redis://:pw@10.0.0.2:7000/3')).toMatchObject({ host: '10.0.0.2', port: 7000, db: 3, password: 'pw' });
    const out = join(root, 'unreachable');
    const err = await runSweep({ scenario: 'toy', grid: GRID, out, backend: 'redis' }, toyRedisDeps('redis://127.0.0.1:1')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect((err as RedisUnreachableError).exitCode).toBe(2);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('running');
  });

  it('gives up with RedisUnreachableError (exit 2) when Redis goes away mid-sweep, keeping the folder resumable', async () => {
    const lost = await startRedis();
    const out = join(root, 'lost');
    const deps = toyRedisDeps(lost.url);
    const sweep = runSweep({ scenario: 'toy', grid: GRID, out, backend: 'redis' }, {
      ...deps,
      executor: async ({ sweepId }) => new RedisExecutorClass(lost.url, sweepId, 'test', 'lost-queue', () => {}, { reconcileMs: 200, probesMax: 3 }),
    });
    // no worker consumes: wait until the jobs are queued, then take Redis away
    for (let i = 0; i < 200 && !existsSync(join(out, 'manifest.json')); i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 500));
    await lost.stop();
    const err = await sweep.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RedisUnreachableError);
    expect(readManifest(out).status).toBe('running');
  }, 30_000);

  it('a restarted coordinator collects results that workers finished while it was gone (from Redis)', async () => {
    const out = join(root, 'restart');
    const worker = startWorkerProcess(1000);
    await worker.ready;
    // coordinator 1 "crashes" (its sink throws) after storing 2 runs; the worker goes on with the queued jobs
    let stored = 0;
    const deps = toyRedisDeps(redis.url);
    const crashing = {
      ...deps,
      executor: async (ctx: { sweepId: string }) => {
        const ex = await deps.executor(ctx);
        return { runAll: (t: Parameters<typeof ex.runAll>[0], sink: Parameters<typeof ex.runAll>[1]) => ex.runAll(t, async (o) => {
          if (stored++ >= 2) throw new Error('coordinator crashed');
          await sink(o);
        }), close: () => ex.close() };
      },
    };
    await expect(runSweep({ scenario: 'toy', grid: GRID, runs: 2, out, seed: '8', days: 2, backend: 'redis' }, crashing)).rejects.toThrow('coordinator crashed');
    const q = new Queue('bai-lab-runs', { connection: connectionFromUrl(redis.url) });
    const busy = async () => {
      const c = await q.getJobCounts('wait', 'active');
      return (c.wait ?? 0) + (c.active ?? 0);
    };
    for (let i = 0; i < 400 && (await busy()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    await q.close();
    worker.proc.kill('SIGTERM');
    await new Promise((r) => worker.proc.once('exit', r));
    // coordinator 2: no worker is running; every missing run is already completed in Redis
    const holder: { executor?: RedisExecutor } = {};
    const r = await runSweep({ out, resume: true, backend: 'redis' }, toyRedisDeps(redis.url, toyBase(), [], holder));
    expect(r.ranInThisCall).toBe(12 - 2);
    expect(holder.executor!.stats.delivered).toBe(10);
    const local = join(root, 'restart-local');
    await runSweep({ scenario: 'toy', grid: GRID, runs: 2, out: local, seed: '8', days: 2, workers: 1 }, toyDeps(1));
    expect(readFileSync(join(out, 'runs.arrow')).equals(readFileSync(join(local, 'runs.arrow')))).toBe(true);
  }, 60_000);

  it('retries a SIGKILLed worker\'s run elsewhere, lands every run once, same table as the local backend', async () => {
    const base = { ...toyBase(), toy: { ...toyBase().toy, workMs: WORK_MS } };
    const a = startWorkerProcess(1000);
    const b = startWorkerProcess(1000);
    await Promise.all([a.ready, b.ready]);
    const out = join(root, 'redis');
    const log: string[] = [];
    const holder: { executor?: RedisExecutor } = {};
    const sweep = runSweep({ scenario: 'toy', grid: GRID, runs: 2, out, seed: '3', days: 2, backend: 'redis' }, toyRedisDeps(redis.url, base, log, holder));
    // once worker A has finished a run it has already taken the next one: kill it in the middle of that run
    for (let i = 0; i < 400 && !a.lines.some((l) => l.startsWith('run ')); i++) await new Promise((r) => setTimeout(r, 25));
    a.proc.kill('SIGKILL');
    const result = await sweep;
    expect(result.ranInThisCall).toBe(12);
    expect(holder.executor!.stats.delivered).toBe(12);
    expect(holder.executor!.stats.stalled).toBeGreaterThanOrEqual(1);
    expect(readdirSync(join(out, 'runs')).filter((n) => /^r\d+$/.test(n))).toHaveLength(12);
    b.proc.kill('SIGTERM');

    const local = join(root, 'local');
    await runSweep({ scenario: 'toy', grid: GRID, runs: 2, out: local, seed: '3', days: 2, workers: 2 }, toyDeps(2, base));
    expect(readFileSync(join(out, 'runs.arrow')).equals(readFileSync(join(local, 'runs.arrow')))).toBe(true);
  }, 60_000);
});
