// Block authorship as a pluggable source. The runner asks it for the author of each slot; the default rotates among
// the active validator set (round-robin by block number). The consensus engineer replaces it with BABE slot
// outcomes (aggregated) or message-level nodes: implement AuthorshipSource and pass it to buildWorld.

import type { AccountId } from '../../protocol/primitives/units.js';

export interface AuthorshipSource {
  readonly name: string;
  /** The author of `blockNumber` at `slotMs`, or null when the slot is empty (no block produced). */
  authorFor(blockNumber: number, slotMs: number): AccountId | null;
  snapshot(): unknown;
  restoreSnapshot(s: unknown): void;
}

/** Round-robin over the validator set the chain reports as active (sorted, so order never depends on a Map). */
export class RotationAuthorship implements AuthorshipSource {
  readonly name = 'rotation';
  constructor(private readonly activeValidators: () => readonly AccountId[], private readonly fallback: AccountId) {}
  authorFor(blockNumber: number): AccountId {
    const set = this.activeValidators();
    if (set.length === 0) return this.fallback;
    return set[blockNumber % set.length]!;
  }
  snapshot(): unknown { return null; }  // stateless: a function of the block number and the chain's state
  restoreSnapshot(): void { /* stateless */ }
}
