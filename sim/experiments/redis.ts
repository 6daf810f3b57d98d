// The distributed backend on BullMQ + Redis. The coordinator (`bai-lab sweep --backend redis`) enqueues one job
// per pending run, keyed `<sweepId>-r<runIndex>` (a re-enqueue of the same run is a no-op), and collects the
// results; `bai-lab worker --redis URL` processes on any machine consume them, each running simulations on its
// own piscina threads so its event loop stays free to renew job locks.
// Exactly once: a worker killed mid-run stops renewing its lock; BullMQ's stalled-job check (in every live
// worker) moves the job back to the wait list and another worker reruns it. Only the lock holder can complete
// a job, and the coordinator stores each run index once (atomic folder rename; later deliveries are dropped).
import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { RedisUnreachableError, SweepRunError } from './errors.js';
import type { Executor, ResultSink } from './executor.js';
import { LocalPool } from './pool.js';
import type { RunOutput } from './results-store.js';
import { fromWire, toWire, type RunTask, type WireOutput } from './task.js';

export const DEFAULT_QUEUE = 'bai-lab-runs';
/** BullMQ's default lock (30 s): a killed worker's run is retried after at most about this long. */
export const DEFAULT_LOCK_MS = 30_000;
/** A job whose worker died this many times is failed (a run that crashes its process every time). */
export const MAX_STALLED = 5;
const RECONCILE_EVERY_MS = 2_000;
const CONNECT_TIMEOUT_MS = 3_000;
/** Consecutive failed probes (RECONCILE_EVERY_MS apart) before the coordinator gives up on a lost Redis. */
const UNREACHABLE_PROBES_MAX = 5;
const CLOSE_TIMEOUT_MS = 3_000;
/** Polls without a new result before the coordinator reminds the user to start workers. */
const QUIET_POLLS_LOG = 15;

interface JobData {
  readonly sweepId: string;
  readonly labVersion: string;
  readonly task: RunTask;
}

/** redis://[user:password@]host[:port][/db] → ioredis options (BullMQ needs maxRetriesPerRequest: null). */
export function connectionFromUrl(url: string): RedisOptions & { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUnreachableError(`--redis ${JSON.stringify(url)}: not a URL (expected redis://host:port)`);
  }
  if (u.protocol !== 'redis:') throw new RedisUnreachableError(`--redis ${url}: only redis:// URLs are supported`);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new RedisUnreachableError(`--redis ${url}: database must be a number`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Fail fast (exit 2) when Redis does not answer PING, instead of retrying forever. */
export async function checkRedis(url: string): Promise<void> {
  const opts = connectionFromUrl(url);
  const client = new Redis({ ...opts, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: CONNECT_TIMEOUT_MS, enableOfflineQueue: false });
  let lastError = '';
  client.on('error', (e: Error) => (lastError = e.message));
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`unexpected PING reply ${pong}`);
  } catch (e) {
    throw new RedisUnreachableError(`cannot reach Redis at ${url}: ${(e as Error).message || lastError || 'connection failed'}`);
  } finally {
    client.disconnect();
  }
}

export function jobId(sweepId: string, runIndex: number): string {
  return `${sweepId}-r${runIndex}`;
}

export interface RedisExecutorStats {
  delivered: number;
  stalled: number;
}

/** Coordinator side: enqueue pending runs, collect results. */
export class RedisExecutor implements Executor {
  readonly stats: RedisExecutorStats = { delivered: 0, stalled: 0 };

  constructor(
    private readonly url: string,
    private readonly sweepId: string,
    private readonly labVersion: string,
    private readonly queueName = DEFAULT_QUEUE,
    private readonly log: (l: string) => void = () => {},
    private readonly timing: { readonly reconcileMs: number; readonly probesMax: number } = { reconcileMs: RECONCILE_EVERY_MS, probesMax: UNREACHABLE_PROBES_MAX },
  ) {}

  async runAll(tasks: readonly RunTask[], onResult: ResultSink): Promise<void> {
    await checkRedis(this.url);
    const connection = connectionFromUrl(this.url);
    const queue = new Queue<JobData, WireOutput>(this.queueName, { connection });
    const events = new QueueEvents(this.queueName, { connection });
    const pending = new Map<string, RunTask>(tasks.map((t) => [jobId(this.sweepId, t.runIndex), t]));
    let failure: Error | null = null;
    let wake: () => void = () => {};
    const storing = new Set<Promise<void>>();
    const settle = (id: string, w: WireOutput | null): void => {
      const task = pending.get(id);
      if (!task || !w) return;
      let out: RunOutput;
      try {
        out = fromWire(w);
        if (out.runIndex !== task.runIndex) throw new Error(`job ${id} answered run ${out.runIndex}`);
      } catch (e) {
        failure ??= new SweepRunError(task.runIndex, `malformed result from a worker: ${(e as Error).message}`);
        wake();
        return;
      }
      pending.delete(id);
      this.stats.delivered++;
      const stored = (async () => {
        try {
          await onResult(out);
          await queue.remove(id).catch(() => {}); // free Redis memory; the run is on disk now
        } catch (e) {
          failure ??= e as Error;
        }
        wake();
      })();
      storing.add(stored);
      void stored.then(() => storing.delete(stored));
      wake();
    };
    const checkFailed = async (id: string, reason: string): Promise<void> => {
      const task = pending.get(id);
      if (!task) return;
      const state = await queue.getJobState(id);
      if (state === 'failed') {
        failure ??= new SweepRunError(task.runIndex, reason);
        wake();
      }
    };
    events.on('completed', ({ jobId: id, returnvalue }) => {
      if (!pending.has(id)) return;
      try {
        settle(id, (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as WireOutput);
      } catch {
        /* unparsable event payload: the reconcile loop reads the job itself */
      }
    });
    events.on('failed', ({ jobId: id, failedReason }) => void checkFailed(id, failedReason).catch(() => {}));
    events.on('stalled', ({ jobId: id }) => {
      if (!pending.has(id)) return;
      this.stats.stalled++;
      this.log(`run ${pending.get(id)!.runIndex}: its worker stopped answering; the run is queued again`);
    });
    try {
      await events.waitUntilReady();
      await this.reconcile(queue, pending, settle, checkFailed, true);
      await queue.addBulk(
        [...pending.entries()].map(([id, task]) => ({
          name: 'run',
          data: { sweepId: this.sweepId, labVersion: this.labVersion, task },
          opts: { jobId: id, attempts: 1, removeOnComplete: false, removeOnFail: false },
        })),
      );
      this.log(`redis: ${pending.size} runs queued on "${this.queueName}" (sweep ${this.sweepId}); waiting for workers`);
      let unreachable = 0;
      let quiet = 0;
      let deliveredBefore = this.stats.delivered;
      while (pending.size > 0 && failure === null) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((res) => {
          wake = res;
          timer = setTimeout(res, this.timing.reconcileMs); // wall-clock-ok: polling a remote queue, outside the simulation
        });
        clearTimeout(timer);
        if (pending.size === 0 || failure !== null) break;
        // BullMQ's own connections wait forever for a lost Redis: probe it, and give up (exit 2) after a while.
        try {
          await checkRedis(this.url);
          unreachable = 0;
        } catch (e) {
          if (++unreachable >= this.timing.probesMax) throw e;
          this.log(`redis: ${(e as Error).message}; retrying (${unreachable}/${this.timing.probesMax})`);
          continue;
        }
        await this.reconcile(queue, pending, settle, checkFailed, false);
        // say so when nothing lands for a while (no worker started, or all of them busy elsewhere)
        if (this.stats.delivered === deliveredBefore) {
          if (++quiet % QUIET_POLLS_LOG === 0) this.log(`redis: ${pending.size} runs still queued; start workers with \`bai-lab worker --redis ${this.url}\``);
        } else {
          quiet = 0;
          deliveredBefore = this.stats.delivered;
        }
      }
      await Promise.all([...storing]);
      if (failure) throw failure;
    } finally {
      // Closing waits for Redis; after a lost connection do not wait forever.
      await Promise.race([Promise.all([events.close(), queue.close()]), new Promise((res) => setTimeout(res, CLOSE_TIMEOUT_MS).unref())]); // wall-clock-ok
      events.disconnect().catch(() => {});
      queue.disconnect().catch(() => {});
    }
  }

  /** Catch results whose events were missed (coordinator restart, dropped connection); retry stale failed jobs. */
  private async reconcile(
    queue: Queue<JobData, WireOutput>,
    pending: Map<string, RunTask>,
    settle: (id: string, w: WireOutput | null) => void,
    checkFailed: (id: string, reason: string) => Promise<void>,
    initial: boolean,
  ): Promise<void> {
    for (const id of [...pending.keys()]) {
      const job: Job<JobData, WireOutput> | undefined = await queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      if (state === 'completed') settle(id, job.returnvalue);
      else if (state === 'failed') {
        // A failure left from an earlier coordinator: run it again once; a fresh failure ends the sweep.
        if (initial) await job.retry('failed');
        else await checkFailed(id, job.failedReason);
      }
    }
  }

  async close(): Promise<void> {}
}

export interface WorkerOptions {
  readonly url: string;
  readonly threads: number;
  readonly queueName?: string;
  readonly lockMs?: number;
  readonly taskModule?: string;
  readonly labVersion: string;
  readonly log: (l: string) => void;
}

export interface RunningWorker {
  /** resolves when the worker has stopped */
  readonly closed: Promise<void>;
  stop(): Promise<void>;
}

/** Worker side: consume runs until stopped; `threads` simulations at a time. */
export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  await checkRedis(o.url);
  const lockMs = o.lockMs ?? DEFAULT_LOCK_MS;
  if (!Number.isInteger(lockMs) || lockMs < 500) throw new RangeError(`lock duration must be an integer >= 500 ms: ${lockMs}`);
  const pool = new LocalPool({ threads: o.threads, ...(o.taskModule ? { taskModule: o.taskModule } : {}) });
  const worker = new Worker<JobData, WireOutput>(
    o.queueName ?? DEFAULT_QUEUE,
    async (job) => {
      if (job.data.labVersion !== o.labVersion) {
        throw new Error(`lab version mismatch: coordinator ${job.data.labVersion}, worker ${o.labVersion}`);
      }
      return toWire(await pool.run(job.data.task));
    },
    {
      connection: connectionFromUrl(o.url),
      concurrency: o.threads,
      lockDuration: lockMs,
      stalledInterval: Math.max(250, Math.floor(lockMs / 2)),
      maxStalledCount: MAX_STALLED,
    },
  );
  worker.on('completed', (job) => o.log(`run ${job.data.task.runIndex} done (sweep ${job.data.sweepId})`));
  worker.on('failed', (job, err) => o.log(`run ${job?.data.task.runIndex ?? '?'} failed: ${err.message}`));
  worker.on('error', (err) => o.log(`worker error: ${err.message}`));
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((res) => (resolveClosed = res));
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await worker.close();
      await pool.close();
      resolveClosed();
    })();
    return stopping;
  };
  await worker.waitUntilReady();
  return { closed, stop };
}
