// Per-run results of a sweep: DIR/runs/r<runIndex, 6+ digits>/ holding summary.json (the runner's summary) and
// timeseries.arrow (the runner's per-day table, when the run produced one). A run counts as done only once its
// folder was renamed into place, so listing the folder is the resume state.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CorruptRunResultError } from './errors.js';
import { writeDirAtomic, writeDirAtomicAsync } from './atomic.js';

export const RUNS_SUBDIR = 'runs';
export const SUMMARY_FILE = 'summary.json';
export const TIMESERIES_FILE = 'timeseries.arrow';

/** What a worker returns for one run. */
export interface RunOutput {
  readonly runIndex: number;
  /** summary.json content (output contract) */
  readonly summary: Readonly<Record<string, unknown>>;
  /** timeseries.arrow bytes, or null when the run wrote none */
  readonly timeseries: Uint8Array | null;
}

export function runDirName(runIndex: number): string {
  return `r${String(runIndex).padStart(6, '0')}`;
}

const RUN_DIR = /^r(\d{6,})$/;

export function runsDir(outDir: string): string {
  return join(outDir, RUNS_SUBDIR);
}

/** Remove temporaries a killed coordinator left behind (never a completed run folder). */
export function sweepTemporaries(outDir: string): number {
  const dir = runsDir(outDir);
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.tmp-')) {
      rmSync(join(dir, name), { recursive: true, force: true });
      n++;
    }
  }
  for (const name of readdirSync(outDir)) {
    if (name.startsWith('.tmp-')) rmSync(join(outDir, name), { recursive: true, force: true });
  }
  return n;
}

/** Run indices with a completed folder, ascending. Indices >= totalRuns are an error (a different sweep's folder). */
export function completedRuns(outDir: string, totalRuns: number): number[] {
  const dir = runsDir(outDir);
  if (!existsSync(dir)) return [];
  const done: number[] = [];
  for (const name of readdirSync(dir)) {
    const m = RUN_DIR.exec(name);
    if (!m) continue;
    const idx = Number(m[1]);
    if (idx >= totalRuns) throw new CorruptRunResultError(`${join(dir, name)}: run index ${idx} is outside this sweep (0..${totalRuns - 1})`);
    done.push(idx);
  }
  return done.sort((a, b) => a - b);
}

function runFiles(out: RunOutput): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = { [SUMMARY_FILE]: JSON.stringify(out.summary, null, 2) + '\n' };
  if (out.timeseries) files[TIMESERIES_FILE] = out.timeseries;
  return files;
}

/** Persist one run; returns false when the run was already stored (duplicate delivery). */
export function storeRun(outDir: string, out: RunOutput): boolean {
  const dir = runsDir(outDir);
  mkdirSync(dir, { recursive: true });
  return writeDirAtomic(dir, runDirName(out.runIndex), runFiles(out));
}

/** storeRun without blocking the event loop (what the coordinator uses). */
export async function storeRunAsync(outDir: string, out: RunOutput): Promise<boolean> {
  const dir = runsDir(outDir);
  mkdirSync(dir, { recursive: true });
  return writeDirAtomicAsync(dir, runDirName(out.runIndex), runFiles(out));
}

export function readRunSummary(outDir: string, runIndex: number): Record<string, unknown> {
  const file = join(runsDir(outDir), runDirName(runIndex), SUMMARY_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CorruptRunResultError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)}); delete its run folder to rerun it`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new CorruptRunResultError(`${file}: not valid JSON (damaged outside the lab); delete its run folder to rerun it`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v) || typeof (v as { kpis?: unknown }).kpis !== 'object') {
    throw new CorruptRunResultError(`${file}: not a run summary (no "kpis" object); delete its run folder to rerun it`);
  }
  return v as Record<string, unknown>;
}
