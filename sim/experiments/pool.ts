// The local backend: a piscina pool of worker threads, each running whole simulations. The main thread only
// dispatches tasks and renames finished run folders into place; at most `2 × threads` tasks are in flight so
// a large sweep never queues all its scenarios in memory, and every worker always has its next task waiting.
import { Piscina } from 'piscina';
import { SweepRunError } from './errors.js';
import type { RunOutput } from './results-store.js';
import type { RunTask } from './task.js';
import type { ResultSink } from './executor.js';

export const DEFAULT_TASK_MODULE = new URL('./run-task.ts', import.meta.url).href;
const WORKER_FILE = new URL('./pool-worker.mjs', import.meta.url).href;
export const MAX_THREADS = 256;

export interface PoolOptions {
  readonly threads: number;
  /** URL of the module exporting runTask (tests substitute a model) */
  readonly taskModule?: string;
}

export class LocalPool {
  private readonly pool: Piscina;
  readonly threads: number;

  constructor(opts: PoolOptions) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1 || opts.threads > MAX_THREADS) {
      throw new RangeError(`threads must be an integer in [1, ${MAX_THREADS}]: ${opts.threads}`);
    }
    this.threads = opts.threads;
    this.pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: opts.threads,
      maxThreads: opts.threads,
      idleTimeout: 60_000,
      concurrentTasksPerWorker: 1,
      workerData: { taskModule: opts.taskModule ?? DEFAULT_TASK_MODULE },
    });
  }

  run(task: RunTask): Promise<RunOutput> {
    return this.pool.run(task) as Promise<RunOutput>;
  }

  /**
   * Run every task; `onResult` is called on the main thread as each finishes (any order). The first failure
   * stops dispatch, lets in-flight runs finish (their results are kept), then rejects with SweepRunError.
   */
  async runAll(tasks: readonly RunTask[], onResult: ResultSink): Promise<void> {
    let next = 0;
    let failure: Error | null = null;
    const window = this.threads * 2;
    const lane = async (): Promise<void> => {
      while (failure === null && next < tasks.length) {
        const task = tasks[next++]!;
        let out: RunOutput;
        try {
          out = await this.run(task);
          if (out.runIndex !== task.runIndex) throw new Error(`worker answered run ${out.runIndex} for run ${task.runIndex}`);
        } catch (e) {
          failure ??= e instanceof SweepRunError ? e : new SweepRunError(task.runIndex, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
          continue;
        }
        try {
          await onResult(out);
        } catch (e) {
          failure ??= e as Error; // the coordinator refused the result (e.g. a bad --kpi): its own error, as is
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, tasks.length) }, lane));
    if (failure) throw failure;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
