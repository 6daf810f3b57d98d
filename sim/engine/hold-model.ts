// The hold model: the classic event-queue workload. Each of N agents holds one pending event; handling it draws an
// exponential delay from the agent's own RNG stream and reschedules the agent at now + delay. The queue size stays
// N, so this measures the engine's steady-state cost per event (pop + dispatch + rng + trace + push).
// Used by bench/engine.ts (speed) and by the golden trace-hash test (determinism).

import { Engine, EventClass, type EngineConfig } from './engine.js';
import type { RngStream } from './rng.js';

export interface HoldModel {
  engine: Engine;
  /** The kind id of the agent wake-up event. */
  wakeKind: number;
  /** Add one more agent (index = current count), first woken at now + a draw. */
  addAgent(): number;
  readonly agentCount: number;
}

export interface HoldModelOptions {
  agents: number;
  /** Mean of the exponential inter-event delay, ms. */
  meanDelayMs: number;
  engine?: Partial<EngineConfig>;
}

export function createHoldModel(seed: bigint, opts: HoldModelOptions): HoldModel {
  const engine = new Engine({ seed, initialQueueCapacity: opts.agents + 1, ...opts.engine });
  const streams: RngStream[] = [];
  // Agent i's stream has rng slot base + i: the streams are created in agent order and nothing else creates streams
  // in this model (asserted in addAgent), so the handler needs no per-agent lookup (see Rng.exponentialAt).
  const rng = engine.rng;
  const base = rng.streamCount;
  const mean = opts.meanDelayMs;
  // Integer ms delays of at least 1 so the clock always moves forward.
  const wakeKind = engine.defineKind('hold.wake', (actor) => {
    const delay = 1 + Math.floor(rng.exponentialAt(base + actor, mean));
    engine.schedule(engine.nowMs() + delay, EventClass.Agent, actor, wakeKind, actor);
  });
  const addAgent = (): number => {
    const i = streams.length;
    const s = engine.rng.stream('hold.agent', i);
    streams.push(s);
    if (s.slot !== base + i) throw new Error('hold model: agent streams must occupy consecutive rng slots');
    engine.schedule(engine.nowMs() + 1 + Math.floor(s.exponential(mean)), EventClass.Agent, i, wakeKind, i);
    return i;
  };
  for (let i = 0; i < opts.agents; i++) addAgent();
  return { engine, wakeKind, addAgent, get agentCount() { return streams.length; } };
}
