// A backend that runs tasks somewhere (worker threads here, BullMQ consumers elsewhere) and hands each result
// back to the coordinator, which alone writes the sweep folder.
import type { RunOutput } from './results-store.js';
import type { RunTask } from './task.js';

/** Stores one result; runAll resolves only after every sink call has settled. A throw/rejection stops the sweep. */
export type ResultSink = (out: RunOutput) => void | Promise<void>;

export interface Executor {
  /** Runs every task; onResult may see a run twice (retried job): storing is idempotent. Rejects on a failed run. */
  runAll(tasks: readonly RunTask[], onResult: ResultSink): Promise<void>;
  close(): Promise<void>;
}
