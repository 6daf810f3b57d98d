// The task a worker thread (or a BullMQ worker's thread) runs: validate the shipped scenario document, run it
// with the run's seed, return summary.json content and timeseries.arrow bytes. Loaded once per thread.
import { runScenario, scenarioFromObject } from '../runner/index.js';
import { summaryText } from '../metrics/summary.js';
import { timeseriesToArrow } from '../metrics/timeseries.js';
import type { RunOutput } from './results-store.js';
import type { RunTask } from './task.js';

export async function runTask(task: RunTask): Promise<RunOutput> {
  const scenario = scenarioFromObject(task.scenario, task.label);
  const r = await runScenario(scenario, { seed: BigInt(task.seed), ...(task.days !== null ? { days: task.days } : {}) });
  return {
    runIndex: task.runIndex,
    summary: JSON.parse(summaryText(r.summary)) as Record<string, unknown>,
    timeseries: timeseriesToArrow(r.timeseries),
  };
}
