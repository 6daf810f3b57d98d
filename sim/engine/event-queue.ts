// Event queue: a struct-of-arrays binary min-heap over typed arrays.
//
// Why typed columns: an array-of-objects heap is 2-5x slower here (SIMULATION.md, measured) and allocates per event.
//
// Key: a TOTAL order (tick, class, sourceId, sourceSeq), so pop order never depends on insertion order. It is packed
// into two exact doubles so a comparison is at most two float compares:
//   key1 = tick * 64 + class              tick integer ms in [0, 2^47) (4,400 years), class in [0, 64)
//   key2 = sourceId * 2^29 + sourceSeq    sourceId in [0, 2^24), sourceSeq in [0, 2^29)
// Both stay below 2^53, so they are exact.
//
// Layout: the heap itself holds only (key1, key2, slot) and moves 3 columns per level; the payload (kind, actor,
// numeric payload, object payload) lives in slot-indexed columns written once at push and read once at pop. Slots are
// recycled through a free-slot stack. pop() uses Floyd's bottom-up sift (hole to a leaf with one compare per level,
// then sift the last element up), which halves comparisons versus the textbook sift-down.
// Memory per pending event: 8+8+4 (heap) + 4+4+8 (payload) + 4 (free stack) + 4 (object ref) = 44 bytes of capacity.
//
// Capacity doubles on demand up to a hard bound; beyond it push() throws QueueFullError naming the scenario parameter.

import { InvariantError } from '../../protocol/primitives/dispatch.js';

export const CLASS_SPAN = 64;
export const SOURCE_SPAN = 2 ** 24;
export const SEQ_SPAN = 2 ** 29;
export const TICK_SPAN = 2 ** 47;
const MIN_CAPACITY = 16;

export class QueueFullError extends Error {
  constructor(readonly capacity: number) {
    super(`event queue full: ${capacity} pending events (raise the scenario parameter engine.queueCapacity)`);
    this.name = 'QueueFullError';
  }
}

/** One event as plain data (tests, snapshots, debugging; never used in the hot loop). */
export interface QueuedEvent {
  tick: number; cls: number; sourceId: number; seq: number;
  kind: number; actor: number; payload: number; obj: unknown;
}

/** Plain-data form of the queue, in heap order (so a restored queue pops identically). */
export interface QueueSnapshot {
  key1: number[]; key2: number[];
  kind: number[]; actor: number[]; payload: number[];
  /** [heap index, object payload] for the events that carry one */
  obj: Array<[number, unknown]>;
}

export function packKey1(tick: number, cls: number): number { return tick * CLASS_SPAN + cls; }
export function packKey2(sourceId: number, seq: number): number { return sourceId * SEQ_SPAN + seq; }
export function key1Tick(k1: number): number { return Math.floor(k1 / CLASS_SPAN); }
export function key1Class(k1: number): number { return k1 - Math.floor(k1 / CLASS_SPAN) * CLASS_SPAN; }
export function key2Source(k2: number): number { return Math.floor(k2 / SEQ_SPAN); }
export function key2Seq(k2: number): number { return k2 - Math.floor(k2 / SEQ_SPAN) * SEQ_SPAN; }

export class EventQueue {
  private cap: number;
  private n = 0;
  // heap columns (heap position)
  private k1: Float64Array;
  private k2: Float64Array;
  private hslot: Int32Array;
  // payload columns (slot)
  private kindCol: Int32Array;
  private actorCol: Int32Array;
  private payloadCol: Float64Array;
  private objects: unknown[];
  private free: Int32Array; // stack of free slots; free[0 .. cap-n) are free
  private nfree: number;

  // The event most recently removed by pop(): read these right after pop() (no allocation).
  topKey1 = 0; topKey2 = 0;
  topKind = 0; topActor = 0; topPayload = 0; topObj: unknown = undefined;

  constructor(readonly maxCapacity: number, initialCapacity = 1024) {
    if (!Number.isSafeInteger(maxCapacity) || maxCapacity < 1) {
      throw new RangeError(`engine.queueCapacity must be a positive integer, got ${maxCapacity}`);
    }
    const cap = Math.max(1, Math.min(maxCapacity, Math.max(MIN_CAPACITY, Math.floor(initialCapacity))));
    this.cap = cap;
    this.k1 = new Float64Array(cap);
    this.k2 = new Float64Array(cap);
    this.hslot = new Int32Array(cap);
    this.kindCol = new Int32Array(cap);
    this.actorCol = new Int32Array(cap);
    this.payloadCol = new Float64Array(cap);
    this.objects = new Array<unknown>(cap).fill(undefined);
    this.free = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.free[i] = cap - 1 - i; // pops slot 0 first
    this.nfree = cap;
  }

  get size(): number { return this.n; }
  get capacity(): number { return this.cap; }
  /** Bytes held by the columns at the current capacity (typed arrays + 4-byte object references). */
  get columnBytes(): number { return this.cap * 44; }

  /** key1 of the earliest event; +Infinity when empty. */
  peekKey1(): number { return this.n > 0 ? this.k1[0]! : Infinity; }
  /** Tick of the earliest event; +Infinity when empty. */
  peekTick(): number { return this.n > 0 ? Math.floor(this.k1[0]! / CLASS_SPAN) : Infinity; }

  /** Insert an event with pre-packed keys (see packKey1/packKey2). */
  push(key1: number, key2: number, kind: number, actor: number, payload: number, obj: unknown): void {
    if (this.n === this.cap) this.grow();
    const slot = this.free[--this.nfree]!;
    this.kindCol[slot] = kind;
    this.actorCol[slot] = actor;
    this.payloadCol[slot] = payload;
    this.objects[slot] = obj;
    this.siftUp(this.n++, key1, key2, slot);
  }

  /** Place (key1, key2, slot) at hole i, moving larger parents down. */
  private siftUp(i: number, key1: number, key2: number, slot: number): void {
    const K1 = this.k1, K2 = this.k2, H = this.hslot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const p1 = K1[p]!;
      if (p1 < key1 || (p1 === key1 && K2[p]! < key2)) break;
      K1[i] = p1; K2[i] = K2[p]!; H[i] = H[p]!;
      i = p;
    }
    K1[i] = key1; K2[i] = key2; H[i] = slot;
  }

  /** Remove the earliest event into the top* fields. Returns false when empty. */
  pop(): boolean {
    const n = this.n;
    if (n === 0) return false;
    const K1 = this.k1, K2 = this.k2, H = this.hslot;
    this.topKey1 = K1[0]!;
    this.topKey2 = K2[0]!;
    const slot = H[0]!;
    this.topKind = this.kindCol[slot]!;
    this.topActor = this.actorCol[slot]!;
    this.topPayload = this.payloadCol[slot]!;
    const obj = this.objects[slot];
    if (obj !== undefined) this.objects[slot] = undefined;
    this.topObj = obj;
    this.free[this.nfree++] = slot;
    const last = n - 1;
    this.n = last;
    if (last === 0) return true;
    // Floyd: move the hole from the root down to a leaf along the smaller children...
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last) {
        const c1 = K1[c]!, r1 = K1[r]!;
        if (r1 < c1 || (r1 === c1 && K2[r]! < K2[c]!)) c = r;
      }
      K1[i] = K1[c]!; K2[i] = K2[c]!; H[i] = H[c]!;
      i = c;
    }
    // ...then put the last element in the hole and sift it up.
    this.siftUp(i, K1[last]!, K2[last]!, H[last]!);
    return true;
  }

  private grow(): void {
    if (this.cap >= this.maxCapacity) throw new QueueFullError(this.maxCapacity);
    const old = this.cap;
    const cap = Math.min(this.maxCapacity, old * 2);
    this.k1 = copyF64(this.k1, cap);
    this.k2 = copyF64(this.k2, cap);
    this.hslot = copyI32(this.hslot, cap);
    this.kindCol = copyI32(this.kindCol, cap);
    this.actorCol = copyI32(this.actorCol, cap);
    this.payloadCol = copyF64(this.payloadCol, cap);
    for (let i = old; i < cap; i++) this.objects.push(undefined);
    // Called only when full, so the free stack is empty: the new slots old..cap-1 become free (lowest on top).
    const free = new Int32Array(cap);
    let f = 0;
    for (let s = cap - 1; s >= old; s--) free[f++] = s;
    this.free = free;
    this.nfree = f;
    this.cap = cap;
  }

  /** All pending events in pop order (sorted copy; for tests and debugging). */
  toSortedArray(): QueuedEvent[] {
    const out: QueuedEvent[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.eventAt(i));
    return out.sort(compareEvents);
  }

  private eventAt(i: number): QueuedEvent {
    const k1 = this.k1[i]!, k2 = this.k2[i]!, s = this.hslot[i]!;
    return {
      tick: key1Tick(k1), cls: key1Class(k1), sourceId: key2Source(k2), seq: key2Seq(k2),
      kind: this.kindCol[s]!, actor: this.actorCol[s]!, payload: this.payloadCol[s]!, obj: this.objects[s],
    };
  }

  snapshot(): QueueSnapshot {
    const snap: QueueSnapshot = { key1: [], key2: [], kind: [], actor: [], payload: [], obj: [] };
    for (let i = 0; i < this.n; i++) {
      const s = this.hslot[i]!;
      snap.key1.push(this.k1[i]!); snap.key2.push(this.k2[i]!);
      snap.kind.push(this.kindCol[s]!); snap.actor.push(this.actorCol[s]!); snap.payload.push(this.payloadCol[s]!);
      const o = this.objects[s];
      if (o !== undefined) snap.obj.push([i, o]);
    }
    return snap;
  }

  /** Replace the contents with a snapshot (heap order is validated). */
  restoreSnapshot(s: QueueSnapshot): void {
    const n = Array.isArray(s?.key1) ? s.key1.length : -1;
    const cols = [s?.key2, s?.kind, s?.actor, s?.payload];
    if (n < 0 || cols.some((c) => !Array.isArray(c) || c.length !== n) || !Array.isArray(s.obj)) {
      throw new InvariantError('queue snapshot: malformed columns');
    }
    if (n > this.maxCapacity) throw new QueueFullError(this.maxCapacity);
    for (let i = 0; i < this.n; i++) this.objects[this.hslot[i]!] = undefined;
    this.n = 0;
    this.nfree = this.cap;
    for (let i = 0; i < this.cap; i++) this.free[i] = this.cap - 1 - i;
    while (this.cap < n) this.grow();
    for (let i = 0; i < n; i++) {
      const k1 = s.key1[i]!, k2 = s.key2[i]!;
      if (!Number.isSafeInteger(k1) || k1 < 0 || !Number.isSafeInteger(k2) || k2 < 0) {
        throw new InvariantError(`queue snapshot: bad key at ${i}`);
      }
      const slot = this.free[--this.nfree]!;
      this.k1[i] = k1; this.k2[i] = k2; this.hslot[i] = slot;
      this.kindCol[slot] = s.kind[i]!; this.actorCol[slot] = s.actor[i]!; this.payloadCol[slot] = s.payload[i]!;
      this.objects[slot] = undefined;
      this.n = i + 1;
      if (i > 0) {
        const p = (i - 1) >> 1;
        if (k1 < this.k1[p]! || (k1 === this.k1[p]! && k2 < this.k2[p]!)) {
          throw new InvariantError(`queue snapshot: heap order broken at ${i}`);
        }
      }
    }
    for (const entry of s.obj) {
      const i = Array.isArray(entry) ? entry[0] : -1;
      if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new InvariantError('queue snapshot: bad object payload index');
      this.objects[this.hslot[i]!] = entry[1];
    }
  }
}

/** The queue's total order on plain events. */
export function compareEvents(a: QueuedEvent, b: QueuedEvent): number {
  return a.tick - b.tick || a.cls - b.cls || a.sourceId - b.sourceId || a.seq - b.seq;
}

function copyF64(a: Float64Array, cap: number): Float64Array { const b = new Float64Array(cap); b.set(a); return b; }
function copyI32(a: Int32Array, cap: number): Int32Array { const b = new Int32Array(cap); b.set(a); return b; }
