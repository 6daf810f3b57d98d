// Scheduler port: timers as events. The simulated scheduler is the engine (deterministic key order); a production one
// would map the same calls onto the wall clock (setTimeout, marked `// wall-clock-ok`), running each kind's handler
// when its time comes.

import type { Clock } from './clock.js';

/** Handler of one event kind: `payload` is numeric, `obj` an optional immutable plain-data payload. */
export type KindHandler = (actor: number, payload: number, obj: unknown) => void;

export interface Scheduler extends Clock {
  /** Register a handler; returns its kind id. Define kinds in the same order in every run. */
  defineKind(name: string, handler: KindHandler): number;
  /** Run handler `kind` at time atMs (integer ms >= now); ties are broken by (cls, sourceId, per-source sequence). */
  schedule(atMs: number, cls: number, sourceId: number, kind: number, actor: number, payload?: number, obj?: unknown): void;
}
