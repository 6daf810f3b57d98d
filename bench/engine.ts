// Engine benchmark: the hold model (each event reschedules its agent at now + 1 + floor(Exp(mean)) ms, drawn from
// the agent's own RNG stream; dispatch through the engine; every event folded into the trace hash) with 10k and 100k
// agents. Targets (issue 2): >= 3 M events/s at 10k agents, >= 1 M events/s at 100k, <= 200 bytes per pending event.
// Prints figures; asserts nothing. Run alone: npx tsx bench/engine.ts
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHoldModel } from '../sim/engine/hold-model.js';
import { EventQueue, packKey1, packKey2 } from '../sim/engine/event-queue.js';
import seedrandom from 'seedrandom';
import { Engine } from '../sim/engine/engine.js';
import { Rng } from '../sim/engine/rng.js';
import { SimNetwork, type LinkConfig } from '../sim/adapters/sim/network.js';

function nowMs(): number { return performance.now(); } // wall-clock-ok (bench only)

interface HoldFigures { agents: number; events: number; seconds: number; eventsPerSec: number; eventsPerCpuSec: number }

function runHold(agents: number, events: number, warmup: number): HoldFigures {
  const m = createHoldModel(0xbe7cn, { agents, meanDelayMs: 1000 });
  const e = m.engine;
  // run in 1-second slices of virtual time until the event budget is spent
  let end = 0;
  while (e.eventsProcessed < warmup) { end += 1000; e.runUntil(end); }
  const start = e.eventsProcessed;
  const t0 = nowMs();
  const c0 = process.cpuUsage();
  while (e.eventsProcessed - start < events) { end += 1000; e.runUntil(end); }
  const seconds = (nowMs() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const done = e.eventsProcessed - start;
  if (e.queue.size !== agents) throw new Error('hold model lost events');
  return { agents, events: done, seconds, eventsPerSec: done / seconds, eventsPerCpuSec: done / cpuSeconds };
}

/**
 * Network workload: `nodes` nodes, `inFlight` messages hopping to a random peer on each delivery over lognormal
 * links with 1% loss (a lost message is replaced so the load stays constant). Exercises object payloads (the side
 * table), per-link streams and FIFO bookkeeping.
 */
function runNetwork(nodes: number, inFlight: number, deliveries: number): { perSec: number; perCpuSec: number } {
  const engine = new Engine({ seed: 0x9e7n });
  const link: LinkConfig = { latency: { kind: 'lognormal', medianMs: 80, sigma: 0.5 }, spike: null, loss: 0.01, duplicate: 0, reorder: 0 };
  const net = new SimNetwork<{ hop: number }>(engine, nodes, link);
  const pick = engine.rng.stream('bench.peer');
  const forward = (from: number, hop: number) => {
    let to = pick.int(nodes - 1);
    if (to >= from) to++;
    const lostBefore = net.stats.droppedLoss;
    net.send(from, to, { hop });
    if (net.stats.droppedLoss !== lostBefore) forward(from, hop); // keep the in-flight count constant
  };
  for (let i = 0; i < nodes; i++) net.onReceive(i, (_from, msg) => forward(i, msg.hop + 1));
  for (let m = 0; m < inFlight; m++) forward(m % nodes, 0);
  let end = 0;
  while (net.stats.delivered < deliveries / 10) { end += 1000; engine.runUntil(end); }
  const start = net.stats.delivered;
  const t0 = nowMs();
  const c0 = process.cpuUsage();
  while (net.stats.delivered - start < deliveries) { end += 1000; engine.runUntil(end); }
  const seconds = (nowMs() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const done = net.stats.delivered - start;
  return { perSec: done / seconds, perCpuSec: done / ((cpu.user + cpu.system) / 1e6) };
}

/**
 * Per-agent draws with random agent order (as events arrive): seedrandom's own xor128 objects (one closure set per
 * agent), alea, and this engine's xor128 on a shared Int32Array (bit-identical to seedrandom's xor128).
 */
function rngFigures(agents: number, draws: number): Array<[string, number]> {
  const order = new Int32Array(draws);
  const pick = new Rng(1n).stream('bench.order');
  for (let i = 0; i < draws; i++) order[i] = pick.int(agents);
  const time = (f: (a: number) => number): number => {
    let sink = 0;
    const c0 = process.cpuUsage();
    for (let i = 0; i < draws; i++) sink += f(order[i]!);
    const c = process.cpuUsage(c0);
    if (Number.isNaN(sink)) throw new Error('unreachable');
    return draws / ((c.user + c.system) / 1e6);
  };
  const xs = Array.from({ length: agents }, (_, i) => seedrandom.xor128(`a${i}`));
  const al = Array.from({ length: agents }, (_, i) => seedrandom.alea(`a${i}`));
  const rng = new Rng(1n);
  for (let i = 0; i < agents; i++) rng.stream('a', i);
  return [
    ['seedrandom xor128 objects', time((a) => xs[a]!.double())],
    ['seedrandom alea objects', time((a) => al[a]!.double())],
    ['engine xor128, Rng.floatAt(slot)', time((a) => rng.floatAt(a))],
  ];
}

/** A handle on V8's gc() without requiring node --expose-gc (bench only: makes the memory delta meaningful). */
function getGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Measured memory of a queue holding `n` pending events (JS heap + external memory delta after full GCs). */
function bytesPerPendingEvent(n: number): { measured: number; columns: number } {
  const gc = getGc();
  gc(); gc();
  const m0 = process.memoryUsage();
  const q = new EventQueue(n, n);
  for (let i = 0; i < n; i++) q.push(packKey1((i * 7919) % 1_000_000, 4), packKey2(i % 100_000, i), 0, i, 0, undefined);
  gc();
  const m1 = process.memoryUsage();
  // typed-array backing stores are counted in `external` (Node 20), JS objects in `heapUsed`
  const delta = (m1.heapUsed + m1.external) - (m0.heapUsed + m0.external);
  const measured = delta / q.size;
  return { measured, columns: q.columnBytes / q.size };
}

export async function bench(): Promise<void> {
  const fmt = (x: number) => (x / 1e6).toFixed(2);
  const mem = bytesPerPendingEvent(1_000_000); // first, before other workloads leave garbage behind
  // Wall-clock rates drop when other processes share the 2 cores; CPU-time rates show the engine's own cost.
  console.log(`engine: hold model (pop + dispatch + per-agent rng + reschedule + trace hash); load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
  for (const [agents, events] of [[10_000, 6_000_000], [100_000, 4_000_000]] as const) {
    const r = runHold(agents, events, Math.min(1_000_000, events / 4));
    console.log(`  ${String(agents).padStart(7)} agents: ${fmt(r.eventsPerSec)} M events/s wall, ${fmt(r.eventsPerCpuSec)} M events/s`
      + ` of process CPU time (${fmt(r.events)} M events in ${r.seconds.toFixed(2)} s)  target ${agents === 10_000 ? '>= 3' : '>= 1'} M/s`);
  }
  console.log(`  peak RSS after the hold model: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  const net = runNetwork(100, 10_000, 2_000_000);
  console.log(`  SimNetwork, 100 nodes, 10k messages in flight: ${fmt(net.perSec)} M deliveries/s wall, ${fmt(net.perCpuSec)} M/s of CPU time`);
  for (const [name, perSec] of rngFigures(100_000, 5_000_000)) {
    console.log(`  rng, 100k per-agent generators, random agent order: ${name}: ${fmt(perSec)} M doubles/s of CPU time`);
  }
  console.log(`  bytes per pending event: ${mem.measured.toFixed(1)} measured (1M events; JS heap + external),`
    + ` ${mem.columns.toFixed(1)} allocated by the queue  target <= 200`);
  console.log(`  peak RSS at the end: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  bench().catch((e: unknown) => { console.error(e); process.exit(1); });
}
