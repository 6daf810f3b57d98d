// Public API of the deterministic discrete-event engine.
//
// Quick use:
//   const engine = new Engine(engineConfigFromScenario(scenario.engine, seed, traceLogOrNull));
//   const streams = agents.map((_, i) => engine.rng.stream('agent', i)); // hash(rootSeed, 'agent', i); cache them:
//                                                              // stream() builds a key string, not for the hot loop
//   const WAKE = engine.defineKind('agent.wake', (actor, payload, obj) => {
//     const delay = 1 + Math.floor(streams[actor]!.exponential(60_000));
//     engine.schedule(engine.nowMs() + delay, EventClass.Agent, actor, WAKE, actor);
//   });
//   engine.schedule(0, EventClass.Agent, 7, WAKE, 7);
//   engine.runUntil(dayEndMs);                                // all events with tick <= dayEndMs, clock -> dayEndMs
//   engine.foldStateRoot(runtime.stateRoot());                // at day/era boundaries and at the end
//   engine.traceHash();                                        // '0x…' (32 bytes)
//   const snap = engine.snapshot();                            // plain data; JSON.stringify(snap, jsonReplacer)
//   fresh.restoreSnapshot(snap);                               // same kinds defined in the same order first
//
// Determinism contract (what callers must keep):
// - Ticks are integer ms >= now. The pop order is the total key (tick, class, sourceId, per-source seq): choose the
//   class for same-tick ordering between subsystems (EventClass) and a DENSE small sourceId per scheduling entity
//   (agent index, node index); never derive order from Map/object iteration.
// - Define kinds in the same order in every run (a snapshot records and checks their names).
// - Object payloads (the `obj` argument) must be immutable, JSON-able plain data (bigint allowed): they are saved in
//   snapshots and come back as copies.
// - Randomness only from engine.rng streams (adding a stream or an agent never changes other streams' draws).
// - Per-block invariant checks: engine.onBlock(fn); the block producer calls engine.notifyBlock(n) after each block.
// - Float sampling (Math.log, Math.exp) is fine for simulated behaviour, never for ledger math (protocol/ uses bigint).
export {
  Engine, EventClass, ENGINE_DEFAULTS, CLASS_COUNT_MAX, SOURCE_ID_MAX, TICK_MAX, KIND_COUNT_MAX, SEQ_MAX,
  type EngineConfig, type EngineSnapshot, type EventHandler, type BlockHook, type RunOutcome, type StopReason,
} from './engine.js';
export { EventQueue, QueueFullError, compareEvents, type QueuedEvent, type QueueSnapshot } from './event-queue.js';
export {
  Rng, RngStream, SeedError, parseSeed, deriveStreamState, SEED_MAX, type StreamState, type RngSnapshot,
} from './rng.js';
export {
  Trace, TraceLog, compareTraceLogs, type TraceState, type TraceLogOptions, type TracedEvent, type Divergence,
} from './trace.js';
export { engineSection, engineConfigFromScenario, QUEUE_CAPACITY_LIMIT, type EngineSection } from './config.js';
export { createHoldModel, type HoldModel, type HoldModelOptions } from './hold-model.js';
