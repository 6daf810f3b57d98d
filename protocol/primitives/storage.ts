// Journaled storage: every pallet keeps its state in StorageValue / StorageMap items that share one Journal.
// Inside `journal.transactional(fn)` every write is recorded; a failed DispatchResult rolls all of them back,
// which is how a rejected call leaves the state root unchanged. Values are immutable records: replace, never mutate.

import { blake2b } from '@noble/hashes/blake2b';
import { blake2_256, blake2_256Range, WASM_HASH_INPUT_BYTES_MAX } from './hash.js';
import type { DispatchResult } from './dispatch.js';
import { assert, InvariantError } from './dispatch.js';

export interface Codec<T> {
  encode(value: T): Uint8Array;
  /** Optional: write exactly the bytes of encode(value) into `sink` (the state root then needs no intermediate
   * arrays for this value). Proven equal to `encode` in the codec's tests. */
  encodeTo?(sink: ByteSink, value: T): void;
}

/** A growable byte buffer a codec writes into: `reserve(n)` returns the offset of n fresh bytes in `buf` (read `buf`
 * after reserving: it may be replaced when it grows). */
export interface ByteSink {
  readonly buf: Uint8Array;
  reserve(n: number): number;
}

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

/**
 * String keys are stored as one canonical string object per key text, shared by every StorageMap (the first object
 * seen for that text, flattened). Ids are built by concatenation (`nominator/${i}`) in many places, giving distinct
 * equal "cons" strings: a Map lookup whose key is not the stored object compares the texts (a runtime call walking
 * both strings), one that is compares pointers. With canonical keys, lookups driven by one map's keys into another
 * (audits: every freeze list's account) take the pointer path, as do callers that intern their ids once (internKey).
 * Purely a representation choice: key texts, insertion order and every result are unchanged.
 */
// Bound: the table keeps key texts after their entries are gone (era-keyed maps add ~1k keys a day), so it is
// cleared when full: at most ~20 MB, and a clear only costs later-inserted keys their pointer fast path.
const INTERNED_KEYS_MAX = 1 << 18;
const internedKeys = new Map<string, string>();

/** Forget every canonical key object (what a full table does; exported so tests can clear it at any point). */
export function clearInternedKeys(): void { internedKeys.clear(); }

/** The canonical object for a key (strings: shared per text; other keys as given). Bounded: when the table is full
 * it is cleared, which only costs later lookups their pointer fast path. */
export function internKey<K>(k: K): K {
  if (typeof k !== 'string') return k;
  let c = internedKeys.get(k);
  if (c === undefined) {
    if (internedKeys.size >= INTERNED_KEYS_MAX) clearInternedKeys();
    c = JSON.parse(JSON.stringify(k)) as string; // a flat copy: compares and hashes without walking a cons tree
    internedKeys.set(c, c);
  }
  return c as K;
}

/** Number of root groups of a map: entries are grouped by the first byte of their encoded key (+1 for an empty key). */
const ROOT_GROUPS = 257;
const groupOf = (kb: Uint8Array): number => (kb.length === 0 ? 0 : kb[0]! + 1);
/** Bound on recorded value rewrites between two roots: DIRTY_PER_KEY_MAX per entry plus DIRTY_MIN. */
const DIRTY_PER_KEY_MAX = 4;
const DIRTY_MIN = 1024;

/**
 * A map whose entries are hashed in the order of their encoded keys (like a storage trie iteration).
 *
 * Root caches (the daily root re-reads every entry, and most entries change rarely between two roots):
 * - per key: the key's encoding, and the entry's whole root encoding Compact(len(key)) ‖ key ‖ rootValue(value);
 * - per group of keys sharing their first encoded byte (contiguous in key order): the concatenated encodings of the
 *   group, so an unchanged group is fed in one copy. Era-keyed maps put each era in (about) one group, so a new era
 *   re-encodes one group and the history is reused.
 * Every write drops the key's entry encoding and its group's bytes; a change of the key set also updates the sorted
 * key list incrementally (merge of the sorted new keys) instead of re-sorting everything.
 */
export class StorageMap<K, V> implements Rollbackable, RootItem, Snapshotable {
  private readonly map = new Map<K, V>();
  /** Per key: its encoding, its group, and where its entry encoding sits in the group's bytes (buf null: stale).
   * Updated in place on writes, so a value write costs one lookup and no Map insert/delete churn. */
  private readonly info = new Map<K, KeyInfo>();
  /** Concatenated entry encodings per group (null: not cached); ranges of sortedKeys per group. */
  private readonly groupBytes: Array<Uint8Array | null> = new Array<Uint8Array | null>(ROOT_GROUPS).fill(null);
  private groupStart: Int32Array | null = null; // index into sortedKeys where group g starts; groupStart[g + 1] ends it
  private sortedInfos: KeyInfo[] = [];             // info of sortedInfosFor[i] (set by groupRanges and mergeChanged)
  private sortedInfosFor: readonly K[] | null = null; // the sorted key array sortedInfos is parallel to
  private sortedKeys: K[] | null = null;
  /** Keys inserted or deleted since sortedKeys was built (only tracked while sortedKeys is non-null). */
  private readonly keysChanged = new Set<K>();
  /** Whether any key was deleted since sortedKeys was built (else every changed key is a new one). */
  private removedSinceSort = false;
  /** Keys whose values were rewritten since the last root (see dropEntry); allDirty: every entry is stale. */
  private readonly dirty: K[] = [];
  private allDirty = false;

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
    if (had) { this.map.set(k, v); this.dropEntry(k); return old; }
    const key = internKey(k); // a new key: stored as the canonical object (an existing key keeps its stored one)
    this.map.set(key, v);
    this.keyAdded(key);
    return old;
  }
  /** Remove `k`; returns the removed value. */
  delete(k: K): V | undefined {
    const old = this.map.get(k);
    if (old === undefined) return undefined;
    this.journal.record(this, k, true, old);
    this.map.delete(k);
    this.keyRemoved(k);
    return old;
  }
  restore(key: unknown, had: boolean, old: unknown): void {
    const k = key as K;
    if (had) {
      const present = this.map.has(k);
      const key = present ? k : internKey(k);
      this.map.set(key, old as V);
      if (present) this.dropEntry(key); else this.keyAdded(key);
    } else if (this.map.delete(k)) {
      this.keyRemoved(k);
    }
  }
  /** Entries in canonical key order, as plain data. */
  snapshot(): unknown { return this.sortedKeysList().map((k) => [k, this.map.get(k)]); }
  restoreSnapshot(s: unknown): void {
    this.map.clear(); this.info.clear();
    this.sortedKeys = null; this.groupStart = null; this.sortedInfos = []; this.sortedInfosFor = null; this.keysChanged.clear(); this.removedSinceSort = false; this.groupBytes.fill(null);
    this.dirty.length = 0; this.allDirty = false;
    for (const [k, v] of s as Array<[K, V]>) this.map.set(internKey(k), v);
  }
  /** Iteration in insertion order: fine for reads; never let it decide an outcome (use sortedKeysList). */
  entries(): IterableIterator<[K, V]> { return this.map.entries(); }
  keys(): IterableIterator<K> { return this.map.keys(); }
  values(): IterableIterator<V> { return this.map.values(); }
  /** Insertion-order visit without an [k, v] array per entry (audits over every entry). */
  forEach(fn: (v: V, k: K) => void): void { this.map.forEach(fn); }

  /**
   * The value of an existing key changed: its entry encoding and its group's bytes are stale. Recorded in a list and
   * applied when the root is next built (flushDirty), so a write costs an array push, not a second map lookup (the
   * transfer path writes 3-4 entries per extrinsic). Past DIRTY_PER_KEY_MAX writes per key the whole map is marked
   * stale instead (bounded memory; the next root re-encodes every entry, which is what so many writes need anyway).
   */
  private dropEntry(k: K): void {
    if (this.allDirty) return;
    if (this.dirty.length >= DIRTY_PER_KEY_MAX * this.map.size + DIRTY_MIN) { this.allDirty = true; this.dirty.length = 0; return; }
    this.dirty.push(k);
  }
  private flushDirty(): void {
    if (this.allDirty) {
      this.info.forEach((i) => { i.len = STALE; });
      this.groupBytes.fill(null);
      this.allDirty = false;
      return;
    }
    const d = this.dirty;
    for (let j = 0; j < d.length; j++) {
      const i = this.info.get(d[j]!);
      if (i === undefined || i.buf === null || i.len === STALE) continue; // removed since, or already stale
      i.len = STALE;
      this.groupBytes[i.group] = null;
    }
    d.length = 0;
  }
  private keyAdded(k: K): void {
    const i = this.infoOf(k);
    i.buf = null;
    this.groupBytes[i.group] = null;
    this.keyChanged(k, false);
  }
  private keyRemoved(k: K): void {
    const i = this.info.get(k);
    if (i !== undefined) { this.groupBytes[i.group] = null; this.info.delete(k); }
    else this.groupBytes.fill(null); // unreachable (keys get their info on insert); stay correct anyway
    this.keyChanged(k, true);
  }
  private keyChanged(k: K, removed: boolean): void {
    this.groupStart = null;
    if (this.sortedKeys !== null) { this.keysChanged.add(k); if (removed) this.removedSinceSort = true; }
  }

  /** Keys in canonical order (by encoded key bytes): the only order that may decide outcomes. */
  sortedKeysList(): readonly K[] {
    if (this.sortedKeys === null) {
      const ks = [...this.map.keys()];
      ks.sort(this.byKeyBytes);
      this.sortedKeys = ks;
      this.keysChanged.clear(); this.removedSinceSort = false;
    } else if (this.keysChanged.size > 0) {
      this.sortedKeys = this.mergeChanged(this.sortedKeys);
      this.keysChanged.clear(); this.removedSinceSort = false;
    }
    return this.sortedKeys;
  }

  private readonly byKeyBytes = (a: K, b: K): number => compareBytes(this.infoOf(a).kb, this.infoOf(b).kb);

  /**
   * The previous sorted keys minus every changed key, merged with the changed keys still present. Each new key's
   * place is found by binary search, so the merge costs O(m log n) key comparisons plus an O(n) copy. Without a
   * removal since the last sort no previous key changed (every changed key is new), so nothing is filtered.
   */
  private mergeChanged(prev: readonly K[]): K[] {
    const changed = this.keysChanged;
    const base = this.removedSinceSort ? prev.filter((k) => !changed.has(k)) : prev;
    // The binary search reads key bytes from the infos the last root kept in this order when they are for `base`
    // (no removal since), instead of a Map lookup per probe; the merged infos are then kept for the next root.
    const baseInfos = base === prev && this.sortedInfosFor === prev ? this.sortedInfos : null;
    const kbAt = (m: number): Uint8Array => (baseInfos !== null ? baseInfos[m]!.kb : this.infoOf(base[m]!).kb);
    const added: Array<{ k: K; info: KeyInfo }> = [];
    for (const k of changed) if (this.map.has(k)) added.push({ k, info: this.infoOf(k) });
    added.sort((x, y) => compareBytes(x.info.kb, y.info.kb));
    const n = base.length + added.length;
    const out: K[] = new Array<K>(n);
    const outInfos: KeyInfo[] | null = baseInfos !== null ? new Array<KeyInfo>(n) : null;
    let o = 0, i = 0;
    for (const { k: a, info } of added) {
      const ab = info.kb;
      let lo = i, hi = base.length; // first index of base[i..] whose key sorts after a
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (compareBytes(kbAt(mid), ab) < 0) lo = mid + 1; else hi = mid; }
      while (i < lo) { if (outInfos !== null) outInfos[o] = baseInfos![i]!; out[o++] = base[i++]!; }
      if (outInfos !== null) outInfos[o] = info;
      out[o++] = a;
    }
    while (i < base.length) { if (outInfos !== null) outInfos[o] = baseInfos![i]!; out[o++] = base[i++]!; }
    if (o !== this.map.size) throw new InvariantError(`${this.name}: sorted key merge gave ${o} keys for ${this.map.size}`);
    if (outInfos !== null) { this.sortedInfos = outInfos; this.sortedInfosFor = out; }
    return out;
  }

  private infoOf(k: K): KeyInfo {
    let i = this.info.get(k);
    if (i === undefined) {
      const kb = this.keyCodec.encode(k);
      i = { kb, group: groupOf(kb), buf: null, off: 0, len: 0, keyLen: (kb.length < 64 ? 1 : lenPrefix(kb.length).length) + kb.length };
      this.info.set(k, i);
    }
    return i;
  }

  /** Start of every group's range in the sorted keys (groupStart[g] .. groupStart[g + 1]). */
  private groupRanges(keys: readonly K[]): Int32Array {
    if (this.groupStart === null) {
      const start = new Int32Array(ROOT_GROUPS + 1);
      const known = this.sortedInfosFor === keys ? this.sortedInfos : null; // kept by mergeChanged: no lookups
      const infos = known ?? new Array<KeyInfo>(keys.length);
      let g = 0;
      for (let i = 0; i < keys.length; i++) {
        const info = known !== null ? known[i]! : this.infoOf(keys[i]!);
        infos[i] = info;
        while (g <= info.group) start[g++] = i;
      }
      while (g <= ROOT_GROUPS) start[g++] = keys.length;
      this.groupStart = start;
      this.sortedInfos = infos;
      this.sortedInfosFor = keys;
    }
    return this.groupStart;
  }


  feed(h: { update(b: Uint8Array): unknown }): void {
    this.flushDirty();
    const keys = this.sortedKeysList();
    const start = this.groupRanges(keys);
    for (let g = 0; g < ROOT_GROUPS; g++) {
      const from = start[g]!, to = start[g + 1]!;
      if (from === to) continue;
      h.update(this.groupBytes[g] ?? this.buildGroup(g, keys, from, to));
    }
  }

  /**
   * Encode group g (keys[from..to)): entries unchanged since the last build are copied from the old group bytes,
   * the others encoded anew, each as Compact(len(key)) ‖ key ‖ rootValue(value), written straight into one scratch
   * buffer (small typed arrays cost ~0.5 µs each to allocate: one allocation per group, not several per entry).
   */
  private buildGroup(g: number, keys: readonly K[], from: number, to: number): Uint8Array {
    const n = to - from;
    const infos = this.sortedInfos; // set by groupRanges for these keys
    const offs = new Array<number>(n + 1);
    const w = ROOT_WRITER;
    w.len = 0;
    for (let j = 0; j < n; j++) {
      const i = infos[from + j]!;
      offs[j] = w.len;
      if (i.buf !== null && i.len !== STALE) { w.copy(i.buf, i.off, i.len); continue; }
      // the key part: from the entry's previous encoding when there is one (read in group order, not a scattered
      // key array), else from the key bytes
      if (i.buf !== null) w.copy(i.buf, i.off, i.keyLen); else w.key(i.kb);
      const v = this.map.get(keys[from + j]!)!;
      if (this.valueCodec.encodeTo !== undefined) w.valueTo(this.valueCodec, v); else w.value(this.valueCodec.encode(v));
    }
    offs[n] = w.len;
    const bytes = w.buf.slice(0, w.len);
    for (let j = 0; j < n; j++) { const i = infos[from + j]!; i.buf = bytes; i.off = offs[j]!; i.len = offs[j + 1]! - offs[j]!; }
    this.groupBytes[g] = bytes;
    return bytes;
  }
}

/** A key's encoding and group, its entry encoding's place in a group's bytes (buf null: never encoded; len STALE:
 * the value changed since, the key part there is still valid) and the length of that key part. */
interface KeyInfo { readonly kb: Uint8Array; readonly group: number; buf: Uint8Array | null; off: number; len: number; readonly keyLen: number }
const STALE = -1;

/** Growable scratch buffer the groups are encoded into (feeds are synchronous and never nested). */
class RootWriter implements ByteSink {
  buf = new Uint8Array(1 << 16);
  len = 0;
  reserve(n: number): number {
    this.room(n);
    const o = this.len;
    this.len = o + n;
    return o;
  }
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  copy(src: Uint8Array, off: number, len: number): void {
    this.room(len);
    const b = this.buf, o = this.len;
    if (len <= 96) for (let i = 0; i < len; i++) b[o + i] = src[off + i]!;
    else b.set(src.subarray(off, off + len), o);
    this.len = o + len;
  }
  /** Compact(len(key)) ‖ key, byte-identical to lenPrefix + key. */
  key(kb: Uint8Array): void {
    this.room(5 + kb.length);
    this.compact(kb.length);
    this.bytes(kb);
  }
  /** rootValue(enc). */
  value(enc: Uint8Array): void {
    this.room(1 + 5 + Math.max(enc.length, 32));
    if (enc.length <= INLINE_VALUE_BYTES_MAX) {
      this.buf[this.len++] = 0;
      this.compact(enc.length);
      this.bytes(enc);
    } else {
      this.buf[this.len++] = 1;
      blake2_256Range(enc, 0, enc.length, this.buf, this.len);
      this.len += 32;
    }
  }
  /** As value(codec.encode(v)), with the value encoded in place: inline when short, else replaced by its hash. */
  valueTo<V>(codec: Codec<V>, v: V): void {
    this.room(2);
    const p = this.len;
    this.len = p + 2; // 0x00 ‖ Compact(n) for n <= 32 takes two bytes; a hashed value overwrites from p
    codec.encodeTo!(this, v);
    const n = this.len - p - 2;
    if (n <= INLINE_VALUE_BYTES_MAX) { this.buf[p] = 0; this.buf[p + 1] = n << 2; return; }
    blake2_256Range(this.buf, p + 2, n, this.buf, p + 1); // the input is read in full before the digest overwrites it
    this.buf[p] = 1;
    this.len = p + 33;
  }
  private bytes(b: Uint8Array): void {
    const d = this.buf, o = this.len, n = b.length;
    if (n <= 64) for (let i = 0; i < n; i++) d[o + i] = b[i]!;
    else d.set(b, o);
    this.len = o + n;
  }
  private compact(n: number): void {
    if (n < 64) { this.buf[this.len++] = n << 2; return; }
    this.bytes(lenPrefix(n));
  }
}
const ROOT_WRITER = new RootWriter();

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
  out[0] = 1; blake2_256Range(enc, 0, enc.length, out, 1);
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
export const ROOT_BUFFER_BYTES_MAX = WASM_HASH_INPUT_BYTES_MAX;

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
