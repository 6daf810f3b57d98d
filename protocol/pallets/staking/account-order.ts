// Keys of a StorageMap sorted by account id (string order: the election's canonical order), recomputed only when
// the map's key set changes. StorageMap.sortedKeysList() returns the same array until a key is added or removed
// (or a rollback touches the key set), so its identity is the change signal.

import type { StorageMap } from '../../primitives/storage.js';
import type { AccountId } from '../../primitives/units.js';
import { compareAccount } from './election/result.js';

export class AccountOrder {
  private source: readonly AccountId[] | null = null;
  private sorted: readonly AccountId[] = [];

  of(map: StorageMap<AccountId, unknown>): readonly AccountId[] {
    const keys = map.sortedKeysList();
    if (keys !== this.source || keys.length !== this.sorted.length) {
      this.sorted = [...keys].sort(compareAccount);
      this.source = keys;
    }
    return this.sorted;
  }
}
