// `bai-lab report DIR`: build report.html + charts/ for a run folder or a sweep folder (reports/report.ts).
import { writeReport } from '../../reports/report.js';
import type { CliCommand } from '../main.js';

export const command: CliCommand = {
  name: 'report',
  register(program, io) {
    program.command('report')
      .description('write a self-contained report.html with SVG/PNG charts for a run or sweep results folder')
      .argument('<dir>', 'results folder: a run (summary.json + timeseries.arrow) or a sweep (manifest.json + runs.arrow)')
      .option('--out <dir>', 'write report.html and charts/ here instead of into the results folder')
      .action(async (dir: string, opts: { out?: string }) => {
        const r = await writeReport(dir, opts.out ? { outDir: opts.out } : {});
        io.err(`report: ${r.charts.length} chart(s)\n`);
        io.out(`${r.htmlPath}\n`);
      });
  },
};
