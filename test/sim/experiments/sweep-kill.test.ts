// kill -9 in the middle of a sweep, then --resume: completed runs are kept (not rerun), temporaries are never
// read, and the final runs table is byte-identical to an uninterrupted sweep's.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSweep } from '../../../sim/experiments/sweep.js';
import { toyDeps } from './fixtures/toy-deps.js';
import { toyBase } from './fixtures/toy-model.js';

const root = mkdtempSync(join(tmpdir(), 'bai-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CHILD = fileURLToPath(new URL('./fixtures/sweep-child.ts', import.meta.url));
const WORK_MS = 120;

function doneRuns(out: string): string[] {
  const d = join(out, 'runs');
  return existsSync(d) ? readdirSync(d).filter((n) => /^r\d+$/.test(n)) : [];
}

describe('kill -9 and resume', () => {
  it('resumes after SIGKILL without rerunning completed runs; same runs table as an uninterrupted sweep', async () => {
    const killed = join(root, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, killed, String(WORK_MS), '2'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    // wait (bounded) until some runs have landed, then kill the coordinator and its worker threads at once
    for (let i = 0; i < 600 && doneRuns(killed).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = doneRuns(killed);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.length).toBeLessThan(24);
    expect(existsSync(join(killed, 'runs.arrow'))).toBe(false);

    const base = { ...toyBase(), toy: { ...toyBase().toy, workMs: WORK_MS } };
    const log: string[] = [];
    const r = await runSweep({ out: killed, resume: true, workers: 2 }, toyDeps(2, base, log));
    // runs that landed after our listing (in-flight at kill time) cannot exist: the coordinator was dead
    expect(r.ranInThisCall).toBe(24 - before.length);
    expect(readdirSync(join(killed, 'runs')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);

    const clean = join(root, 'clean');
    await runSweep({ scenario: 'toy', grid: ['toy.a=1,2,3,4', 'toy.b=0,5'], runs: 3, out: clean, seed: '5', days: 2, workers: 2 },
      toyDeps(2, base));
    expect(readFileSync(join(killed, 'runs.arrow')).equals(readFileSync(join(clean, 'runs.arrow')))).toBe(true);
  }, 60_000);
});
