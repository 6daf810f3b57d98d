// Transaction pool ordered by fee priority (SUBSTRATE.md §2.3): highest priority first, then arrival order.
// Bounded: when full, the lowest-priority (latest-arrived among equals) entry is evicted, like Substrate's
// ready-pool limit. Authors take entries in order until the block length budget is spent.
import { assert } from '../../protocol/primitives/dispatch.js';

export interface PoolEntry<X> {
  readonly id: number;          // unique, assigned by the pool in arrival order
  readonly priority: bigint;
  readonly lengthBytes: number;
  readonly xt: X;
}

/**
 * priority(Normal) = (tip + 1) * max_tx_per_block, with max_tx_per_block taken from the length budget only
 * (the weight budget is the runtime's concern; a transfer is length-bound in practice).
 */
export function normalPriority(tipPlanck: bigint, lengthBytes: number, maxBlockLengthBytes: number): bigint {
  assert(tipPlanck >= 0n && lengthBytes > 0 && maxBlockLengthBytes > 0, 'normalPriority: bad input');
  const maxPerBlock = BigInt(Math.max(1, Math.floor(maxBlockLengthBytes / lengthBytes)));
  return (tipPlanck + 1n) * maxPerBlock;
}

export class Mempool<X> {
  // Sorted: priority desc, id asc. Binary insertion keeps it sorted; capacity bounds the cost.
  private readonly entries: PoolEntry<X>[] = [];
  private nextId = 0;
  evicted = 0;

  constructor(readonly capacity: number) { assert(capacity >= 1, 'Mempool: capacity must be >= 1'); }

  get size(): number { return this.entries.length; }

  /** Returns the entry id, or -1 if the pool is full of higher-priority entries. */
  submit(xt: X, priority: bigint, lengthBytes: number): number {
    const e: PoolEntry<X> = { id: this.nextId++, priority, lengthBytes, xt };
    if (this.entries.length >= this.capacity) {
      const worst = this.entries[this.entries.length - 1]!;
      if (worst.priority >= priority) { this.evicted++; return -1; }
      this.entries.pop();
      this.evicted++;
    }
    this.entries.splice(this.insertionIndex(e), 0, e);
    return e.id;
  }

  private insertionIndex(e: PoolEntry<X>): number {
    let lo = 0; let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.entries[mid]!;
      if (m.priority > e.priority || (m.priority === e.priority && m.id < e.id)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Best entries by priority whose lengths fit the budget, skipping ids in `exclude` (already on the chain). */
  select(maxLengthBytes: number, exclude: ReadonlySet<number>): PoolEntry<X>[] {
    const out: PoolEntry<X>[] = [];
    let used = 0;
    for (const e of this.entries) {
      if (exclude.has(e.id)) continue;
      if (used + e.lengthBytes > maxLengthBytes) continue; // a smaller one further down may still fit
      out.push(e);
      used += e.lengthBytes;
    }
    return out;
  }

  /** Remove entries included in a finalized block. */
  removeIds(ids: Iterable<number>): void {
    const drop = new Set(ids);
    if (drop.size === 0) return;
    let w = 0;
    for (let r = 0; r < this.entries.length; r++) {
      const e = this.entries[r]!;
      if (!drop.has(e.id)) this.entries[w++] = e;
    }
    this.entries.length = w;
  }

  ids(): number[] { return this.entries.map((e) => e.id); }
}
