// Where a sweep (sim/experiments) keeps its files. The manifest names them in `outputs` (runsTable,
// runFolders pattern like "runs/r{runIndex:06}", sensitivity); these defaults match sim/experiments when absent.
import { join } from 'node:path';
import { isRecord } from './summary.js';

const DEFAULT_RUN_FOLDERS = 'runs/r{runIndex:06}';

function outputs(manifest: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return isRecord(manifest.outputs) ? manifest.outputs : {};
}

export function runFolderPath(sweepDir: string, manifest: Readonly<Record<string, unknown>>, runIndex: number): string {
  const pattern = typeof outputs(manifest).runFolders === 'string' ? (outputs(manifest).runFolders as string) : DEFAULT_RUN_FOLDERS;
  const rel = pattern.replace(/\{runIndex(?::0(\d+))?\}/g, (_m, width: string | undefined) =>
    String(runIndex).padStart(width ? Number(width) : 0, '0'));
  return join(sweepDir, rel);
}

export function runsTablePath(sweepDir: string, manifest: Readonly<Record<string, unknown>>): string {
  const f = outputs(manifest).runsTable;
  return join(sweepDir, typeof f === 'string' && f ? f : 'runs.arrow');
}

export function sensitivityPath(sweepDir: string, manifest: Readonly<Record<string, unknown>>): string {
  const f = outputs(manifest).sensitivity;
  return join(sweepDir, typeof f === 'string' && f ? f : 'sensitivity.json');
}

/** The scenario's display name: manifest.scenario is {ref, name, sets} in sim/experiments. */
export function sweepScenarioName(manifest: Readonly<Record<string, unknown>>): string {
  const s = manifest.scenario;
  if (isRecord(s)) return String(s.name ?? s.ref ?? 'sweep');
  return typeof s === 'string' ? s : 'sweep';
}
