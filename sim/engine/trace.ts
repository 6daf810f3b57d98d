// Trace hash: the determinism evidence of a run.
//
// Per event we fold (tick, kind, actor) into a 64-bit running hash kept as two independent 32-bit
// murmur3-style lanes (Math.imul + rotations: no allocation, no bigint, ~50 integer ops per event).
// At state-root points (day/era boundaries, end of run) the lanes, the event count and the root are folded into a
// blake2b-256 chain: acc' = blake2b(acc ‖ lane1 ‖ lane2 ‖ count ‖ root). The reported traceHash is
// blake2b-256(acc ‖ lane1 ‖ lane2 ‖ count) as 0x hex. The lanes are not collision-resistant against an adversary,
// which is not the threat here: they detect accidental nondeterminism, and the cryptographic chain binds every
// state root.
//
// Divergence finding: an optional TraceLog records the running lanes every `checkpointEvery` events, plus the full
// (tick, kind, actor, lanes) of events in a bounded index window [detailFrom, detailTo). compareTraceLogs() returns
// the first divergent event when both logs hold it, or the event range to re-record otherwise.

import { blake2b } from '@noble/hashes/blake2b';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';

const C1 = 0xcc9e2d51 | 0, C2 = 0x1b873593 | 0;
const D1 = 0x85ebca6b | 0, D2 = 0xc2b2ae35 | 0;
const TWO32 = 2 ** 32;
const SEED1 = 0x9e3779b9 | 0, SEED2 = 0x7f4a7c15 | 0;

/** One murmur3 body step: fold word w into lane h with multipliers m1, m2. */
function step(h: number, w: number, m1: number, m2: number): number {
  let k = Math.imul(w, m1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, m2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export interface TraceState { lane1: number; lane2: number; count: number; acc: string }

export class Trace {
  lane1 = SEED1;
  lane2 = SEED2;
  /** Events folded so far. */
  count = 0;
  private acc: Uint8Array = new Uint8Array(32);
  log: TraceLog | null = null;

  /** Fold one event. Hot path: allocation-free. */
  record(tick: number, kind: number, actor: number): void {
    const lo = tick >>> 0, hi = (tick / TWO32) >>> 0;
    let a = this.lane1, b = this.lane2;
    a = step(a, lo, C1, C2); b = step(b, lo, D1, D2);
    a = step(a, hi, C1, C2); b = step(b, hi, D1, D2);
    a = step(a, kind, C1, C2); b = step(b, kind, D1, D2);
    a = step(a, actor, C1, C2); b = step(b, actor, D1, D2);
    this.lane1 = a; this.lane2 = b;
    const i = this.count++;
    if (this.log !== null) this.log.record(i, tick, kind, actor, a, b);
  }

  /** Fold a state root (computed at day/era boundaries and at the end of a run). */
  foldStateRoot(root: Uint8Array): void {
    const h = blake2b.create({ dkLen: 32 });
    h.update(this.acc); h.update(this.tail()); h.update(root);
    this.acc = h.digest();
    if (this.log !== null) this.log.recordRoot(this.count, bytesToHex(root));
  }

  /** The trace hash so far, 0x-prefixed hex of 32 bytes (does not change the state). */
  hash(): string {
    const h = blake2b.create({ dkLen: 32 });
    h.update(this.acc); h.update(this.tail());
    return '0x' + bytesToHex(h.digest());
  }

  private tail(): Uint8Array {
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setInt32(0, this.lane1, true);
    dv.setInt32(4, this.lane2, true);
    dv.setBigUint64(8, BigInt(this.count), true);
    return b;
  }

  state(): TraceState { return { lane1: this.lane1, lane2: this.lane2, count: this.count, acc: bytesToHex(this.acc) }; }
  restore(s: TraceState): void {
    if (!Number.isInteger(s.lane1) || !Number.isInteger(s.lane2) || !Number.isSafeInteger(s.count) || s.count < 0
        || typeof s.acc !== 'string' || s.acc.length !== 64) {
      throw new Error('trace snapshot: malformed');
    }
    this.lane1 = s.lane1 | 0; this.lane2 = s.lane2 | 0; this.count = s.count; this.acc = hexToBytes(s.acc);
  }
}

export interface TraceLogOptions {
  /** Record the running lanes after every N events (default 1024). */
  checkpointEvery?: number;
  /** Record full per-event detail for event indices in [detailFrom, detailTo) (default [0, 2^20)). */
  detailFrom?: number;
  detailTo?: number;
  /** Bound on stored checkpoints (default 2^24: 128 MiB at most). */
  maxCheckpoints?: number;
}

export interface TracedEvent { index: number; tick: number; kind: number; actor: number }

/** Compact event log of one run, for finding the first divergence between two runs. */
export class TraceLog {
  readonly checkpointEvery: number;
  readonly detailFrom: number;
  readonly detailTo: number;
  readonly maxCheckpoints: number;
  private cps: Int32Array = new Int32Array(2 * 1024); // lane1, lane2 per checkpoint
  private ncps = 0;
  private dTick: Float64Array; private dKind: Int32Array; private dActor: Int32Array;
  private dLane1: Int32Array; private dLane2: Int32Array;
  private nDetail = 0;
  /** Running values at the last recorded event. */
  count = 0; lane1 = SEED1; lane2 = SEED2;
  readonly roots: Array<{ afterEvents: number; root: string }> = [];

  constructor(opts: TraceLogOptions = {}) {
    this.checkpointEvery = opts.checkpointEvery ?? 1024;
    this.detailFrom = opts.detailFrom ?? 0;
    this.detailTo = opts.detailTo ?? this.detailFrom + (1 << 20);
    this.maxCheckpoints = opts.maxCheckpoints ?? (1 << 24);
    if (!(Number.isSafeInteger(this.checkpointEvery) && this.checkpointEvery >= 1)) throw new RangeError('trace log: checkpointEvery must be >= 1');
    if (!(this.detailFrom >= 0 && this.detailTo >= this.detailFrom)) throw new RangeError('trace log: bad detail window');
    const cap = Math.min(this.detailTo - this.detailFrom, 1 << 16);
    this.dTick = new Float64Array(cap); this.dKind = new Int32Array(cap); this.dActor = new Int32Array(cap);
    this.dLane1 = new Int32Array(cap); this.dLane2 = new Int32Array(cap);
  }

  record(index: number, tick: number, kind: number, actor: number, lane1: number, lane2: number): void {
    this.count = index + 1; this.lane1 = lane1; this.lane2 = lane2;
    if (index >= this.detailFrom && index < this.detailTo) {
      const j = index - this.detailFrom;
      if (j >= this.dTick.length) this.growDetail();
      this.dTick[j] = tick; this.dKind[j] = kind; this.dActor[j] = actor; this.dLane1[j] = lane1; this.dLane2[j] = lane2;
      this.nDetail = j + 1;
    }
    if (this.count % this.checkpointEvery === 0 && this.ncps < this.maxCheckpoints) {
      if (2 * this.ncps >= this.cps.length) { const c = new Int32Array(this.cps.length * 2); c.set(this.cps); this.cps = c; }
      this.cps[2 * this.ncps] = lane1; this.cps[2 * this.ncps + 1] = lane2;
      this.ncps++;
    }
  }

  recordRoot(afterEvents: number, rootHex: string): void { this.roots.push({ afterEvents, root: rootHex }); }

  private growDetail(): void {
    const cap = Math.min(this.detailTo - this.detailFrom, this.dTick.length * 2);
    const f = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    const g = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.dTick = f(this.dTick); this.dKind = g(this.dKind); this.dActor = g(this.dActor);
    this.dLane1 = g(this.dLane1); this.dLane2 = g(this.dLane2);
  }

  get checkpointCount(): number { return this.ncps; }
  checkpoint(i: number): [number, number] { return [this.cps[2 * i]!, this.cps[2 * i + 1]!]; }
  /** True when the per-event detail of event `index` is held. */
  hasDetail(index: number): boolean { return index >= this.detailFrom && index - this.detailFrom < this.nDetail; }
  event(index: number): TracedEvent {
    const j = index - this.detailFrom;
    return { index, tick: this.dTick[j]!, kind: this.dKind[j]!, actor: this.dActor[j]! };
  }
}

export type Divergence =
  | { kind: 'none' }
  /** The first event that differs; `a`/`b` is null where that run had already ended. */
  | { kind: 'event'; index: number; a: TracedEvent | null; b: TracedEvent | null }
  /** The first divergent event lies in [fromEvent, toEvent) but a log lacks the detail: re-run both with that window. */
  | { kind: 'range'; fromEvent: number; toEvent: number }
  /** Same events, but a state root folded after `afterEvents` events differs. */
  | { kind: 'stateRoot'; afterEvents: number; a: string | null; b: string | null };

/** Find the first divergence between two runs' logs (recorded with the same checkpointEvery). */
export function compareTraceLogs(a: TraceLog, b: TraceLog): Divergence {
  if (a.checkpointEvery !== b.checkpointEvery) throw new Error('compareTraceLogs: logs use different checkpointEvery');
  const k = a.checkpointEvery;
  // 1. first differing checkpoint bounds the first divergent event
  const common = Math.min(a.checkpointCount, b.checkpointCount);
  let from = 0;
  let to = Math.max(a.count, b.count);
  let found = false;
  for (let i = 0; i < common; i++) {
    const [a1, a2] = a.checkpoint(i), [b1, b2] = b.checkpoint(i);
    if (a1 !== b1 || a2 !== b2) { from = i * k; to = (i + 1) * k; found = true; break; }
  }
  if (!found) {
    from = common * k;
    if (a.count === b.count && a.lane1 === b.lane1 && a.lane2 === b.lane2) return compareRoots(a, b);
  }
  // 2. scan per-event detail in [from, to)
  for (let i = from; i < to; i++) {
    const aEnded = i >= a.count, bEnded = i >= b.count;
    if (aEnded && bEnded) break;
    if ((!aEnded && !a.hasDetail(i)) || (!bEnded && !b.hasDetail(i))) return { kind: 'range', fromEvent: i, toEvent: to };
    const ea = aEnded ? null : a.event(i), eb = bEnded ? null : b.event(i);
    if (ea === null || eb === null || ea.tick !== eb.tick || ea.kind !== eb.kind || ea.actor !== eb.actor) {
      return { kind: 'event', index: i, a: ea, b: eb };
    }
  }
  // The lanes are a function of the event tuples only, so a checkpoint mismatch implies a tuple mismatch above.
  throw new Error('compareTraceLogs: hashes differ but no differing event was found (corrupt log)');
}

function compareRoots(a: TraceLog, b: TraceLog): Divergence {
  const n = Math.max(a.roots.length, b.roots.length);
  for (let i = 0; i < n; i++) {
    const ra = a.roots[i], rb = b.roots[i];
    if (ra === undefined || rb === undefined || ra.afterEvents !== rb.afterEvents || ra.root !== rb.root) {
      return { kind: 'stateRoot', afterEvents: (ra ?? rb)!.afterEvents, a: ra?.root ?? null, b: rb?.root ?? null };
    }
  }
  return { kind: 'none' };
}
