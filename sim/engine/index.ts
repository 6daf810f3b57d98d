// Public API of the deterministic engine. See engine.ts for usage.
export {
  Engine, EventClass, ENGINE_DEFAULTS, CLASS_COUNT_MAX, SOURCE_ID_MAX, TICK_MAX,
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
