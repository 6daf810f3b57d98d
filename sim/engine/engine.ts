// The discrete-event engine: virtual clock (integer ms), the event queue, handler dispatch by kind, seeded RNG
// streams, the trace hash, per-block hooks and whole-engine snapshots.
//
// Usage:
//   const engine = new Engine({ seed: 42n });
//   const WAKE = engine.defineKind('agent.wake', (actor, payload, obj) => { ... engine.schedule(...) ... });
//   engine.schedule(0, EventClass.Agent, agentIndex, WAKE, agentIndex);
//   engine.runUntil(endMs);
//
// Handlers are stored in an array indexed by kind (no Map lookup in the hot loop). Kinds must be defined in the same
// order in every run (they are part of the determinism contract: a snapshot records their names and checks them).

import {
  EventQueue, CLASS_SPAN, SEQ_SPAN, SOURCE_SPAN, TICK_SPAN, key1Class, key2Source, key2Seq, type QueueSnapshot,
} from './event-queue.js';
import { Rng, type RngSnapshot } from './rng.js';
import { Trace, TraceLog, type TraceLogOptions, type TraceState } from './trace.js';
import { InvariantError } from '../../protocol/primitives/dispatch.js';
import type { Scheduler } from '../ports/scheduler.js';

/** Suggested event classes: at equal tick, a lower class runs first. */
export const EventClass = {
  /** fault schedule changes (partitions, crashes) apply before anything else at that tick */
  Fault: 0,
  /** block production / slot ticks */
  Block: 1,
  /** network message deliveries */
  Network: 2,
  /** node timers (timeouts, gossip rounds) */
  Node: 3,
  /** agent wake-ups */
  Agent: 4,
  /** metrics sampling and checkpoints: after all state changes at that tick */
  Metrics: 5,
} as const;

/** Event classes are integers in [0, CLASS_COUNT_MAX). */
export const CLASS_COUNT_MAX = CLASS_SPAN;
/** Source ids are dense small integers in [0, SOURCE_ID_MAX) (agent index, node index, ...): one counter slot each. */
export const SOURCE_ID_MAX = SOURCE_SPAN;
/** Largest tick (integer ms): 2^47 - 1, about 4,400 years. */
export const TICK_MAX = TICK_SPAN - 1;
/** Event kinds per engine (a bound on the handler table). */
export const KIND_COUNT_MAX = 1 << 16;
/** Events one (class, source) pair may schedule in a run. */
export const SEQ_MAX = SEQ_SPAN;

export const ENGINE_DEFAULTS = {
  /** 4 Mi pending events (128 MiB of heap records at most); the hold model with 100k agents needs 100k. */
  queueCapacity: 1 << 22,
  /** Zero-delay event loops are bugs: more events than this at one tick fails the run. */
  maxEventsPerTick: 10_000_000,
} as const;

export interface EngineConfig {
  seed: bigint;
  queueCapacity?: number;
  initialQueueCapacity?: number;
  maxEventsPerTick?: number;
  /** Record a compact TraceLog for --check-determinism (null/absent: no log). */
  traceLog?: TraceLogOptions | null;
}

/** An event handler: the current tick is engine.nowMs(); `obj` is the object payload or undefined. */
export type EventHandler = (actor: number, payload: number, obj: unknown) => void;
export type BlockHook = (blockNumber: number, nowMs: number) => void;

export type StopReason = 'end' | 'empty' | 'stop';
export interface RunOutcome { reason: StopReason; events: number; nowMs: number }

export interface EngineSnapshot {
  version: 1;
  nowMs: number;
  eventsAtTick: number;
  eventsProcessed: number;
  kinds: string[];
  seqs: number[][];
  queue: QueueSnapshot;
  rng: RngSnapshot;
  trace: TraceState;
}

const NO_SEQS = new Float64Array(0);

export class Engine implements Scheduler {
  readonly rng: Rng;
  readonly trace = new Trace();
  readonly queue: EventQueue;
  readonly maxEventsPerTick: number;
  private now = 0;
  private eventsAtTick = 0;
  /** Total events dispatched since the start of the run. */
  eventsProcessed = 0;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  // per-class sequence counters indexed by sourceId; a shared empty array until a class is first used (packed, no holes)
  private readonly seqs: Float64Array[] = new Array<Float64Array>(CLASS_COUNT_MAX).fill(NO_SEQS);
  private readonly blockHooks: BlockHook[] = [];
  // Packed key of the event being dispatched (valid inside a handler; see the getters below).
  private curKey1 = 0;
  private curKey2 = 0;

  constructor(cfg: EngineConfig) {
    this.rng = new Rng(cfg.seed);
    this.queue = new EventQueue(cfg.queueCapacity ?? ENGINE_DEFAULTS.queueCapacity, cfg.initialQueueCapacity ?? 1024);
    this.maxEventsPerTick = cfg.maxEventsPerTick ?? ENGINE_DEFAULTS.maxEventsPerTick;
    if (cfg.traceLog) this.trace.log = new TraceLog(cfg.traceLog);
  }

  /** Virtual time in integer ms (implements the Clock port). */
  nowMs(): number { return this.now; }

  /** Register a handler; returns its kind id (assigned in definition order). */
  defineKind(name: string, handler: EventHandler): number {
    if (this.kindNames.includes(name)) throw new InvariantError(`engine: kind ${name} defined twice`);
    if (this.kindNames.length >= KIND_COUNT_MAX) throw new InvariantError(`engine: more than ${KIND_COUNT_MAX} event kinds`);
    this.handlers.push(handler);
    this.kindNames.push(name);
    return this.handlers.length - 1;
  }
  kindId(name: string): number {
    const i = this.kindNames.indexOf(name);
    if (i < 0) throw new InvariantError(`engine: unknown kind ${name}`);
    return i;
  }
  /** Class, source and sequence number of the event being dispatched. */
  get currentClass(): number { return key1Class(this.curKey1); }
  get currentSourceId(): number { return key2Source(this.curKey2); }
  get currentSeq(): number { return key2Seq(this.curKey2); }

  kindName(kind: number): string { return this.kindNames[kind] ?? `#${kind}`; }
  get kinds(): readonly string[] { return this.kindNames; }

  /**
   * Schedule an event at absolute tick `atMs` (integer, >= now). The engine assigns the per-(class, source) sequence
   * number, so the pop order is fully determined by (atMs, cls, sourceId, seq).
   */
  schedule(atMs: number, cls: number, sourceId: number, kind: number, actor: number, payload = 0, obj?: unknown): void {
    if (!(atMs >= this.now && atMs <= TICK_MAX) || atMs !== Math.floor(atMs)) {
      throw new InvariantError(`engine: cannot schedule at ${atMs} (now ${this.now}; ticks are integer ms >= now)`);
    }
    if (this.handlers[kind] === undefined) throw new InvariantError(`engine: unknown event kind ${kind}`);
    if ((actor | 0) !== actor) throw new InvariantError(`engine: actor ${actor} is not an int32`);
    let c = this.seqs[cls];
    if (c === undefined || !(sourceId < c.length) || (sourceId >>> 0) !== sourceId) c = this.growSeqs(cls, sourceId);
    const seq = c[sourceId]!;
    if (seq >= SEQ_SPAN) throw new InvariantError(`engine: source ${sourceId} of class ${cls} exceeded ${SEQ_SPAN} events`);
    c[sourceId] = seq + 1;
    this.queue.push(atMs * CLASS_SPAN + cls, sourceId * SEQ_SPAN + seq, kind, actor, payload, obj);
  }

  /** schedule(now + delayMs, ...). */
  scheduleIn(delayMs: number, cls: number, sourceId: number, kind: number, actor: number, payload = 0, obj?: unknown): void {
    this.schedule(this.now + delayMs, cls, sourceId, kind, actor, payload, obj);
  }

  private growSeqs(cls: number, sourceId: number): Float64Array {
    if (!(Number.isInteger(cls) && cls >= 0 && cls < CLASS_COUNT_MAX)) {
      throw new InvariantError(`engine: event class ${cls} outside [0, ${CLASS_COUNT_MAX})`);
    }
    if (!(Number.isInteger(sourceId) && sourceId >= 0 && sourceId < SOURCE_ID_MAX)) {
      throw new InvariantError(`engine: sourceId ${sourceId} outside [0, ${SOURCE_ID_MAX})`);
    }
    const old = this.seqs[cls]!;
    let len = Math.max(64, old.length);
    while (len <= sourceId) len *= 2;
    const c = new Float64Array(Math.min(len, SOURCE_ID_MAX));
    c.set(old);
    this.seqs[cls] = c;
    return c;
  }

  /**
   * Dispatch every event with tick <= endMs (in key order), then advance the clock to endMs.
   * `stop` is checked after each event; when it returns true the run stops there (clock left at that event's tick).
   */
  runUntil(endMs: number, stop?: () => boolean): RunOutcome {
    if (!(endMs >= this.now && endMs <= TICK_MAX) || endMs !== Math.floor(endMs)) {
      throw new InvariantError(`engine: runUntil(${endMs}) before now ${this.now} or not an integer`);
    }
    const q = this.queue;
    const handlers = this.handlers;
    const trace = this.trace;
    const maxAtTick = this.maxEventsPerTick;
    const limit = (endMs + 1) * CLASS_SPAN; // key1 < limit  <=>  tick <= endMs
    let events = 0;
    // Bounded: each iteration removes one event; the per-tick bound catches zero-delay livelocks.
    while (q.peekKey1() < limit) {
      q.pop();
      const k1 = q.topKey1;
      const t = Math.floor(k1 / CLASS_SPAN);
      if (t !== this.now) { this.now = t; this.eventsAtTick = 0; }
      if (++this.eventsAtTick > maxAtTick) {
        throw new InvariantError(`engine: more than ${maxAtTick} events at tick ${t} (zero-delay loop?)`);
      }
      const kind = q.topKind, actor = q.topActor;
      this.curKey1 = k1; this.curKey2 = q.topKey2;
      trace.record(t, kind, actor);
      this.eventsProcessed++;
      events++;
      handlers[kind]!(actor, q.topPayload, q.topObj);
      if (stop !== undefined && stop()) return { reason: 'stop', events, nowMs: this.now };
    }
    const reason: StopReason = q.size === 0 ? 'empty' : 'end';
    if (endMs !== this.now) { this.now = endMs; this.eventsAtTick = 0; }
    return { reason, events, nowMs: this.now };
  }

  /** Dispatch exactly one event if any (clock moves to its tick). Returns false when the queue is empty. */
  step(): boolean {
    if (this.queue.size === 0) return false;
    this.runUntil(this.queue.peekTick(), () => true);
    return true;
  }

  /** Register a per-block hook (invariant checks, metrics). Returns an unsubscribe function. */
  onBlock(fn: BlockHook): () => void {
    this.blockHooks.push(fn);
    return () => { const i = this.blockHooks.indexOf(fn); if (i >= 0) this.blockHooks.splice(i, 1); };
  }
  /** Called by whoever applies blocks, after each block: runs the hooks in registration order. */
  notifyBlock(blockNumber: number): void {
    for (const h of this.blockHooks) h(blockNumber, this.now);
  }

  /** Fold a state root into the trace (day/era boundaries, end of run). */
  foldStateRoot(root: Uint8Array): void { this.trace.foldStateRoot(root); }
  /** 0x-hex trace hash of everything so far. */
  traceHash(): string { return this.trace.hash(); }

  snapshot(): EngineSnapshot {
    const seqs: number[][] = [];
    let used = this.seqs.length;
    while (used > 0 && this.seqs[used - 1]!.length === 0) used--;
    for (let c = 0; c < used; c++) {
      const a = this.seqs[c]!;
      let n = a.length;
      while (n > 0 && a[n - 1] === 0) n--;
      seqs.push(Array.from(a.subarray(0, n)));
    }
    return {
      version: 1,
      nowMs: this.now,
      eventsAtTick: this.eventsAtTick,
      eventsProcessed: this.eventsProcessed,
      kinds: this.kindNames.slice(),
      seqs,
      queue: this.queue.snapshot(),
      rng: this.rng.snapshot(),
      trace: this.trace.state(),
    };
  }

  /** Restore a snapshot into an engine built with the same config and the same kinds defined in the same order. */
  restoreSnapshot(s: EngineSnapshot): void {
    if (s === null || typeof s !== 'object' || s.version !== 1) throw new Error('engine snapshot: unknown version');
    if (!Number.isSafeInteger(s.nowMs) || s.nowMs < 0) throw new Error('engine snapshot: bad nowMs');
    if (!Array.isArray(s.kinds) || s.kinds.join('\n') !== this.kindNames.join('\n')) {
      throw new Error(`engine snapshot: event kinds differ (snapshot [${String(s.kinds)}], engine [${this.kindNames}])`);
    }
    if (!Array.isArray(s.seqs) || s.seqs.length > CLASS_COUNT_MAX) throw new Error('engine snapshot: bad seqs');
    if (!Number.isSafeInteger(s.eventsAtTick) || s.eventsAtTick < 0 || !Number.isSafeInteger(s.eventsProcessed) || s.eventsProcessed < 0) {
      throw new Error('engine snapshot: bad event counters');
    }
    if (s.seqs.some((a) => !Array.isArray(a) || a.some((v) => !Number.isSafeInteger(v) || v < 0 || v > SEQ_SPAN))) {
      throw new Error('engine snapshot: bad sequence counters');
    }
    this.now = s.nowMs;
    this.eventsAtTick = s.eventsAtTick;
    this.eventsProcessed = s.eventsProcessed;
    this.seqs.fill(NO_SEQS);
    s.seqs.forEach((arr, c) => {
      if (arr.length === 0) return;
      if (arr.length > SOURCE_ID_MAX) throw new Error('engine snapshot: bad seqs');
      const a = this.growSeqs(c, arr.length - 1);
      a.set(arr);
    });
    this.queue.restoreSnapshot(s.queue);
    this.rng.restoreSnapshot(s.rng);
    this.trace.restore(s.trace);
  }
}
