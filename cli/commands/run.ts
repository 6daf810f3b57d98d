// `bai-lab run <scenario>`: load, validate, simulate, write DIR/summary.json and DIR/timeseries.arrow.

import { collect, intFlag } from '../flags.js';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadScenario, scenarioSource } from '../../scenarios/load.js';
import { checkDeterminism } from '../../sim/runner/determinism.js';
import { BadInputError, CheckFailedError } from '../../sim/runner/errors.js';
import { prepareOutDir, removeIfEmptyOfOutputs, replayCommand, runScenario, writeOutputs, type RunResult } from '../../sim/runner/run.js';
import { resolveSeed } from '../../sim/runner/seed.js';
import { summaryText } from '../../sim/metrics/summary.js';
import type { CliIO } from '../io.js';
import type { CliCommand } from '../main.js';
import { progressReporter } from '../progress.js';
import { afterRun } from '../after-run.js';

interface RunFlags {
  seed?: string; days?: string; out?: string; set: string[]; json?: boolean;
  checkDeterminism?: boolean; checkpointEvery?: string;
}


export const command: CliCommand = {
  name: 'run',
  register(program: Command, io: CliIO) {
    program.command('run')
      .description('run a scenario (a .yaml path or a library name such as "baseline") and write its outputs')
      .argument('<scenario>', 'scenario file or library name')
      .option('--seed <N>', 'root seed: unsigned 64-bit, decimal or 0x hex (default: the scenario\'s seed, else 0)')
      .option('--days <D>', 'simulated days (default: the scenario\'s days)')
      .option('--out <DIR>', 'output folder (default: out/<scenario name>)')
      .option('--set <path=value>', 'override a scenario parameter; repeatable (see `bai-lab schema --paths`)', collect, [])
      .option('--json', 'print summary.json to stdout')
      .option('--check-determinism', 'run twice and compare trace hashes; exit 1 with the first divergent event')
      .option('--checkpoint-every <days>', 'write a checkpoint into DIR/checkpoints every <days> days (see `bai-lab resume`)')
      .action(async (ref: string, flags: RunFlags) => { await runCommand(ref, flags, io); });
  },
};

async function runCommand(ref: string, flags: RunFlags, io: CliIO): Promise<void> {
  const days = intFlag('--days', flags.days);
  const every = intFlag('--checkpoint-every', flags.checkpointEvery);
  if (every !== undefined && flags.checkDeterminism) {
    throw new BadInputError('--check-determinism and --checkpoint-every cannot be combined (check first, then run with checkpoints)');
  }
  const scenario = loadScenario(ref, flags.set);
  const seed = resolveSeed(flags.seed, scenario);
  const totalDays = days ?? scenario.days;
  const outDir = flags.out ?? join('out', scenario.name.replace(/[^\w.-]+/g, '_'));
  const src = scenarioSource(scenario)!;
  const created = prepareOutDir(outDir);
  io.err(`bai-lab: scenario ${scenario.name} (${src.file}), seed ${seed}, ${totalDays} days -> ${outDir}\n`);
  io.err(`  replay: ${replayCommand(src.file, src.sets, seed, totalDays)}\n`);
  const progress = progressReporter(io, scenario.name);
  let result: RunResult;
  try {
    if (flags.checkDeterminism) {
      const report = await checkDeterminism(scenario, { seed, days: totalDays, onProgress: progress.onProgress });
      progress.stop();
      if (!report.ok) throw new CheckFailedError(`${report.message}\n  seed ${seed}; replay: ${replayCommand(src.file, src.sets, seed, totalDays)} --check-determinism`);
      io.err(report.message + '\n');
      result = report.first;
      writeOutputs(outDir, result);
    } else {
      result = await runScenario(scenario, {
        seed, days: totalDays, outDir, onProgress: progress.onProgress,
        ...(every !== undefined ? { checkpointEveryDays: every } : {}),
      });
    }
  } catch (e) {
    if (created) removeIfEmptyOfOutputs(outDir); // nothing partial left behind
    throw e;
  } finally { progress.stop(); }
  await afterRun(outDir, result, io);
  finishOutput(io, outDir, result, flags.json === true);
}

export function finishOutput(io: CliIO, outDir: string, result: RunResult, json: boolean): void {
  io.err(`  traceHash ${result.summary.traceHash}  stateRoot ${result.summary.stateRoot}  blocks ${result.summary.blocks}\n`);
  io.err(`  wrote ${join(outDir, 'summary.json')} and ${join(outDir, 'timeseries.arrow')}\n`);
  if (json) io.out(summaryText(result.summary));
}
