// The AI marketplace pallet (BALANCEAI.md §1, §4): providers register models/agents (deposit held, metadata CID),
// run AI nodes with a minimum bond, and consumers with staked BAI (quota per era by tier) pay per call: the provider's
// price plus a network fee through the fee split. Each call leaves its record hash on chain (hash chain + a ring of
// recent hashes); bodies live off chain under CIDs. Every check happens before the first write, and calls run inside
// journal.transactional, so a refused call leaves the state root unchanged.

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { OK, ok, assert, type DispatchResult } from '../../primitives/dispatch.js';
import type { Balances } from '../balances/index.js';
import type { MarketplaceConfig } from './config.js';
import { quotaFor } from './config.js';
import { MarketplaceStorage, type ModelInfo, type ModelKind, bytesToHex, hexToBytes, paymentKey } from './storage.js';
import { fail } from './errors.js';
import { marketplaceEvents as E } from './events.js';
import { isValidCid } from './cid.js';
import type { NetworkFeePort } from './fees.js';
import { batchRecordBytes, callRecordBytes, chainRecord, type BatchItem } from './record.js';
import { blake2_256 } from '../../primitives/hash.js';

export const HOLD_DEPOSIT = 'marketplace/deposit';
export const HOLD_NODE = 'marketplace/node';
export const HOLD_ACCESS = 'marketplace/access';

export interface MarketplaceEnv {
  /** The current era index (the runtime's era clock). */
  era(): number;
  readonly fees: NetworkFeePort;
}

const isAmount = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n;

export class Marketplace {
  readonly storage: MarketplaceStorage;
  /** Accounts whose holds or books changed since the last checkInvariants (a superset after a rollback: harmless). */
  private readonly touched = new Set<AccountId>();

  constructor(journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: MarketplaceConfig, private readonly env: MarketplaceEnv) {
    this.storage = new MarketplaceStorage(journal);
  }

  // ------------------------------------------------------------------ reads

  model(id: number): ModelInfo | undefined { return this.storage.models.get(id); }
  /** Model ids in canonical (sorted) order. */
  modelIds(): readonly number[] { return [...this.storage.models.keys()].sort((a, b) => a - b); }
  /** A model is served when its owner's AI node holds at least nodeMinBond. */
  isServed(id: number): boolean {
    const m = this.storage.models.get(id);
    return m !== undefined && (this.storage.nodeBond.get(m.owner) ?? 0n) >= this.config.nodeMinBondPlanck;
  }
  /** ModelView for curation: served models ascending, existence, owner. */
  servedModelIds(): readonly number[] { return this.modelIds().filter((id) => this.isServed(id)); }
  exists(id: number): boolean { return this.storage.models.has(id); }
  owner(id: number): AccountId | undefined { return this.storage.models.get(id)?.owner; }
  accessStake(who: AccountId): Planck { return this.storage.accessStake.get(who) ?? 0n; }
  quota(who: AccountId): number { return quotaFor(this.config.accessTiers, this.accessStake(who)); }
  callsUsed(who: AccountId): number {
    const c = this.storage.callsUsed.get(who);
    return c !== undefined && c.era === this.env.era() ? c.calls : 0;
  }
  revenue(who: AccountId): Planck { return this.storage.revenue.get(who) ?? 0n; }
  callCount(): bigint { return this.storage.callLog.get().count; }

  // ------------------------------------------------------------------ providers

  registerModel(who: AccountId, kind: ModelKind, metadataCid: string, pricePlanck: Planck): DispatchResult<number> {
    this.touched.add(who);
    if (kind !== 'model' && kind !== 'agent') return fail('InvalidKind');
    if (!isAmount(pricePlanck) || pricePlanck > this.config.maxPricePlanck) return fail('InvalidPrice');
    if (!isValidCid(metadataCid)) return fail('InvalidCid');
    const owned = this.storage.providerModels.get(who) ?? 0;
    if (owned >= this.config.maxModelsPerProvider) return fail('TooManyModels');
    const h = this.balances.hold(HOLD_DEPOSIT, who, this.config.registrationDepositPlanck);
    if (!h.ok) return fail('InsufficientBalance');
    const id = this.storage.nextModelId.get();
    assert(id < 0xffffffff, 'marketplace: model id space exhausted');
    this.storage.nextModelId.set(id + 1);
    this.storage.models.set(id, { owner: who, kind, metadataCid, pricePlanck, registeredEra: this.env.era() });
    this.storage.providerModels.set(who, owned + 1);
    this.events.push(E.modelRegistered(id, who, kind, metadataCid, pricePlanck));
    return ok(id);
  }

  deregisterModel(who: AccountId, id: number): DispatchResult {
    this.touched.add(who);
    const m = this.storage.models.get(id);
    if (m === undefined) return fail('UnknownModel');
    if (m.owner !== who) return fail('NotOwner');
    const r = this.balances.release(HOLD_DEPOSIT, who, this.config.registrationDepositPlanck, true);
    assert(r.ok, 'marketplace: deposit hold missing');
    this.storage.models.delete(id);
    const owned = (this.storage.providerModels.get(who) ?? 0) - 1;
    assert(owned >= 0, 'marketplace: provider model count negative');
    if (owned === 0) this.storage.providerModels.delete(who); else this.storage.providerModels.set(who, owned);
    this.events.push(E.modelDeregistered(id, who));
    return OK;
  }

  setPrice(who: AccountId, id: number, pricePlanck: Planck): DispatchResult {
    if (!isAmount(pricePlanck) || pricePlanck > this.config.maxPricePlanck) return fail('InvalidPrice');
    const m = this.storage.models.get(id);
    if (m === undefined) return fail('UnknownModel');
    if (m.owner !== who) return fail('NotOwner');
    this.storage.models.set(id, { ...m, pricePlanck });
    this.events.push(E.priceSet(id, pricePlanck));
    return OK;
  }

  bondNode(who: AccountId, amount: Planck): DispatchResult {
    this.touched.add(who);
    if (!isAmount(amount)) return fail('InvalidAmount');
    if (this.storage.nodeBond.has(who)) return fail('AlreadyBonded');
    if (amount < this.config.nodeMinBondPlanck) return fail('BondTooSmall');
    if (!this.balances.hold(HOLD_NODE, who, amount).ok) return fail('InsufficientBalance');
    this.storage.nodeBond.set(who, amount);
    this.events.push(E.nodeBonded(who, amount));
    return OK;
  }

  unbondNode(who: AccountId): DispatchResult {
    this.touched.add(who);
    const b = this.storage.nodeBond.get(who);
    if (b === undefined) return fail('NotBonded');
    if ((this.storage.providerModels.get(who) ?? 0) > 0) return fail('ModelsStillRegistered');
    const r = this.balances.release(HOLD_NODE, who, b);
    assert(r.ok, 'marketplace: node hold missing');
    this.storage.nodeBond.delete(who);
    this.events.push(E.nodeUnbonded(who, b));
    return OK;
  }

  // ------------------------------------------------------------------ consumers

  stakeAccess(who: AccountId, amount: Planck): DispatchResult {
    this.touched.add(who);
    if (!isAmount(amount) || amount === 0n) return fail('InvalidAmount');
    if (!this.balances.hold(HOLD_ACCESS, who, amount).ok) return fail('InsufficientBalance');
    const s = this.accessStake(who) + amount;
    this.storage.accessStake.set(who, s);
    this.events.push(E.accessStaked(who, s));
    return OK;
  }

  unstakeAccess(who: AccountId, amount: Planck): DispatchResult {
    this.touched.add(who);
    if (!isAmount(amount) || amount === 0n) return fail('InvalidAmount');
    const s = this.accessStake(who);
    if (amount > s) return fail('InsufficientBalance');
    const r = this.balances.release(HOLD_ACCESS, who, amount);
    assert(r.ok, 'marketplace: access hold missing');
    if (s === amount) this.storage.accessStake.delete(who); else this.storage.accessStake.set(who, s - amount);
    this.events.push(E.accessUnstaked(who, s - amount));
    return OK;
  }

  /** One paid call with its record. Returns the record hash (hex). */
  callModel(who: AccountId, modelId: number, requestCid: string, responseCid: string): DispatchResult<string> {
    if (!isValidCid(requestCid) || !isValidCid(responseCid)) return fail('InvalidCid');
    const checked = this.checkCalls(who, [{ modelId, count: 1 }]);
    if (!checked.ok) return checked;
    const m = this.storage.models.get(modelId)!;
    const log = this.storage.callLog.get();
    const paid = this.settle(who, [{ modelId, count: 1 }], checked.value);
    if (!paid.ok) return paid;
    const hash = blake2_256(callRecordBytes({ consumer: who, modelId, requestCid, responseCid, pricePlanck: m.pricePlanck,
      feePlanck: this.config.networkFeePlanck, era: this.env.era(), index: log.count }));
    const hex = this.appendRecord(hash, 1);
    this.events.push(E.called(who, modelId, m.owner, m.pricePlanck, this.config.networkFeePlanck, hex));
    return ok(hex);
  }

  /**
   * An aggregated batch: Σ count calls over (model, count) items, charged exactly as that many single calls: the same
   * price transfers in total, the network fee split per call and multiplied by the count, and for every call beyond
   * the first the inclusion fee of one call_model extrinsic of callLengthBytes (the batch extrinsic paid the first).
   * Counted against the same quota; leaves one batch record (the bodies document lives under bodiesCid).
   */
  callsBatch(who: AccountId, items: readonly BatchItem[], bodiesCid: string): DispatchResult<string> {
    if (!isValidCid(bodiesCid)) return fail('InvalidCid');
    if (!Array.isArray(items) || items.length === 0 || items.length > this.config.maxBatchItems) return fail('TooManyItems');
    const inclusion = this.env.fees.inclusionFeePlanck(this.config.callLengthBytes);
    const checked = this.checkCalls(who, items, inclusion);
    if (!checked.ok) return checked;
    const total = checked.value;
    const log = this.storage.callLog.get();
    const paid = this.settle(who, items, total);
    if (!paid.ok) return paid;
    const pricePlanck = paid.value;
    if (total > 1 && !this.env.fees.charge(who, inclusion, total - 1).ok) return fail('InsufficientBalance');
    const feePlanck = this.config.networkFeePlanck * BigInt(total);
    const hash = blake2_256(batchRecordBytes({ consumer: who, items, bodiesCid, pricePlanck, feePlanck, era: this.env.era(),
      firstIndex: log.count }));
    const hex = this.appendRecord(hash, total);
    this.events.push(E.callsBatched(who, total, pricePlanck, feePlanck, hex));
    return ok(hex);
  }

  /** Checks shared by single and batch calls, before any write: models served, stake gate, quota, funds. */
  private checkCalls(who: AccountId, items: readonly BatchItem[], inclusionPerExtraCall = 0n): DispatchResult<number> {
    let total = 0;
    let cost = 0n;
    for (const it of items) {
      if (!Number.isInteger(it.count) || it.count < 1 || it.count > this.config.maxCallsPerItem) return fail('InvalidCount');
      const m = this.storage.models.get(it.modelId);
      if (m === undefined) return fail('UnknownModel');
      if (!this.isServed(it.modelId)) return fail('NodeNotBonded');
      total += it.count;
      cost += (m.pricePlanck + this.config.networkFeePlanck) * BigInt(it.count);
    }
    const q = this.quota(who);
    if (q === 0) return fail('BelowStakeGate');
    if (this.callsUsed(who) + total > q) return fail('QuotaExceeded');
    if (total > 1) cost += inclusionPerExtraCall * BigInt(total - 1);
    if (cost > this.balances.reducibleBalance(who, 'Preserve', 'Polite')) return fail('InsufficientBalance');
    return ok(total);
  }

  /** Move prices to providers, charge network fees, count quota, revenue and this era's payments; returns Σ prices. */
  private settle(who: AccountId, items: readonly BatchItem[], total: number): DispatchResult<Planck> {
    const era = this.env.era();
    const { revenue, eraPayments } = this.storage;
    let pricePlanck = 0n;
    for (const it of items) {
      const m = this.storage.models.get(it.modelId)!;
      const price = m.pricePlanck * BigInt(it.count);
      pricePlanck += price;
      if (price > 0n) {
        if (!this.balances.transfer(who, m.owner, price, 'Preserve').ok) return fail('InsufficientBalance');
        revenue.set(m.owner, this.revenue(m.owner) + price);
        const k = paymentKey(it.modelId, who);
        eraPayments.set(k, (eraPayments.get(k) ?? 0n) + price);
      }
    }
    const f = this.env.fees.charge(who, this.config.networkFeePlanck, total);
    if (!f.ok) return fail('InsufficientBalance');
    this.storage.callsUsed.set(who, { era, calls: this.callsUsed(who) + total });
    return ok(pricePlanck);
  }

  private appendRecord(hash: Uint8Array, calls: number): string {
    const log = this.storage.callLog.get();
    const hex = bytesToHex(hash);
    this.storage.recentRecords.set(Number(log.count % BigInt(this.config.recordRingSize)), hex);
    const next = chainRecord(this.accumulatorBytes(log.accumulator), hash);
    const acc = bytesToHex(next);
    this.storage.callLog.set({ count: log.count + BigInt(calls), accumulator: acc });
    this.lastAccumulator = { hex: acc, bytes: next };
    return hex;
  }

  /** The accumulator's bytes: decoded from its hex once (keyed by the hex value itself, so a rollback cannot stale it). */
  private accumulatorBytes(hex: string): Uint8Array {
    const c = this.lastAccumulator;
    if (c !== null && c.hex === hex) return c.bytes;
    const bytes = hexToBytes(hex);
    this.lastAccumulator = { hex, bytes };
    return bytes;
  }
  private lastAccumulator: { readonly hex: string; readonly bytes: Uint8Array } | null = null;

  /**
   * Holds match the pallet's books (node bond, access stake, one deposit per registered model) for every account
   * touched since the last check: O(touched) per block, so the runtime can run it after every block. `all` checks
   * every account (tests, checkpoints).
   */
  checkInvariants(all = false): void {
    const who = all ? new Set([...this.storage.nodeBond.keys(), ...this.storage.accessStake.keys(), ...this.storage.providerModels.keys()])
      : this.touched;
    for (const w of who) {
      assert(this.balances.balanceOnHold(HOLD_NODE, w) === (this.storage.nodeBond.get(w) ?? 0n), `marketplace: node hold of ${w}`);
      assert(this.balances.balanceOnHold(HOLD_ACCESS, w) === (this.storage.accessStake.get(w) ?? 0n), `marketplace: access hold of ${w}`);
      assert(this.balances.balanceOnHold(HOLD_DEPOSIT, w) === this.config.registrationDepositPlanck * BigInt(this.storage.providerModels.get(w) ?? 0),
        `marketplace: deposit hold of ${w}`);
    }
    this.touched.clear();
    if (all) {
      let models = 0;
      for (const n of this.storage.providerModels.values()) models += n;
      assert(models === this.storage.models.size, 'marketplace: provider model counts != models');
    }
  }

  // ------------------------------------------------------------------ era work (called by the grants pallet)

  /** This era's payments grouped by model, models and consumers in canonical order: QF contributions. */
  eraPaymentsByModel(): Map<number, bigint[]> {
    const out = new Map<number, bigint[]>();
    for (const k of this.storage.eraPayments.sortedKeysList()) {
      const id = Number(k.slice(0, k.indexOf('/')));
      const list = out.get(id) ?? [];
      list.push(this.storage.eraPayments.get(k)!);
      out.set(id, list);
    }
    return out;
  }

  /** Start a new era's payment tally (bounded by the number of (model, consumer) pairs paid this era). */
  clearEraPayments(): void {
    for (const k of [...this.storage.eraPayments.keys()]) this.storage.eraPayments.delete(k);
  }
}
