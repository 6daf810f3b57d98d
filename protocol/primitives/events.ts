// The runtime's event buffer: pallets push events while dispatching; a rolled-back call drops its events
// (the buffer registers with the Journal, which truncates it to its length at the start of the transaction).

import type { Journal } from './storage.js';
import { assert } from './dispatch.js';

export interface RuntimeEvent {
  readonly pallet: string; // e.g. "balances"
  readonly name: string;   // the event variant, e.g. "Transfer"
  readonly data: Readonly<Record<string, unknown>>;
}

/** Bound on undrained events: the runner drains every block; a leak fails loudly instead of eating memory. */
export const EVENT_BUFFER_MAX = 4_000_000;

export class EventBuffer {
  private buf: RuntimeEvent[] = [];
  /** When false, push() is a no-op (benchmarks, bulk replays that never read events). */
  enabled = true;

  constructor(journal: Journal) {
    journal.registerBuffer(() => this.buf.length, (n) => { this.buf.length = n; });
  }

  push(e: RuntimeEvent): void {
    if (!this.enabled) return;
    assert(this.buf.length < EVENT_BUFFER_MAX, 'events: buffer full (drainEvents() not called)');
    this.buf.push(e);
  }

  get length(): number { return this.buf.length; }

  /** Hand over all events in emission order and start an empty buffer. */
  drain(): RuntimeEvent[] {
    const out = this.buf;
    this.buf = [];
    return out;
  }
}
