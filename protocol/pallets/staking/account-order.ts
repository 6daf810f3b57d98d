// Keys of a StorageMap sorted by account id (string order: the election's canonical order), recomputed only when
// the map's key set changes. StorageMap.sortedKeysList() returns the same array until a key is added or removed
// (or a rollback touches the key set), so its identity is the change signal.

import type { StorageMap } from '../../primitives/storage.js';
import type { AccountId } from '../../primitives/units.js';
import { compareAccount } from './election/result.js';

export class AccountOrder {
  private source: readonly AccountId[] | null = null;
  private sorted: readonly AccountId[] = [];
  /** Position of each key in `sorted`; built on first use after a change of the key set. */
  private index: Map<AccountId, number> | null = null;

  of(map: StorageMap<AccountId, unknown>): readonly AccountId[] {
    const keys = map.sortedKeysList();
    if (keys !== this.source || keys.length !== this.sorted.length) {
      this.sorted = [...keys].sort(compareAccount);
      this.source = keys;
      this.index = null;
    }
    return this.sorted;
  }

  /** The keys in account order with each key's position in it (index.get(order[i]) === i). */
  indexed(map: StorageMap<AccountId, unknown>): { readonly order: readonly AccountId[]; readonly index: ReadonlyMap<AccountId, number> } {
    const order = this.of(map);
    if (this.index === null) {
      const index = new Map<AccountId, number>();
      for (let i = 0; i < order.length; i++) index.set(order[i]!, i);
      this.index = index;
    }
    return { order, index: this.index };
  }
}
