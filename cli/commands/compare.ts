// `bai-lab compare BASE_DIR PROPOSAL_DIR`: paired KPI deltas (proposal − base) with 90% intervals, as a table on
// stdout and compare.html + charts/ (reports/compare.ts).
import { writeCompare } from '../../reports/compare.js';
import type { CliCommand } from '../main.js';

export const command: CliCommand = {
  name: 'compare',
  register(program, io) {
    program.command('compare')
      .description('compare a governance proposal with a base: KPI deltas paired by seed, 90% intervals, compare.html')
      .argument('<baseDir>', 'results folder of the base scenario (run or sweep)')
      .argument('<proposalDir>', 'results folder of the proposal, run with the same seeds (and grid)')
      .option('--out <dir>', 'where compare.html and charts/ go (default: PROPOSAL_DIR/compare)')
      .action(async (baseDir: string, proposalDir: string, opts: { out?: string }) => {
        const r = await writeCompare(baseDir, proposalDir, opts.out ? { outDir: opts.out } : {});
        io.out(r.text);
        io.err(`compare: ${r.htmlPath}\n`);
      });
  },
};
