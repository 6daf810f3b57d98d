// The runner's transaction pool: a bounded FIFO of extrinsics in arrival order. Arrival order is the engine's event
// order, so it is deterministic. Full pool: new extrinsics are dropped and counted (like a node's full tx pool).

import type { Extrinsic } from './chain.js';

export class Mempool {
  private items: Extrinsic[] = [];
  private head = 0;
  dropped = 0;
  constructor(readonly capacity: number) {
    if (!(Number.isSafeInteger(capacity) && capacity >= 1)) throw new RangeError(`mempool capacity must be >= 1, got ${capacity}`);
  }
  get size(): number { return this.items.length - this.head; }
  submit(xt: Extrinsic): boolean {
    if (this.size >= this.capacity) { this.dropped++; return false; }
    this.items.push(xt);
    return true;
  }
  peek(): Extrinsic | undefined { return this.items[this.head]; }
  shift(): Extrinsic | undefined {
    const x = this.items[this.head];
    if (x === undefined) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    return x;
  }
  /** Take up to `max` extrinsics, oldest first. */
  take(max: number): Extrinsic[] {
    const n = Math.min(max, this.size);
    const out = this.items.slice(this.head, this.head + n);
    this.head += n;
    if (this.head > 1024 && this.head * 2 > this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    return out;
  }
  snapshot(): { items: Extrinsic[]; dropped: number } { return { items: this.items.slice(this.head), dropped: this.dropped }; }
  restoreSnapshot(s: { items: Extrinsic[]; dropped: number }): void { this.items = s.items.slice(); this.head = 0; this.dropped = s.dropped; }
}
