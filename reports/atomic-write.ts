// Files are written temp-then-rename so a reader never sees a half-written chart or report.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { ReportInputError } from './errors.js';
import { dirname, join, basename } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Create the output folder up front so a bad --out is a named error (exit 2) before any work is done. */
export function ensureOutDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ReportInputError('OutputNotWritable', `cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
