// Open a results folder of either kind: a run (summary.json) or a sweep (manifest.json).
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ReportInputError } from '../errors.js';
import { loadRunFolder, type RunFolder } from './run-folder.js';
import { loadSweepFolder, type SweepFolder } from './sweep-folder.js';

export type ResultsFolder = RunFolder | SweepFolder;

export function loadResults(dirArg: string): ResultsFolder {
  const dir = resolve(dirArg);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ReportInputError('ResultsFolderMissing', `${dirArg} does not exist or is not a folder`);
  }
  if (existsSync(join(dir, 'manifest.json'))) return loadSweepFolder(dir);
  if (existsSync(join(dir, 'summary.json'))) return loadRunFolder(dir);
  throw new ReportInputError('NotAResultsFolder',
    `${dirArg} holds neither summary.json (a run: bai-lab run --out) nor manifest.json (a sweep: bai-lab sweep --out)`);
}
