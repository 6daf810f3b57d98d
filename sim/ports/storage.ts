// Storage port: a key-value store with explicit commits and a state root.
//
// Reads and writes are synchronous: protocol and node code is synchronous (SIMULATION.md rule 2), and production
// stores can keep that shape (lmdb-js offers synchronous reads and `transactionSync`; an async driver would sit behind
// a write-ahead buffer). Writes are buffered until commit(); a crash loses everything not committed.

export interface Storage {
  /** The value for key: the pending (uncommitted) write if any, else the committed value. */
  get(key: Uint8Array): Uint8Array | undefined;
  put(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
  /** Make pending writes durable; returns the new state root (32 bytes). */
  commit(): Uint8Array;
  /** Root of the last commit. */
  root(): Uint8Array;
  /** Number of pending (uncommitted) writes. */
  readonly pendingCount: number;
}
