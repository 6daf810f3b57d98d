// Runner benchmark: whole-run throughput of the baseline scenario (blocks and events per second, simulated days per
// second, peak RSS), with the per-block invariant oracles on, as users run it. Prints figures; asserts nothing.
import { loadScenario } from '../scenarios/load.js';
import { runScenario } from '../sim/runner/run.js';

export async function bench(): Promise<void> {
  const days = 2;
  const s = loadScenario('baseline');
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const r = await runScenario(s, { seed: 1n, days });
  const sec = (performance.now() - t0) / 1000; // wall-clock-ok
  const ev = r.world.engine.eventsProcessed;
  console.log(`baseline ${days} days: ${sec.toFixed(2)} s, ${(days / sec).toFixed(2)} days/s, ${(r.summary.blocks / sec).toFixed(0)} blocks/s, ` +
    `${(ev / sec).toFixed(0)} events/s, ${r.world.extrinsicsApplied} extrinsics, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}
