// pallet_treasury storage: the approved-spend queue (paid in order at spend periods) and the spend counter.
import { Journal, StorageValue } from '../../primitives/storage.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { u128Codec, u32Codec, codec, encodeVec, concat, encodeU32, accountId32, encodeU128 } from '../../types/codecs.js';

export interface ApprovedSpend { readonly index: number; readonly beneficiary: AccountId; readonly amount: Planck }
export const encodeSpend = (s: ApprovedSpend) => concat([encodeU32(s.index), accountId32(s.beneficiary), encodeU128(s.amount)]);

export class TreasuryStorage {
  readonly approvals: StorageValue<readonly ApprovedSpend[]>;
  readonly spendCount: StorageValue<number>;
  // lab statistics
  readonly spent: StorageValue<Planck>;
  readonly burned: StorageValue<Planck>;
  constructor(journal: Journal) {
    this.approvals = new StorageValue('treasury.Approvals', journal, [], codec((v: readonly ApprovedSpend[]) => encodeVec(v, encodeSpend)));
    this.spendCount = new StorageValue('treasury.SpendCount', journal, 0, u32Codec);
    this.spent = new StorageValue('treasury.lab.Spent', journal, 0n, u128Codec);
    this.burned = new StorageValue('treasury.lab.Burned', journal, 0n, u128Codec);
  }
  rootItems() { return [this.approvals, this.spendCount]; }
  snapshotItems() { return [this.approvals, this.spendCount, this.spent, this.burned]; }
}
