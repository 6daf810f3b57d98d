// Agents benchmark: the baseline (10,000 nominators + 150 validator candidates + the workload's users) and a
// 100,000-nominator population (the targets: a simulated year each), with the runner as users run it (oracles as the
// baseline sets them). Prints wall and CPU seconds, simulated days per second, agent wake events, extrinsics and
// the peak RSS; asserts nothing. Where the time goes (--cpu-prof over 20 baseline days, 2026-11-25): ~21% the staking
// election (seq-Phragmén, supports, the miner's reduce), ~21% the daily state root, ~11% the full audits
// (oracles.everyBlocks), ~8% garbage collection, ~5% extrinsics, ~4% payouts, ~1.5% the agents' own wakes. Per-day cost grows with the era history until
// staking.historyDepth (84) eras are kept: the baseline run defaults to 90 days, the 100k run to 14, and each prints its
// year extrapolated at its last 10 days' rate ("≈ per year"). BENCH_AGENTS_DAYS / BENCH_AGENTS_100K_DAYS override the
// horizons (365 = a year). The 100k run is a child process with V8's old space bounded to 1,536 MiB (a launch flag):
// its live heap stays well below, and the bound makes V8 collect instead of growing the heap up to its default limit,
// so the printed peak RSS is that child's alone.

import { loadScenario } from '../scenarios/load.js';
import { runScenario } from '../sim/runner/run.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP_100K_MIB = 1536;

const YEAR_DAYS = 365;

function rssMiB(): number { return process.resourceUsage().maxRSS / 1024; }

async function one(label: string, sets: string[], days: number): Promise<void> {
  const s = loadScenario('baseline', sets);
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const c0 = process.cpuUsage();
  let lastPrint = t0;
  let rssDay1 = 0;
  const cpuAtDay: number[] = [0];
  const r = await runScenario(s, {
    seed: 1n, days,
    onProgress: (d, total) => {
      if (d === 1) rssDay1 = rssMiB();
      const cu = process.cpuUsage(c0);
      cpuAtDay[d] = (cu.user + cu.system) / 1e6;
      const now = performance.now(); // wall-clock-ok (bench only)
      if (now - lastPrint > 30_000) { lastPrint = now; console.log(`  ${label}: day ${d}/${total} after ${((now - t0) / 1000).toFixed(0)} s, RSS ${rssMiB().toFixed(0)} MiB`); }
    },
  });
  const wall = (performance.now() - t0) / 1000; // wall-clock-ok (bench only)
  const cpu = process.cpuUsage(c0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const wakes = r.world.engine.eventsProcessed - r.summary.blocks;
  const k = r.summary.kpis as Record<string, unknown>;
  // per-day cost grows until the era history is full (staking.historyDepth eras), then stays flat: extrapolate the
  // rest of the year at the rate of the last (up to) 10 measured days
  const tail = Math.min(10, days - 1);
  const rate = tail > 0 ? (cpuAtDay[days]! - cpuAtDay[days - tail]!) / tail : cpuSec / days;
  const wallRate = rate * (wall / Math.max(cpuSec, 1e-9));
  const perYear = (x: number, r: number) => (days >= YEAR_DAYS ? '' : ` (≈ ${(x + (YEAR_DAYS - days) * r).toFixed(0)} s per year)`);
  console.log(`${label}, ${days} days: wall ${wall.toFixed(1)} s${perYear(wall, wallRate)}, CPU ${cpuSec.toFixed(1)} s${perYear(cpuSec, rate)}, ` +
    `last ${tail} days ${rate.toFixed(2)} CPU s/day, ` +
    `${(days / wall).toFixed(2)} days/s, ${r.summary.blocks} blocks, ${wakes} other events, ${r.world.extrinsicsApplied} extrinsics; ` +
    `nominators ${String(k['activeNominators'])}, candidates ${String(k['validatorCandidates'])}, peak RSS ${rssMiB().toFixed(0)} MiB` +
    (days > 1 ? ` (+${((rssMiB() - rssDay1) / (days - 1)).toFixed(1)} MiB/day after day 1: era history grows until staking.historyDepth eras)` : ''));
}

export async function bench(): Promise<void> {
  // runScenario awaits the WASM blake2 init itself; states past 32 MiB of encoding stream through the JS hasher.
  const daysOf = (name: string, def: number) => {
    const v = Number(process.env[name] ?? def);
    return Number.isSafeInteger(v) && v >= 1 ? v : def;
  };
  // 90 days: past the default historyDepth (84 eras of 1 day), where the per-day cost levels off (~10 min of CPU)
  await one('baseline (10k nominators)', [], daysOf('BENCH_AGENTS_DAYS', 90));
  // 100k nominators, in a child process with the bounded heap (same tsx loader flags as this process).
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_100K_MIB}`, fileURLToPath(import.meta.url)],
    { stdio: 'inherit', env: { ...process.env, BENCH_AGENTS_CHILD: '100k' } });
  if (child.status !== 0) throw new Error(`100k agents child exited with ${child.status ?? child.signal}`);
}

async function run100k(): Promise<void> {
  const v = Number(process.env.BENCH_AGENTS_100K_DAYS ?? 14);
  const days = Number.isSafeInteger(v) && v >= 1 ? v : 14;
  // maxElectingVoters (22,500) bounds the election; genesis issuance stays under the 21M cap.
  await one(`100k nominators (old space <= ${HEAP_100K_MIB} MiB)`, ['agents.nominators.count=100000', 'agents.nominators.bond=100', 'agents.nominators.balance=10'], days);
}

if (process.env.BENCH_AGENTS_CHILD === '100k') await run100k();
