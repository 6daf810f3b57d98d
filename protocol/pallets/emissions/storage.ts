// Emissions storage: cumulative emission (bounded by maxSupply − genesis issuance) and the stakers' share
// accrued for the current era (handed to staking at era end). Per-recipient totals are lab statistics.
import { Journal, StorageValue } from '../../primitives/storage.js';
import type { Planck } from '../../primitives/units.js';
import { u128Codec } from '../../types/codecs.js';

export class EmissionsStorage {
  /** Everything ever emitted (minted now or accrued for stakers); never decreases, burns don't reopen room. */
  readonly emitted: StorageValue<Planck>;
  /** Stakers' share accrued since the last era end (minted lazily by staking at payout). */
  readonly pendingStakerReward: StorageValue<Planck>;
  // lab statistics
  readonly emittedToStakers: StorageValue<Planck>;
  readonly emittedToGrants: StorageValue<Planck>;
  readonly emittedToTreasury: StorageValue<Planck>;
  constructor(journal: Journal) {
    this.emitted = new StorageValue('emissions.Emitted', journal, 0n, u128Codec);
    this.pendingStakerReward = new StorageValue('emissions.PendingStakerReward', journal, 0n, u128Codec);
    this.emittedToStakers = new StorageValue('emissions.lab.ToStakers', journal, 0n, u128Codec);
    this.emittedToGrants = new StorageValue('emissions.lab.ToGrants', journal, 0n, u128Codec);
    this.emittedToTreasury = new StorageValue('emissions.lab.ToTreasury', journal, 0n, u128Codec);
  }
  rootItems() { return [this.emitted, this.pendingStakerReward]; }
  snapshotItems() { return [this.emitted, this.pendingStakerReward, this.emittedToStakers, this.emittedToGrants, this.emittedToTreasury]; }
}
