// Sweep throughput: runs/s of the same sweep on 1 and on 2 worker threads (target: 2 workers >= 1.7x on this
// 2-core machine). Each pool is started and warmed (one run per thread: module load, JIT) before timing, which
// is what a long sweep sees; the cold start (pool creation to first result) is printed separately. The main
// thread only dispatches and renames result folders into place, as in `bai-lab sweep`.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDoc } from '../sim/experiments/deps.js';
import { LocalPool } from '../sim/experiments/pool.js';
import { storeRunAsync } from '../sim/experiments/results-store.js';
import { deriveSeed } from '../sim/experiments/seeds.js';
import type { RunTask } from '../sim/experiments/task.js';

const SETS = ['workload.accounts=200', 'workload.nominators=50', 'chain.blockTimeMs=30000'];
const GRID = [2, 4, 6, 8]; // workload.transfersPerAccountPerDay
const REPLICATES = 3;
const DAYS = 1;

function tasks(): RunTask[] {
  const out: RunTask[] = [];
  GRID.forEach((v, p) => {
    const { doc } = loadDoc('baseline', [...SETS, `workload.transfersPerAccountPerDay=${v}`]);
    for (let m = 0; m < REPLICATES; m++) {
      const runIndex = p * REPLICATES + m;
      out.push({ runIndex, pointIndex: p, replicate: m, seed: deriveSeed(1n, runIndex).toString(), days: DAYS, scenario: doc, label: `bench point ${p}` });
    }
  });
  return out;
}

async function measure(threads: number, list: RunTask[]): Promise<{ runsPerS: number; coldMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bai-bench-sweep-'));
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const pool = new LocalPool({ threads });
  try {
    await Promise.all(list.slice(0, threads).map((t) => pool.run({ ...t, runIndex: t.runIndex })));
    const coldMs = performance.now() - t0; // wall-clock-ok
    const t1 = performance.now(); // wall-clock-ok
    await pool.runAll(list, async (o) => {
      await storeRunAsync(dir, o);
    });
    const s = (performance.now() - t1) / 1000; // wall-clock-ok
    return { runsPerS: list.length / s, coldMs };
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<void> {
  const list = tasks();
  console.log(`sweep: baseline ${SETS.join(' ')}, ${GRID.length} points × ${REPLICATES} seeds = ${list.length} runs of ${DAYS} day`);
  const one = await measure(1, list);
  console.log(`  1 worker : ${one.runsPerS.toFixed(3)} runs/s   (cold start to first result ${one.coldMs.toFixed(0)} ms)`);
  const two = await measure(2, list);
  console.log(`  2 workers: ${two.runsPerS.toFixed(3)} runs/s   (cold start to first results ${two.coldMs.toFixed(0)} ms)`);
  console.log(`  speed-up : ${(two.runsPerS / one.runsPerS).toFixed(2)}x (target >= 1.7x on 2 cores)`);
  // The speed-up needs two idle cores: on a shared machine other processes take them, so print the load.
  const [l1] = loadavg();
  console.log(`  machine  : ${availableParallelism()} cores, load average ${l1!.toFixed(2)} (figures are only meaningful when it is below ~0.5)`);
}
