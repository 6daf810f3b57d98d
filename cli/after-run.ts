// Steps run after `bai-lab run` / `bai-lab resume` wrote summary.json and timeseries.arrow (e.g. the reports
// engineer's report.html). ADDING ONE: one import and one entry in AFTER_RUN. Each step writes its own files into
// outDir (temp then rename) and throws BadInputError/Error like any command; steps run in this list's order.

import type { RunResult } from '../sim/runner/run.js';
import type { CliIO } from './io.js';

export type AfterRunStep = (outDir: string, result: RunResult, io: CliIO) => Promise<void> | void;

export const AFTER_RUN: readonly AfterRunStep[] = [
];

export async function afterRun(outDir: string, result: RunResult, io: CliIO): Promise<void> {
  for (const step of AFTER_RUN) await step(outDir, result, io);
}
