// `bai-lab resume <dir>`: continue a run from the newest checkpoint in DIR/checkpoints; it ends with the same
// traceHash and outputs as the uninterrupted run.

import type { Command } from 'commander';
import { resumeRun } from '../../sim/runner/run.js';
import type { CliIO } from '../io.js';
import type { CliCommand } from '../main.js';
import { progressReporter } from '../progress.js';
import { finishOutput } from './run.js';
import { afterRun } from '../after-run.js';

export const command: CliCommand = {
  name: 'resume',
  register(program: Command, io: CliIO) {
    program.command('resume')
      .description('continue an interrupted run from the newest checkpoint in <dir>')
      .argument('<dir>', 'the output folder of a run started with --checkpoint-every')
      .option('--json', 'print summary.json to stdout')
      .action(async (dir: string, flags: { json?: boolean }) => {
        const progress = progressReporter(io, 'resume');
        try {
          const r = await resumeRun(dir, { onProgress: progress.onProgress });
          progress.stop();
          io.err(`bai-lab: resumed ${r.summary.scenario}, seed ${r.summary.seed}, ${r.summary.days} days in ${dir}\n`);
          await afterRun(dir, r, io);
          finishOutput(io, dir, r, flags.json === true);
        } finally { progress.stop(); }
      });
  },
};
