// Simulated storage: an in-memory key-value store with commits, a state root, and crash semantics (a crash loses
// every write not committed, like a process dying before fsync).
//
// Root: blake2b-256 over the entries in byte-wise key order, each as Compact(len(key)) ‖ key ‖ Compact(len(value)) ‖
// value (SCALE compact lengths, as protocol/primitives/storage.ts). A flat hash, not a trie: it identifies the state,
// which is all the simulator needs; a production store may use a trie root behind the same port.

import { bytesToHex, hexToBytes } from '@noble/hashes/utils';
import { lenPrefix, RootSink } from '../../../protocol/primitives/storage.js';
import type { Storage } from '../../ports/storage.js';

export interface SimStorageSnapshot {
  committed: Array<[string, string]>;
  pending: Array<[string, string | null]>;
}

export class SimStorage implements Storage {
  private readonly committed = new Map<string, Uint8Array>();
  /** Decoded key bytes of committed entries (the root needs them at every commit; hex is the map key). */
  private readonly keyBytes = new Map<string, Uint8Array>();
  private readonly pending = new Map<string, Uint8Array | null>();
  private sortedKeys: string[] | null = [];
  private lastRoot: Uint8Array = computeRoot(new Map(), [], new Map());
  /** Commits and crashes so far (for metrics and tests). */
  commits = 0;
  crashes = 0;

  get pendingCount(): number { return this.pending.size; }
  get size(): number { return this.committed.size; }

  get(key: Uint8Array): Uint8Array | undefined {
    const k = bytesToHex(key);
    const p = this.pending.get(k);
    if (p !== undefined) return p === null ? undefined : p.slice();
    const v = this.committed.get(k);
    return v === undefined ? undefined : v.slice();
  }

  put(key: Uint8Array, value: Uint8Array): void { this.pending.set(bytesToHex(key), value.slice()); }
  delete(key: Uint8Array): void { this.pending.set(bytesToHex(key), null); }

  commit(): Uint8Array {
    for (const [k, v] of this.pending) {
      if (v === null) {
        if (this.committed.delete(k)) { this.sortedKeys = null; this.keyBytes.delete(k); }
      } else {
        if (!this.committed.has(k)) { this.sortedKeys = null; this.keyBytes.set(k, hexToBytes(k)); }
        this.committed.set(k, v);
      }
    }
    this.pending.clear();
    if (this.sortedKeys === null) this.sortedKeys = [...this.committed.keys()].sort();
    this.lastRoot = computeRoot(this.committed, this.sortedKeys, this.keyBytes);
    this.commits++;
    return this.lastRoot.slice();
  }

  root(): Uint8Array { return this.lastRoot.slice(); }

  /** The process dies: uncommitted writes are lost; committed data survives. */
  crash(): void {
    this.pending.clear();
    this.crashes++;
  }

  snapshot(): SimStorageSnapshot {
    const committed = [...this.committed.keys()].sort().map((k): [string, string] => [k, bytesToHex(this.committed.get(k)!)]);
    const pending = [...this.pending.keys()].sort().map((k): [string, string | null] => {
      const v = this.pending.get(k)!;
      return [k, v === null ? null : bytesToHex(v)];
    });
    return { committed, pending };
  }

  restoreSnapshot(s: SimStorageSnapshot): void {
    if (!Array.isArray(s?.committed) || !Array.isArray(s?.pending)) throw new Error('storage snapshot: malformed');
    this.committed.clear(); this.pending.clear(); this.keyBytes.clear();
    for (const [k, v] of s.committed) { this.committed.set(k, hexToBytes(v)); this.keyBytes.set(k, hexToBytes(k)); }
    for (const [k, v] of s.pending) this.pending.set(k, v === null ? null : hexToBytes(v));
    this.sortedKeys = [...this.committed.keys()].sort();
    this.lastRoot = computeRoot(this.committed, this.sortedKeys, this.keyBytes);
  }
}

// Lowercase hex strings sort exactly as their bytes do (two digits per byte, a prefix sorts first), so sorting the
// hex keys gives byte-wise key order.
function computeRoot(entries: Map<string, Uint8Array>, sortedKeys: readonly string[], keyBytes: ReadonlyMap<string, Uint8Array>): Uint8Array {
  // Buffered and hashed once by the WASM blake2 (streamed through the JS hasher past RootSink's bound): same bytes.
  const sink = new RootSink();
  for (const k of sortedKeys) {
    const kb = keyBytes.get(k)!, v = entries.get(k)!;
    sink.update(lenPrefix(kb.length)); sink.update(kb);
    sink.update(lenPrefix(v.length)); sink.update(v);
  }
  return sink.digest();
}
