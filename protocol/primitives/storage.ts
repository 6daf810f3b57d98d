// Journaled storage: every pallet keeps its state in StorageValue / StorageMap items that share one Journal.
// Inside `journal.transactional(fn)` every write is recorded; a failed DispatchResult rolls all of them back,
// which is how a rejected call leaves the state root unchanged. Values are immutable records: replace, never mutate.

import { blake2b } from '@noble/hashes/blake2b';
import { blake2_256 } from './hash.js';
import type { DispatchResult } from './dispatch.js';
import { assert, InvariantError } from './dispatch.js';

export interface Codec<T> { encode(value: T): Uint8Array }

interface Rollbackable { restore(key: unknown, had: boolean, old: unknown): void }

const JOURNAL_DEPTH_MAX = 64;

export class Journal {
  // The undo log as parallel arrays: one entry per write inside a transaction, no object allocated per write
  // (the transfer path writes 3-4 entries per extrinsic).
  private readonly undoItems: Rollbackable[] = [];
  private readonly undoKeys: unknown[] = [];
  private readonly undoHad: boolean[] = [];
  private readonly undoOld: unknown[] = [];
  private depth = 0;
  /** Hooks run on rollback to truncate append-only buffers (events) to their length at the start. */
  private readonly marks: Array<{ length: () => number; truncate: (n: number) => void }> = [];
  /** Buffer lengths at the start of each open transaction, marks.length entries per level. */
  private readonly markStack: number[] = [];

  get active(): boolean { return this.depth > 0; }

  record(item: Rollbackable, key: unknown, had: boolean, old: unknown): void {
    if (this.depth === 0) return;
    this.undoItems.push(item); this.undoKeys.push(key); this.undoHad.push(had); this.undoOld.push(old);
  }

  registerBuffer(length: () => number, truncate: (n: number) => void): void {
    assert(this.depth === 0, 'journal: buffers must be registered outside a transaction');
    this.marks.push({ length, truncate });
  }

  /** Run fn; if it returns an error result or throws, undo every write it made and rethrow / return the error. */
  transactional<T>(fn: () => DispatchResult<T>): DispatchResult<T> {
    assert(this.depth < JOURNAL_DEPTH_MAX, 'journal: transactional nesting too deep');
    const start = this.undoItems.length;
    const markBase = this.markStack.length;
    for (let i = 0; i < this.marks.length; i++) this.markStack.push(this.marks[i]!.length());
    this.depth++;
    let result: DispatchResult<T>;
    try {
      result = fn();
    } catch (e) {
      this.depth--;
      this.rollback(start, markBase);
      throw e;
    }
    this.depth--;
    if (!result.ok) this.rollback(start, markBase);
    else if (this.depth === 0) this.truncateUndo(0); // committed at top level
    this.markStack.length = markBase;
    return result;
  }

  private rollback(start: number, markBase: number): void {
    for (let i = this.undoItems.length - 1; i >= start; i--) {
      this.undoItems[i]!.restore(this.undoKeys[i], this.undoHad[i]!, this.undoOld[i]);
    }
    this.truncateUndo(start);
    for (let i = 0; i < this.marks.length; i++) this.marks[i]!.truncate(this.markStack[markBase + i]!);
    this.markStack.length = markBase;
  }

  private truncateUndo(n: number): void {
    this.undoItems.length = n; this.undoKeys.length = n; this.undoHad.length = n; this.undoOld.length = n;
  }
}

/** Something that contributes to the state root. */
export interface RootItem {
  readonly name: string; // "pallet.Item", unique
  /** Feed canonical (key, value) encodings in sorted key order. */
  feed(h: { update(b: Uint8Array): unknown }): void;
}

const EMPTY = new Uint8Array(0);

export class StorageValue<T> implements Rollbackable, RootItem, Snapshotable {
  private value: T;
  private encoded: Uint8Array | null = null;
  constructor(readonly name: string, private readonly journal: Journal, initial: T, private readonly codec: Codec<T>) {
    this.value = initial;
  }
  get(): T { return this.value; }
  set(v: T): void {
    this.journal.record(this, undefined, true, this.value);
    this.value = v;
    this.encoded = null;
  }
  restore(_k: unknown, _had: boolean, old: unknown): void { this.value = old as T; this.encoded = null; }
  snapshot(): unknown { return this.value; }
  restoreSnapshot(s: unknown): void { this.value = s as T; this.encoded = null; }
  feed(h: { update(b: Uint8Array): unknown }): void {
    if (this.encoded === null) this.encoded = rootValue(this.codec.encode(this.value));
    h.update(this.encoded);
  }
}

/** A map whose entries are hashed in the order of their encoded keys (like a storage trie iteration). */
export class StorageMap<K, V> implements Rollbackable, RootItem, Snapshotable {
  private readonly map = new Map<K, V>();
  // Encoding caches: the root is recomputed often, entries change rarely between two roots.
  private readonly keyBytes = new Map<K, Uint8Array>();
  private readonly valueBytes = new Map<K, Uint8Array>();
  private sortedKeys: K[] | null = null;

  constructor(readonly name: string, private readonly journal: Journal,
              private readonly keyCodec: Codec<K>, private readonly valueCodec: Codec<V>) {}

  get size(): number { return this.map.size; }
  get(k: K): V | undefined { return this.map.get(k); }
  has(k: K): boolean { return this.map.has(k); }
  /** Write `v` (never undefined); returns the previous value, so callers need no second lookup. */
  set(k: K, v: V): V | undefined {
    if (v === undefined) throw new InvariantError(`${this.name}: undefined value`);
    const old = this.map.get(k);
    const had = old !== undefined;
    this.journal.record(this, k, had, old);
    if (!had) this.sortedKeys = null;
    this.map.set(k, v);
    if (this.valueBytes.size !== 0) this.valueBytes.delete(k);
    return old;
  }
  /** Remove `k`; returns the removed value. */
  delete(k: K): V | undefined {
    const old = this.map.get(k);
    if (old === undefined) return undefined;
    this.journal.record(this, k, true, old);
    this.map.delete(k);
    this.valueBytes.delete(k);
    this.keyBytes.delete(k);
    this.sortedKeys = null;
    return old;
  }
  restore(key: unknown, had: boolean, old: unknown): void {
    const k = key as K;
    if (had) {
      if (!this.map.has(k)) this.sortedKeys = null;
      this.map.set(k, old as V);
    } else {
      this.map.delete(k);
      this.keyBytes.delete(k);
      this.sortedKeys = null;
    }
    this.valueBytes.delete(k);
  }
  /** Entries in canonical key order, as plain data. */
  snapshot(): unknown { return this.sortedKeysList().map((k) => [k, this.map.get(k)]); }
  restoreSnapshot(s: unknown): void {
    this.map.clear(); this.keyBytes.clear(); this.valueBytes.clear(); this.sortedKeys = null;
    for (const [k, v] of s as Array<[K, V]>) this.map.set(k, v);
  }
  /** Iteration in insertion order: fine for reads; never let it decide an outcome (use sortedKeysList). */
  entries(): IterableIterator<[K, V]> { return this.map.entries(); }
  keys(): IterableIterator<K> { return this.map.keys(); }
  values(): IterableIterator<V> { return this.map.values(); }

  /** Keys in canonical order (by encoded key bytes): the only order that may decide outcomes. */
  sortedKeysList(): readonly K[] {
    if (this.sortedKeys === null) {
      const ks = [...this.map.keys()];
      for (const k of ks) this.keyBytesOf(k);
      ks.sort((a, b) => compareBytes(this.keyBytes.get(a)!, this.keyBytes.get(b)!));
      this.sortedKeys = ks;
    }
    return this.sortedKeys;
  }

  private keyBytesOf(k: K): Uint8Array {
    let b = this.keyBytes.get(k);
    if (b === undefined) { b = this.keyCodec.encode(k); this.keyBytes.set(k, b); }
    return b;
  }

  feed(h: { update(b: Uint8Array): unknown }): void {
    for (const k of this.sortedKeysList()) {
      let v = this.valueBytes.get(k);
      if (v === undefined) { v = rootValue(this.valueCodec.encode(this.map.get(k)!)); this.valueBytes.set(k, v); }
      const kb = this.keyBytesOf(k);
      h.update(lenPrefix(kb.length)); h.update(kb);
      h.update(v);
    }
  }
}

/** Values up to this many encoded bytes enter the root inline; longer ones by their blake2-256 (trie state_version 1). */
export const INLINE_VALUE_BYTES_MAX = 32;

/**
 * How a value's encoding enters the state root, as Substrate's trie V1 does: inline when short
 * (0x00 ‖ Compact(len) ‖ bytes), else by hash (0x01 ‖ blake2-256(bytes)). A large value is hashed once when first
 * needed and only its 33-byte digest is kept, so a daily root costs O(entries), not O(bytes of state).
 */
export function rootValue(enc: Uint8Array): Uint8Array {
  if (enc.length <= INLINE_VALUE_BYTES_MAX) {
    const p = lenPrefix(enc.length);
    const out = new Uint8Array(1 + p.length + enc.length);
    out[0] = 0; out.set(p, 1); out.set(enc, 1 + p.length);
    return out;
  }
  const out = new Uint8Array(33);
  out[0] = 1; out.set(blake2_256(enc), 1);
  return out;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) { const d = a[i]! - b[i]!; if (d !== 0) return d; }
  return a.length - b.length;
}

/** SCALE Compact<u32> length prefix. */
export function lenPrefix(n: number): Uint8Array {
  if (n < 1 << 6) return Uint8Array.of(n << 2);
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6);
  if (n < 1 << 30) { const v = (n << 2) | 2; return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff); }
  return Uint8Array.of(3, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

/**
 * State root: blake2-256 over the canonical encoding of every item, items in sorted name order, each as
 * Compact(len(name)) ‖ name ‖ its entries in encoded-key order, an entry being Compact(len(key)) ‖ key ‖ rootValue.
 */
export function stateRoot(items: readonly RootItem[]): Uint8Array {
  // Buffer the canonical encoding and hash it once (one WASM call beats thousands of tiny incremental updates);
  // a state larger than the buffer bound streams through the JS hasher instead (same bytes, bounded memory).
  const sink = new RootSink();
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const enc = new TextEncoder();
  for (const it of sorted) {
    const nb = enc.encode(it.name);
    sink.update(lenPrefix(nb.length)); sink.update(nb);
    it.feed(sink);
  }
  return sink.digest();
}

/** Largest encoding hashed in one WASM call; the WASM heap fails to allocate far beyond this (seen at ~1 GB). */
export const ROOT_BUFFER_BYTES_MAX = 32 << 20;

/** Collects the canonical encoding; past ROOT_BUFFER_BYTES_MAX it switches to streaming into blake2b. */
export class RootSink {
  private buf = new Uint8Array(1 << 16);
  private len = 0;
  private stream: ReturnType<typeof blake2b.create> | null = null;

  update(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.makeRoom(b.length);
    if (this.stream !== null && b.length > this.buf.length) { this.stream.update(b); return; }
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  digest(): Uint8Array {
    if (this.stream === null) return blake2_256(this.buf.subarray(0, this.len));
    this.stream.update(this.buf.subarray(0, this.len));
    return this.stream.digest();
  }

  private makeRoom(need: number): void {
    if (this.stream === null && this.len + need <= ROOT_BUFFER_BYTES_MAX) {
      let cap = this.buf.length * 2;
      while (cap < this.len + need) cap *= 2;
      const next = new Uint8Array(Math.min(cap, ROOT_BUFFER_BYTES_MAX));
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
      return;
    }
    if (this.stream === null) this.stream = blake2b.create({ dkLen: 32 });
    this.stream.update(this.buf.subarray(0, this.len));
    this.len = 0;
  }
}

export { EMPTY as EMPTY_BYTES };

// ---- Checkpoint support: storage values are plain data (bigint, number, string, boolean, arrays, plain objects).

/** JSON replacer/reviver that keep bigint exact: bigint -> {"$n": "123"}. Used by every checkpoint. */
export function jsonReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? { $n: v.toString() } : v;
}
export function jsonReviver(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$n === 'string' && Object.keys(o).length === 1) return BigInt(o.$n);
  }
  return v;
}

export interface Snapshotable {
  readonly name: string;
  snapshot(): unknown;          // plain data; bigint allowed (serialised with jsonReplacer)
  restoreSnapshot(s: unknown): void;
}
