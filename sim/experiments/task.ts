// The unit of work shipped to a worker thread or a BullMQ job: a self-contained run description. It carries the
// resolved scenario document (not a file path), so a worker on another machine needs no scenario files, and the
// worker validates it again (scenarioFromObject) before running.
import type { RunOutput } from './results-store.js';

export interface RunTask {
  readonly runIndex: number;
  readonly pointIndex: number;
  readonly replicate: number;
  /** decimal u64 */
  readonly seed: string;
  /** --days override or null */
  readonly days: number | null;
  /** the resolved scenario document (plain JSON) */
  readonly scenario: unknown;
  /** where the scenario came from, for error messages */
  readonly label: string;
}

/** A module a worker loads: `export async function runTask(task): Promise<RunOutput>`. */
export interface TaskModule {
  runTask(task: RunTask): Promise<RunOutput>;
}

/** Wire form of RunOutput for JSON transports (BullMQ): the Arrow bytes as base64. */
export interface WireOutput {
  readonly runIndex: number;
  readonly summary: Readonly<Record<string, unknown>>;
  readonly timeseriesBase64: string | null;
}

export function toWire(o: RunOutput): WireOutput {
  return {
    runIndex: o.runIndex,
    summary: o.summary,
    timeseriesBase64: o.timeseries ? Buffer.from(o.timeseries.buffer, o.timeseries.byteOffset, o.timeseries.byteLength).toString('base64') : null,
  };
}

export function fromWire(w: WireOutput): RunOutput {
  if (typeof w !== 'object' || w === null || !Number.isInteger(w.runIndex) || typeof w.summary !== 'object' || w.summary === null) {
    throw new TypeError('malformed run output');
  }
  return {
    runIndex: w.runIndex,
    summary: w.summary,
    timeseries: w.timeseriesBase64 === null ? null : new Uint8Array(Buffer.from(w.timeseriesBase64, 'base64')),
  };
}
