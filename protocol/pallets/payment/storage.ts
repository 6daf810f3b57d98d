// pallet_transaction_payment storage: NextFeeMultiplier (chain state) plus the lab's per-block fee pot and
// cumulative fee statistics (journaled, not part of the state root).
import { Journal, StorageValue } from '../../primitives/storage.js';
import type { FixedU128 } from '../../primitives/fixed.js';
import type { Planck } from '../../primitives/units.js';
import { u128Codec, codec, concat, encodeU128 } from '../../types/codecs.js';

/** Fee credits withdrawn during the current block, already split per extrinsic (chain rounding), resolved at
 * finalizeBlock: same end-of-block state as resolving per extrinsic, with one write per extrinsic. */
export interface FeePot {
  readonly burn: Planck; readonly author: Planck; readonly treasury: Planck; // credit shares (sum = withdrawn)
  readonly fees: Planck; readonly tips: Planck; readonly extrinsics: number;  // folded into FeeStats at finalize
}
export const EMPTY_POT: FeePot = Object.freeze({ burn: 0n, author: 0n, treasury: 0n, fees: 0n, tips: 0n, extrinsics: 0 });

export interface FeeStats {
  readonly feesPaid: Planck;   // inclusion fees (excluding tips)
  readonly tipsPaid: Planck;
  readonly feesBurned: Planck; // burn share (+ author shares the author could not receive)
  readonly feesToAuthors: Planck; // includes tips
  readonly feesToTreasury: Planck;
  readonly extrinsics: number;
}
export const ZERO_FEE_STATS: FeeStats = Object.freeze({ feesPaid: 0n, tipsPaid: 0n, feesBurned: 0n, feesToAuthors: 0n, feesToTreasury: 0n, extrinsics: 0 });

const encodePot = (p: FeePot) => concat([encodeU128(p.burn), encodeU128(p.author), encodeU128(p.treasury)]);
const noRoot = codec<unknown>(() => new Uint8Array(0));

export class PaymentStorage {
  readonly nextFeeMultiplier: StorageValue<FixedU128>;
  readonly pot: StorageValue<FeePot>;
  readonly stats: StorageValue<FeeStats>;
  constructor(journal: Journal, initialMultiplier: FixedU128) {
    this.nextFeeMultiplier = new StorageValue('payment.NextFeeMultiplier', journal, initialMultiplier, u128Codec);
    this.pot = new StorageValue('payment.lab.FeePot', journal, EMPTY_POT, codec(encodePot));
    this.stats = new StorageValue('payment.lab.Stats', journal, ZERO_FEE_STATS, noRoot as never);
  }
  rootItems() { return [this.nextFeeMultiplier]; }
  snapshotItems() { return [this.nextFeeMultiplier, this.pot, this.stats]; }
}
