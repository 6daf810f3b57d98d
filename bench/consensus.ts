// Consensus benchmark (issue 4 targets): message-level, 100 validators, one simulated day (7,200 slots of 12 s),
// target <= 60 s; aggregated, 100 validators, one simulated year (2,629,800 slots), target <= 10 s.
// BENCH_CONSENSUS_SLOTS=<n> shortens the message-level run (the figure is then extrapolated and labelled so).
// Prints figures; asserts nothing.
import { fromScenario, withDefaults } from '../protocol/pallets/consensus/index.js';
import { linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults } from '../sim/node/index.js';

const SLOT_MS = 12_000;
const N = 100;

function once(fidelity: 'message' | 'aggregated', slots: number): { sec: number; cpuSec: number; line: string } {
  const cfg = fromScenario(withDefaults({ fidelity }), N, SLOT_MS);
  const faults = validateFaults({ healAtSlot: 0, finalityResumeWithinSlots: 100, events: [] }, N, SLOT_MS);
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const c0 = process.cpuUsage(); // wall-clock-ok (bench only: CPU time, meaningful on a shared machine)
  const out = simulateConsensus({ cfg, faults, link: linkFromScenario(networkWithDefaults()), seed: 1n, slots });
  const sec = (performance.now() - t0) / 1000; // wall-clock-ok
  const cu = process.cpuUsage(c0); // wall-clock-ok
  const cpuSec = (cu.user + cu.system) / 1e6;
  const s = out.stats;
  return {
    sec, cpuSec,
    line: `${fidelity}: ${N} validators, ${slots} slots in ${sec.toFixed(2)} s wall, ${cpuSec.toFixed(2)} s CPU (${(slots / sec).toFixed(0)} slots/s, `
      + `${out.events} events, ${out.messages} messages); blocks ${s.blocksProduced}, orphanRate ${s.orphanRate.toFixed(3)}, `
      + `finality lag p50/p95 ${s.finalityLagP50Blocks}/${s.finalityLagP95Blocks} blocks ${s.finalityLagP50Seconds}/${s.finalityLagP95Seconds} s, `
      + `violations ${s.violations.length}, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  };
}

export async function bench(): Promise<void> {
  const year = 2_629_800;
  const agg = once('aggregated', year);
  console.log(`${agg.line}  [target one year <= 10 s: ${agg.sec <= 10 ? 'met' : 'NOT met'} (wall); ${agg.cpuSec <= 10 ? 'met' : 'NOT met'} (CPU)]`);
  const day = 7200;
  const slots = Math.min(day, Number(process.env.BENCH_CONSENSUS_SLOTS ?? day)); // wall-clock-ok (bench config)
  const msg = once('message', slots);
  const perDay = (msg.sec * day) / slots;
  const cpuPerDay = (msg.cpuSec * day) / slots;
  console.log(`${msg.line}  [one day ${slots === day ? '' : '(extrapolated) '}${perDay.toFixed(1)} s wall, ${cpuPerDay.toFixed(1)} s CPU; `
    + `target <= 60 s: ${perDay <= 60 ? 'met' : 'NOT met'} (wall), ${cpuPerDay <= 60 ? 'met' : 'NOT met'} (CPU)]`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
