// Runner benchmark: whole-run throughput of the baseline scenario (blocks and events per second, simulated days per
// second, peak RSS), with the per-block invariant oracles on, as users run it. Prints wall and CPU seconds (the
// machine is shared: CPU seconds are the comparable figure), CPU µs per block, and how much of the CPU went to the
// daily state roots and the full O(state) audits; asserts nothing. BENCH_RUNNER_DAYS (default 2) sets the horizon.
import { loadScenario } from '../scenarios/load.js';
import { runScenario } from '../sim/runner/run.js';
import { Runtime } from '../protocol/runtime.js';

const cpuSec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** Wrap a Runtime method to add its CPU time to `acc[name]` (only for rare calls: cpuUsage costs ~1 µs). */
function meter(name: 'stateRoot' | 'checkInvariants', acc: Record<string, number>): () => void {
  const proto = Runtime.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const orig = proto[name]!;
  proto[name] = function (this: unknown, ...a: unknown[]) {
    const c0 = process.cpuUsage();
    try { return orig.apply(this, a); } finally { acc[name] = (acc[name] ?? 0) + cpuSec(process.cpuUsage(c0)); }
  };
  return () => { proto[name] = orig; };
}

export async function bench(): Promise<void> {
  const v = Number(process.env.BENCH_RUNNER_DAYS ?? 2);
  const days = Number.isSafeInteger(v) && v >= 1 ? v : 2;
  const s = loadScenario('baseline');
  const acc: Record<string, number> = {};
  const restore = [meter('stateRoot', acc), meter('checkInvariants', acc)];
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const c0 = process.cpuUsage();
  const r = await runScenario(s, { seed: 1n, days });
  const cpu = cpuSec(process.cpuUsage(c0));
  const sec = (performance.now() - t0) / 1000; // wall-clock-ok
  for (const f of restore) f();
  const ev = r.world.engine.eventsProcessed;
  const blocks = r.summary.blocks;
  const root = acc.stateRoot ?? 0, audit = acc.checkInvariants ?? 0;
  console.log(`baseline ${days} days: ${sec.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${(cpu / days).toFixed(2)} CPU s per simulated day), ` +
    `${(days / sec).toFixed(2)} days/s, ${(blocks / sec).toFixed(0)} blocks/s, ${(ev / sec).toFixed(0)} events/s, ` +
    `${r.world.extrinsicsApplied} extrinsics, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  console.log(`  CPU per block (everything, incl. startup): ${((cpu * 1e6) / blocks).toFixed(1)} µs; state roots ${root.toFixed(2)} s ` +
    `(${((root / cpu) * 100).toFixed(0)}%, ${days + 1} roots), full audits ${audit.toFixed(2)} s (${((audit / cpu) * 100).toFixed(0)}%), ` +
    `the rest ${((cpu - root - audit) * 1e6 / blocks).toFixed(1)} µs per block (blocks, era work, agents, engine)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
