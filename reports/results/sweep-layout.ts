// Where the experiments engineer's sweep writes each run's folder. Kept in one place so a layout change is a
// one-line edit here.
import { join } from 'node:path';

export function runFolderPath(sweepDir: string, _manifest: Readonly<Record<string, unknown>>, runIndex: number): string {
  return join(sweepDir, 'runs', String(runIndex));
}
