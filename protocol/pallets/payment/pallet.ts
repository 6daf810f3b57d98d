// pallet_transaction_payment: charge (withdraw with Preserve, so fees never reap), split (burn / author /
// treasury by Perbill, remainder to the author; tips 100% to the author), and the per-block multiplier update.
// The lab declares call weights up front and models no post-dispatch refund (actual weight == declared weight).

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import { U64_MAX, type AccountId, type Planck } from '../../primitives/units.js';
import { assert, type DispatchResult } from '../../primitives/dispatch.js';
import { PERBILL, mulFloor } from '../../primitives/perthing.js';
import { fixedMulInt, type FixedU128 } from '../../primitives/fixed.js';
import type { Balances } from '../balances/index.js';
import type { PaymentConfig } from './config.js';
import { PaymentStorage, EMPTY_POT, type FeeStats } from './storage.js';
import { weightToFee } from './fee.js';
import { nextFeeMultiplier } from './multiplier.js';
import { fail } from './errors.js';
import { paymentEvents as E } from './events.js';

const WEIGHT_FEE_CACHE_MAX = 1024;
const FEE_PARTS_CACHE_MAX = 8192;

interface FeeParts { readonly fee: Planck; readonly burn: Planck; readonly treasury: Planck; readonly author: Planck }

export interface BlockUsage { normalWeight: bigint; lengthBytes: number; extrinsics: number }

export class Payment {
  readonly storage: PaymentStorage;
  /** weight→fee of ExtrinsicBaseWeight: the base fee, constant for a config. */
  readonly baseFeePlanck: Planck;
  /** Usage of the block being built (reset by onInitialize). Not journaled: it changes only after a successful charge. */
  readonly usage: BlockUsage = { normalWeight: 0n, lengthBytes: 0, extrinsics: 0 };
  private readonly weightFeeCache = new Map<bigint, Planck>();
  private weightFeeCacheMultiplier: FixedU128 = -1n; // the multiplier the cache was computed with (snapshots can change it)
  private readonly partsCache = new Map<bigint, Map<number, FeeParts>>();
  private partsMultiplier: FixedU128 = -1n;
  private partsCount = 0;

  constructor(journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: PaymentConfig, private readonly treasuryAccount: AccountId) {
    this.storage = new PaymentStorage(journal, config.initialMultiplier);
    this.baseFeePlanck = weightToFee(config, config.extrinsicBaseWeight);
  }

  multiplier(): FixedU128 { return this.storage.nextFeeMultiplier.get(); }
  stats(): FeeStats { return this.storage.stats.get(); }

  /** Inclusion fee (base + length + multiplier × weight fee) for a call of `weight`, encoded length `lengthBytes`. */
  inclusionFee(lengthBytes: number, weight: bigint): Planck {
    return this.baseFeePlanck + BigInt(lengthBytes) * this.config.lengthFeePerBytePlanck + this.adjustedWeightFee(weight);
  }

  /** multiplier × weight_to_fee(min(weight, max block weight)); memoised per multiplier value (it changes once per
   * block at most, and a block sees few distinct call weights). */
  adjustedWeightFee(weight: bigint): Planck {
    const m = this.storage.nextFeeMultiplier.get();
    if (m !== this.weightFeeCacheMultiplier) { this.weightFeeCache.clear(); this.weightFeeCacheMultiplier = m; }
    let f = this.weightFeeCache.get(weight);
    if (f === undefined) {
      const c = this.config;
      const capped = weight < c.maxBlockWeight ? weight : c.maxBlockWeight;
      f = fixedMulInt(m, weightToFee(c, capped));
      if (this.weightFeeCache.size >= WEIGHT_FEE_CACHE_MAX) this.weightFeeCache.clear();
      this.weightFeeCache.set(weight, f);
    }
    return f;
  }

  /**
   * Transaction priority of a Normal extrinsic for a mempool (SUBSTRATE.md §2.3, ChargeTransactionPayment::get_priority):
   * (tip + 1) × max_tx_per_block, max_tx_per_block = min(max_block_weight / weight, max_normal_length / length),
   * saturated to u64.
   */
  priority(tip: Planck, weight: bigint, lengthBytes: number): bigint {
    const c = this.config;
    const byWeight = c.maxBlockWeight / (weight > 0n ? weight : 1n);
    const byLength = BigInt(c.normalMaxLengthBytes) / BigInt(lengthBytes > 0 ? lengthBytes : 1);
    let perBlock = byWeight < byLength ? byWeight : byLength;
    if (perBlock < 1n) perBlock = 1n;
    const p = (tip + 1n) * perBlock;
    return p > U64_MAX ? U64_MAX : p;
  }

  onInitialize(): void {
    this.usage.normalWeight = 0n; this.usage.lengthBytes = 0; this.usage.extrinsics = 0;
  }

  /** CheckWeight: would this extrinsic fit in the Normal class of the current block? */
  fits(lengthBytes: number, weight: bigint): boolean {
    const total = weight + this.config.extrinsicBaseWeight;
    return this.usage.normalWeight + total <= this.config.normalMaxWeight
      && this.usage.lengthBytes + lengthBytes <= this.config.normalMaxLengthBytes;
  }

  /**
   * Pre-dispatch: validate and withdraw fee + tip from `who` (Preserve), split into the block's fee pot, count the
   * block usage. An error here means the extrinsic is invalid: nothing changed.
   */
  charge(who: AccountId, lengthBytes: number, weight: bigint, tip: Planck): DispatchResult<Planck> {
    if (typeof tip !== 'bigint' || tip < 0n) return fail('InvalidTip');
    if (!this.fits(lengthBytes, weight)) return fail('ExhaustsResources');
    const f = this.feeParts(lengthBytes, weight);
    const total = tip === 0n ? f.fee : f.fee + tip;
    const w = this.balances.withdraw(who, total, 'Preserve', 'Polite');
    if (!w.ok) return fail('InabilityToPayFees');
    const p = this.storage.pot.get();
    this.storage.pot.set({ burn: p.burn + f.burn, author: p.author + (tip === 0n ? f.author : f.author + tip),
      treasury: p.treasury + f.treasury, fees: p.fees + f.fee, tips: p.tips + tip, extrinsics: p.extrinsics + 1 });
    this.usage.normalWeight += weight + this.config.extrinsicBaseWeight;
    this.usage.lengthBytes += lengthBytes;
    this.usage.extrinsics++;
    if (this.events.enabled) this.events.push(E.transactionFeePaid(who, total, tip));
    return w;
  }

  /** The inclusion fee and its split (burn and treasury floored, remainder to the author, tip excluded), memoised
   * per (multiplier, weight, length): agents send few distinct shapes, and each costs ~15 bigint operations. */
  private feeParts(lengthBytes: number, weight: bigint): FeeParts {
    const m = this.storage.nextFeeMultiplier.get();
    if (m !== this.partsMultiplier || this.partsCount >= FEE_PARTS_CACHE_MAX) {
      this.partsCache.clear(); this.partsCount = 0; this.partsMultiplier = m;
    }
    let byLen = this.partsCache.get(weight);
    if (byLen === undefined) { byLen = new Map(); this.partsCache.set(weight, byLen); }
    let f = byLen.get(lengthBytes);
    if (f === undefined) {
      const fee = this.inclusionFee(lengthBytes, weight);
      const split = this.config.split;
      const burn = mulFloor(PERBILL, split.burn, fee);
      const treasury = mulFloor(PERBILL, split.treasury, fee);
      f = { fee, burn, treasury, author: fee - burn - treasury };
      byLen.set(lengthBytes, f);
      this.partsCount++;
    }
    return f;
  }

  /** End of block: resolve the pot (author share to `author`, or burned if the author can't receive it), then
   * update NextFeeMultiplier from this block's Normal weight. */
  onFinalize(author: AccountId | null): void {
    const p = this.storage.pot.get();
    if (p !== EMPTY_POT) {
      this.balances.burnCredit(p.burn);
      const toTreasury = this.balances.resolveCredit(this.treasuryAccount, p.treasury);
      const toAuthor = author === null ? 0n : this.balances.resolveCredit(author, p.author);
      if (author === null) this.balances.burnCredit(p.author);
      const s = this.storage.stats.get();
      this.storage.stats.set({ feesPaid: s.feesPaid + p.fees, tipsPaid: s.tipsPaid + p.tips, extrinsics: s.extrinsics + p.extrinsics,
        feesBurned: s.feesBurned + p.burn + (p.author - toAuthor) + (p.treasury - toTreasury),
        feesToAuthors: s.feesToAuthors + toAuthor, feesToTreasury: s.feesToTreasury + toTreasury });
      this.storage.pot.set(EMPTY_POT);
    }
    const m = this.storage.nextFeeMultiplier;
    m.set(nextFeeMultiplier(m.get(), this.usage.normalWeight, this.config));
    assert(this.storage.pot.get() === EMPTY_POT, 'payment: fee pot not empty after finalize');
  }
}
