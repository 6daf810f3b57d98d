// pallet_balances storage: Account (free, reserved, frozen), Holds, Freezes, TotalIssuance.
// Lab-only bookkeeping (Minted, Burned, PendingCredit) is journaled too, but is not chain state (no state root).

import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { accountIdCodec, u128Codec, codec } from '../../types/codecs.js';
import { encodeAccountData, encodeHolds, encodeFreezes, encodeAccountDataTo, encodeIdAmountsTo } from './codec.js';

/** frame_system::AccountData for pallet_balances, without the `flags` word (the lab has no legacy reserves). */
export interface AccountData {
  readonly free: Planck;
  readonly reserved: Planck; // == Σ holds amounts
  readonly frozen: Planck;   // == max freeze amount (0 if none)
}
export const ZERO_ACCOUNT: AccountData = Object.freeze({ free: 0n, reserved: 0n, frozen: 0n });

/** One hold (reason -> amount) and one freeze (id -> amount); lists are kept sorted by reason / id. */
export interface IdAmount { readonly id: string; readonly amount: Planck }

export class BalancesStorage {
  readonly account: StorageMap<AccountId, AccountData>;
  readonly holds: StorageMap<AccountId, readonly IdAmount[]>;
  readonly freezes: StorageMap<AccountId, readonly IdAmount[]>;
  readonly totalIssuance: StorageValue<Planck>;
  // Lab bookkeeping, not chain state:
  readonly minted: StorageValue<Planck>;
  readonly burned: StorageValue<Planck>;
  /** Funds withdrawn (e.g. fees, slashes) and not yet resolved to an account or burned: must be 0 between calls. */
  readonly pendingCredit: StorageValue<Planck>;
  /** Σ(free + reserved) over all accounts, kept by every account write so conservation is checkable in O(1) after
   * every block; the O(accounts) audit recounts it. Journaled, so a rolled-back call restores it too. */
  readonly accountTotal: StorageValue<Planck>;

  constructor(journal: Journal) {
    this.account = new StorageMap('balances.Account', journal, accountIdCodec, { encode: encodeAccountData, encodeTo: encodeAccountDataTo });
    this.holds = new StorageMap('balances.Holds', journal, accountIdCodec, { encode: encodeHolds, encodeTo: encodeIdAmountsTo });
    this.freezes = new StorageMap('balances.Freezes', journal, accountIdCodec, { encode: encodeFreezes, encodeTo: encodeIdAmountsTo });
    this.totalIssuance = new StorageValue('balances.TotalIssuance', journal, 0n, u128Codec);
    this.minted = new StorageValue('balances.lab.Minted', journal, 0n, u128Codec);
    this.burned = new StorageValue('balances.lab.Burned', journal, 0n, u128Codec);
    this.pendingCredit = new StorageValue('balances.lab.PendingCredit', journal, 0n, u128Codec);
    this.accountTotal = new StorageValue('balances.lab.AccountTotal', journal, 0n, u128Codec);
  }

  /** Items that make up the state root. */
  rootItems() { return [this.account, this.holds, this.freezes, this.totalIssuance]; }
  /** Everything that a snapshot must capture. */
  snapshotItems() { return [this.account, this.holds, this.freezes, this.totalIssuance, this.minted, this.burned, this.pendingCredit, this.accountTotal]; }
}
