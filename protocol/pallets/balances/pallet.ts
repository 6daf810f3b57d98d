// pallet_balances as a fungible: the API every other pallet uses (mint, burn, transfer, withdraw/resolve credit,
// holds, freezes, slash). Rules follow SUBSTRATE.md §1: reducible_balance (§1.2), ED/reaping/dust burned (§1.3),
// transfers (§1.4), issuance only through mint and burn (§1.5). Every write goes through the shared Journal, so a
// caller inside `journal.transactional` gets an exact rollback on error.
//
// Reference counts: an existing account holds exactly one provider (its balance). It has consumers when it has any
// hold (reserved > 0) or freeze (frozen > 0); such an account can't be reaped by a polite operation (ED untouchable).

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { U128_MAX } from '../../primitives/units.js';
import { OK, ok, assert, InvariantError, type DispatchResult, type DispatchError } from '../../primitives/dispatch.js';
import type { BalancesConfig } from './config.js';
import { BalancesStorage, ZERO_ACCOUNT, type AccountData, type IdAmount } from './storage.js';
import { fail } from './errors.js';
import { balancesEvents as E } from './events.js';

export type Preservation = 'Expendable' | 'Protect' | 'Preserve';
export type Fortitude = 'Polite' | 'Force';

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Result of a slash: how much was taken from the account and where it went. */
export interface SlashOutcome {
  readonly slashedPlanck: Planck;    // taken from who (free first, then holds)
  readonly toDestPlanck: Planck;     // deposited to dest
  readonly burnedPlanck: Planck;     // burned (dest null, or dest could not receive it); excludes reap dust
}

export class Balances {
  readonly storage: BalancesStorage;
  readonly ed: Planck;

  constructor(journal: Journal, private readonly events: EventBuffer, readonly config: BalancesConfig) {
    assert(config.existentialDepositPlanck > 0n, 'balances: ED must be > 0');
    this.storage = new BalancesStorage(journal);
    this.ed = config.existentialDepositPlanck;
  }

  // ------------------------------------------------------------------ reads

  account(who: AccountId): AccountData { return this.storage.account.get(who) ?? ZERO_ACCOUNT; }
  exists(who: AccountId): boolean { return this.storage.account.has(who); }
  free(who: AccountId): Planck { return this.account(who).free; }
  reserved(who: AccountId): Planck { return this.account(who).reserved; }
  frozen(who: AccountId): Planck { return this.account(who).frozen; }
  total(who: AccountId): Planck { const a = this.account(who); return a.free + a.reserved; }
  totalIssuance(): Planck { return this.storage.totalIssuance.get(); }
  holds(who: AccountId): readonly IdAmount[] { return this.storage.holds.get(who) ?? []; }
  freezes(who: AccountId): readonly IdAmount[] { return this.storage.freezes.get(who) ?? []; }
  balanceOnHold(reason: string, who: AccountId): Planck { return findAmount(this.holds(who), reason); }
  balanceFrozen(id: string, who: AccountId): Planck { return findAmount(this.freezes(who), id); }
  hasConsumers(a: AccountData): boolean { return a.reserved > 0n || a.frozen > 0n; }

  /** SUBSTRATE.md §1.2, verbatim. providers(a) == 1 for every existing account in the lab. */
  reducibleBalance(who: AccountId, preservation: Preservation, force: Fortitude): Planck {
    const a = this.storage.account.get(who);
    if (a === undefined) return 0n;
    return this.reducibleOf(a, preservation, force);
  }

  private reducibleOf(a: AccountData, preservation: Preservation, force: Fortitude): Planck {
    let untouchable = force === 'Polite' ? max(a.frozen - a.reserved, 0n) : 0n;
    if (preservation === 'Preserve'
      || (preservation === 'Protect' && a.free > 0n)
      || (preservation === 'Expendable' && a.free > 0n && this.hasConsumers(a))) {
      untouchable = max(untouchable, this.ed);
    }
    return max(a.free - untouchable, 0n);
  }

  // ------------------------------------------------------------------ issuance: mint and burn

  /** mint_into / deposit_creating: creates `amount` new planck in `who`. Fails below ED for a new account. */
  mint(who: AccountId, amount: Planck): DispatchResult {
    return this.mintTo(who, this.storage.account.get(who), amount);
  }

  /** mint_into_existing: mint(who, amount) for an account that exists; DeadAccount (nothing written) otherwise.
   * Saves a caller that must not create the account (staking's payouts) a separate existence lookup. */
  mintIntoExisting(who: AccountId, amount: Planck): DispatchResult {
    const a = this.storage.account.get(who);
    if (a === undefined) return fail('DeadAccount');
    return this.mintTo(who, a, amount);
  }

  /** mint given the caller's read of the account (`stored`, undefined: none). */
  private mintTo(who: AccountId, stored: AccountData | undefined, amount: Planck): DispatchResult {
    assert(amount >= 0n, 'balances.mint: negative amount');
    if (amount === 0n) return OK;
    const r = this.deposit(who, stored, amount);
    if (!r.ok) return r;
    this.changeIssuance(amount);
    if (this.events.enabled) this.events.push(E.minted(who, amount));
    return OK;
  }

  /**
   * mintIntoExisting(who, amount) then setFreeze(id, who, freezeAmount), as one write of the account (staking's Staked payout:
   * mint the reward and bond it, the freeze following the ledger's total). Same state, events (Minted, Frozen) and
   * result as that sequence; the common case (an existing account whose freeze `id` is already set, amount > 0,
   * freezeAmount > 0) writes the account once instead of twice, every other case runs the sequence itself.
   * Fails only as mintIntoExisting fails (nothing written). The caller needs the freeze (a bond): if it can't be set after the
   * mint succeeded (TooManyFreezes), that is an InvariantError, since the mint can't be taken back here.
   */
  mintAndFreeze(who: AccountId, amount: Planck, id: string, freezeAmount: Planck): DispatchResult {
    assert(amount >= 0n && freezeAmount >= 0n, 'balances.mintAndFreeze: negative amount');
    const s = this.storage;
    const a = s.account.get(who);
    if (a === undefined) return fail('DeadAccount');
    const fs = amount === 0n || freezeAmount === 0n ? undefined : s.freezes.get(who);
    if (fs === undefined || findIndex(fs, id) < 0) {
      const r = this.mintTo(who, a, amount);
      if (!r.ok) return r;
      const f = this.setFreeze(id, who, freezeAmount);
      if (!f.ok) throw new InvariantError(`balances.mintAndFreeze: freeze ${id} of ${who} failed: ${f.error.error}`);
      return OK;
    }
    const free = a.free + amount;
    if (free > U128_MAX) return fail('Overflow'); // as deposit: nothing written
    const next = upsert(fs, id, freezeAmount);
    s.freezes.set(who, next);
    this.writeAccount(who, { free, reserved: a.reserved, frozen: maxAmount(next) }); // free only rises: never a reap
    this.changeIssuance(amount);
    if (this.events.enabled) {
      this.events.push(E.minted(who, amount));
      this.events.push(E.frozen(id, who, freezeAmount));
    }
    return OK;
  }

  /** burn_from: destroys up to/exactly `amount` of who's reducible balance; returns the amount burned. */
  burn(who: AccountId, amount: Planck, preservation: Preservation, force: Fortitude = 'Polite', bestEffort = false): DispatchResult<Planck> {
    const w = this.withdraw(who, amount, preservation, force, bestEffort);
    if (!w.ok) return w;
    this.burnCredit(w.value);
    this.events.push(E.burned(who, w.value));
    return w;
  }

  // ------------------------------------------------------------------ credit (imbalance) handling

  /**
   * Take `amount` out of who's free balance as a credit (issuance unchanged). The caller MUST resolve the credit
   * (resolveCredit / burnCredit) within the same call: `pendingCredit` is checked to be 0 by checkInvariants.
   * bestEffort: take min(amount, reducible) instead of failing.
   */
  withdraw(who: AccountId, amount: Planck, preservation: Preservation, force: Fortitude = 'Polite', bestEffort = false): DispatchResult<Planck> {
    assert(amount >= 0n, 'balances.withdraw: negative amount');
    const a = this.storage.account.get(who);
    if (a === undefined) return amount === 0n || bestEffort ? ok(0n) : fail('InsufficientBalance');
    const reducible = this.reducibleOf(a, preservation, force);
    let take = amount;
    if (amount > reducible) {
      if (!bestEffort) return this.whyNot(a, amount, preservation);
      take = reducible;
    }
    if (take === 0n) return ok(0n);
    this.writeAccount(who, { free: a.free - take, reserved: a.reserved, frozen: a.frozen });
    this.storage.pendingCredit.set(this.storage.pendingCredit.get() + take);
    return ok(take);
  }

  /** Deposit a credit into `dest` (issuance unchanged). A new account below ED can't take it: it is burned instead
   * (as `ToAuthor` drops a fee credit the author can't receive, SUBSTRATE.md §2.4). Returns the amount deposited. */
  resolveCredit(dest: AccountId, amount: Planck): Planck {
    if (amount === 0n) return 0n;
    this.takeCredit(amount);
    const r = this.deposit(dest, this.storage.account.get(dest), amount);
    if (!r.ok) { this.dropCredit(amount); return 0n; }
    return amount;
  }

  /** Burn a credit: total issuance falls by `amount`. */
  burnCredit(amount: Planck): void {
    if (amount === 0n) return;
    this.takeCredit(amount);
    this.dropCredit(amount);
  }

  private takeCredit(amount: Planck): void {
    const p = this.storage.pendingCredit.get();
    if (!(amount > 0n && amount <= p)) throw new InvariantError(`balances: resolving ${amount} > pending credit ${p}`);
    this.storage.pendingCredit.set(p - amount);
  }

  private dropCredit(amount: Planck): void { this.changeIssuance(-amount); }

  // ------------------------------------------------------------------ transfers

  /** fungible::Mutate::transfer (SUBSTRATE.md §1.4). */
  transfer(src: AccountId, dst: AccountId, amount: Planck, preservation: Preservation): DispatchResult {
    assert(amount >= 0n, 'balances.transfer: negative amount');
    if (amount === 0n || src === dst) return OK;
    const s = this.storage.account.get(src);
    if (s === undefined) return fail('InsufficientBalance');
    if (amount > this.reducibleOf(s, preservation, 'Polite')) return this.whyNot(s, amount, preservation);
    const d = this.storage.account.get(dst);
    if (d === undefined && amount < this.ed) return fail('ExistentialDeposit');
    if (d !== undefined && d.free + amount > U128_MAX) return fail('Overflow');
    this.writeAccount(src, { free: s.free - amount, reserved: s.reserved, frozen: s.frozen });
    if (d === undefined && this.events.enabled) this.events.push(E.endowed(dst, amount));
    this.writeAccount(dst, { free: (d?.free ?? 0n) + amount, reserved: d?.reserved ?? 0n, frozen: d?.frozen ?? 0n });
    if (this.events.enabled) this.events.push(E.transfer(src, dst, amount));
    return OK;
  }

  // ------------------------------------------------------------------ holds (free -> reserved, by reason)

  /** hold: needs amount <= reducible(Protect, Force) (freezes apply to the total, so holding frozen funds is fine). */
  hold(reason: string, who: AccountId, amount: Planck): DispatchResult {
    assert(amount >= 0n, 'balances.hold: negative amount');
    if (amount === 0n) return OK;
    const a = this.storage.account.get(who);
    if (a === undefined) return fail('DeadAccount');
    if (amount > this.reducibleOf(a, 'Protect', 'Force')) return amount > a.free ? fail('InsufficientBalance') : fail('Expendability');
    const hs = this.holds(who);
    if (findIndex(hs, reason) < 0 && hs.length >= this.config.maxHolds) return fail('TooManyHolds');
    this.storage.holds.set(who, upsert(hs, reason, findAmount(hs, reason) + amount));
    this.writeAccount(who, { free: a.free - amount, reserved: a.reserved + amount, frozen: a.frozen });
    this.events.push(E.held(reason, who, amount));
    return OK;
  }

  /** release: reserved -> free for `reason`; bestEffort releases min(amount, held). Returns the amount released. */
  release(reason: string, who: AccountId, amount: Planck, bestEffort = false): DispatchResult<Planck> {
    assert(amount >= 0n, 'balances.release: negative amount');
    const held = this.balanceOnHold(reason, who);
    if (amount > held && !bestEffort) return fail('InsufficientHold');
    const take = min(amount, held);
    if (take === 0n) return ok(0n);
    const a = this.account(who);
    this.setHold(who, reason, held - take);
    this.writeAccount(who, { free: a.free + take, reserved: a.reserved - take, frozen: a.frozen });
    this.events.push(E.released(reason, who, take));
    return ok(take);
  }

  /** Burn funds on hold (issuance falls). Returns the amount burned (bestEffort: up to what is held). */
  burnHeld(reason: string, who: AccountId, amount: Planck, bestEffort = false): DispatchResult<Planck> {
    const held = this.balanceOnHold(reason, who);
    if (amount > held && !bestEffort) return fail('InsufficientHold');
    const take = min(amount, held);
    if (take === 0n) return ok(0n);
    this.takeFromHold(who, reason, take);
    this.burnCredit(take);
    this.events.push(E.burned(who, take));
    return ok(take);
  }

  private setHold(who: AccountId, reason: string, amount: Planck): void {
    const next = upsert(this.holds(who), reason, amount);
    if (next.length === 0) this.storage.holds.delete(who); else this.storage.holds.set(who, next);
  }

  /** Move `take` (<= held) out of a hold into pending credit; reaps the account if it is left below ED. */
  private takeFromHold(who: AccountId, reason: string, take: Planck): void {
    const a = this.account(who);
    this.setHold(who, reason, this.balanceOnHold(reason, who) - take);
    this.storage.pendingCredit.set(this.storage.pendingCredit.get() + take);
    this.writeAccount(who, { free: a.free, reserved: a.reserved - take, frozen: a.frozen });
  }

  // ------------------------------------------------------------------ freezes (largest wins, not the sum)

  /** set_freeze: the freeze `id` becomes exactly `amount` (0 thaws it). May exceed the balance, like a lock. */
  setFreeze(id: string, who: AccountId, amount: Planck): DispatchResult {
    assert(amount >= 0n, 'balances.setFreeze: negative amount');
    if (amount === 0n) { this.thaw(id, who); return OK; }
    const a = this.storage.account.get(who);
    if (a === undefined) return fail('DeadAccount');
    const fs = this.freezes(who);
    if (findIndex(fs, id) < 0 && fs.length >= this.config.maxFreezes) return fail('TooManyFreezes');
    const next = upsert(fs, id, amount);
    this.storage.freezes.set(who, next);
    this.writeAccount(who, { free: a.free, reserved: a.reserved, frozen: maxAmount(next) });
    this.events.push(E.frozen(id, who, amount));
    return OK;
  }

  /** extend_freeze: the freeze becomes max(current, amount). */
  extendFreeze(id: string, who: AccountId, amount: Planck): DispatchResult {
    return this.setFreeze(id, who, max(this.balanceFrozen(id, who), amount));
  }

  thaw(id: string, who: AccountId): void {
    const fs = this.freezes(who);
    if (findIndex(fs, id) < 0) return;
    const next = upsert(fs, id, 0n);
    if (next.length === 0) this.storage.freezes.delete(who); else this.storage.freezes.set(who, next);
    const a = this.account(who);
    this.writeAccount(who, { free: a.free, reserved: a.reserved, frozen: maxAmount(next) });
    this.events.push(E.thawed(id, who));
  }

  // ------------------------------------------------------------------ slashing

  /**
   * Currency::slash: take up to `amount` from free (ignoring freezes and ED), then from holds in sorted reason order.
   * The slashed funds go to `dest` (e.g. the treasury) or are burned when dest is null or can't receive them.
   * If the account is left with free < ED and nothing reserved it is reaped and its dust burned.
   */
  slash(who: AccountId, amount: Planck, dest: AccountId | null): SlashOutcome {
    assert(amount >= 0n, 'balances.slash: negative amount');
    const a = this.storage.account.get(who);
    if (a === undefined || amount === 0n) return NO_SLASH;
    const fromFree = min(a.free, amount);
    let rest = amount - fromFree;
    if (fromFree > 0n) {
      this.writeAccount(who, { free: a.free - fromFree, reserved: a.reserved, frozen: a.frozen });
      this.storage.pendingCredit.set(this.storage.pendingCredit.get() + fromFree);
    }
    for (const h of [...this.holds(who)]) {
      if (rest === 0n) break;
      const t = min(h.amount, rest);
      this.takeFromHold(who, h.id, t);
      rest -= t;
    }
    return this.resolveSlash(who, amount - rest, dest);
  }

  /** Slash only the funds held for `reason` (e.g. a staking hold). */
  slashHold(reason: string, who: AccountId, amount: Planck, dest: AccountId | null): SlashOutcome {
    assert(amount >= 0n, 'balances.slashHold: negative amount');
    const take = min(amount, this.balanceOnHold(reason, who));
    if (take === 0n) return NO_SLASH;
    this.takeFromHold(who, reason, take);
    return this.resolveSlash(who, take, dest);
  }

  private resolveSlash(who: AccountId, slashed: Planck, dest: AccountId | null): SlashOutcome {
    if (slashed === 0n) return NO_SLASH;
    this.events.push(E.slashed(who, slashed));
    let toDest = 0n;
    if (dest === null) this.burnCredit(slashed);
    else toDest = this.resolveCredit(dest, slashed); // burns it itself when dest can't receive it
    const burned = slashed - toDest;
    return { slashedPlanck: slashed, toDestPlanck: toDest, burnedPlanck: burned };
  }

  // ------------------------------------------------------------------ internals

  /** increase_balance for a deposit that is already backed (credit or mint). */
  private deposit(who: AccountId, stored: AccountData | undefined, amount: Planck): DispatchResult {
    // `stored` is the caller's read of the account (undefined: none), so existence needs no second lookup
    const existed = stored !== undefined;
    const a = stored ?? ZERO_ACCOUNT;
    if (!existed && amount < this.ed) return fail('ExistentialDeposit');
    if (a.free + amount > U128_MAX) return fail('Overflow');
    if (!existed) this.events.push(E.endowed(who, amount));
    this.writeAccount(who, { free: a.free + amount, reserved: a.reserved, frozen: a.frozen });
    return OK;
  }

  /** try_mutate_account's post-mutation: reap (free < ED and nothing reserved), burning the dust. */
  private writeAccount(who: AccountId, a: AccountData): void {
    if (a.free < 0n || a.reserved < 0n || a.frozen < 0n) throw new InvariantError(`balances: negative balance written for ${who}`); // no message built on the hot path
    const s = this.storage;
    if (a.free < this.ed && a.reserved === 0n) {
      const prev = s.account.delete(who);
      if (prev === undefined) return;
      s.accountTotal.set(s.accountTotal.get() - prev.free - prev.reserved);
      if (s.freezes.has(who)) s.freezes.delete(who);
      if (a.free > 0n) {
        this.changeIssuance(-a.free);
        this.events.push(E.dustLost(who, a.free));
      }
      return;
    }
    const prev = s.account.set(who, a);
    // Keep Σ(free+reserved) with as few bigint operations as the common cases allow.
    let delta: Planck;
    if (prev === undefined) delta = a.free + a.reserved;
    else if (a.reserved === prev.reserved) delta = a.free - prev.free;
    else delta = a.free - prev.free + (a.reserved - prev.reserved);
    if (delta !== 0n) s.accountTotal.set(s.accountTotal.get() + delta);
  }

  /** The O(1) per-block oracle: Σ(free+reserved) (kept incrementally) == TotalIssuance, no credit in flight. */
  checkConservation(): void {
    const s = this.storage;
    // messages built only on failure: this runs after every block
    if (s.pendingCredit.get() !== 0n) throw new InvariantError(`balances: unresolved credit ${s.pendingCredit.get()}`);
    if (s.accountTotal.get() !== s.totalIssuance.get()) {
      throw new InvariantError(`balances: Σ(free+reserved) ${s.accountTotal.get()} != TotalIssuance ${s.totalIssuance.get()}`);
    }
  }

  private changeIssuance(delta: Planck): void {
    const s = this.storage;
    const ti = s.totalIssuance.get() + delta;
    if (!(ti >= 0n && ti <= U128_MAX)) throw new InvariantError(`balances: total issuance out of range: ${ti}`);
    s.totalIssuance.set(ti);
    if (delta > 0n) s.minted.set(s.minted.get() + delta); else s.burned.set(s.burned.get() - delta);
  }

  /** The error for a withdrawal of `amount` that exceeds the reducible balance. */
  private whyNot(a: AccountData, amount: Planck, _preservation: Preservation): { ok: false; error: DispatchError } {
    if (amount > a.free) return fail('InsufficientBalance');
    if (amount > a.free - max(a.frozen - a.reserved, 0n)) return fail('LiquidityRestrictions');
    return fail('Expendability');
  }

  // ------------------------------------------------------------------ invariants

  /** Σ(free + reserved) == TotalIssuance; holds sum to reserved; frozen is the max freeze; no negatives;
   * no account below ED without reserves; no pending credit; initial + minted − burned == TotalIssuance (checked by
   * the runtime with its genesis issuance). O(accounts): call at block/era boundaries, not per extrinsic.
   *
   * Fast path: one pass over accounts without lookups, one over the hold and freeze lists (each looks its account
   * up), and counts: the lists with a non-zero total match their accounts and are as many as the accounts with
   * reserved (frozen) != 0, so every such account has a matching list. On any failure the straightforward per-account
   * audit (auditReference) runs to throw exactly its first error. */
  checkInvariants(): void {
    const s = this.storage, ed = this.ed;
    let sum = 0n, reservedAccounts = 0, frozenAccounts = 0, ok = true;
    // The same verdict as `free < 0 || reserved < 0 || frozen < 0 || (free < ED && reserved <= 0)` with fewer bigint
    // comparisons in the common case (free >= ED; reserved, frozen zero): ED > 0, so free < 0 implies free < ED.
    for (const a of s.account.values()) {
      const free = a.free, reserved = a.reserved, frozen = a.frozen;
      if (free < ed && (free < 0n || reserved <= 0n)) ok = false;
      if (reserved !== 0n) { reservedAccounts++; if (reserved < 0n) ok = false; sum += free + reserved; } else sum += free;
      if (frozen !== 0n) { frozenAccounts++; if (frozen < 0n) ok = false; }
    }
    let heldLists = 0, frozenLists = 0;
    if (ok) s.holds.forEach((hs, who) => {
      const a = s.account.get(who);
      let held = 0n;
      for (const h of hs) { if (h.amount <= 0n) ok = false; held += h.amount; }
      if (a === undefined || held !== a.reserved) ok = false;
      if (held !== 0n) heldLists++;
    });
    if (ok) s.freezes.forEach((fs, who) => {
      const a = s.account.get(who);
      const m = maxAmount(fs);
      if (a === undefined || m !== a.frozen) ok = false;
      if (m !== 0n) frozenLists++;
    });
    if (!ok || heldLists !== reservedAccounts || frozenLists !== frozenAccounts || s.pendingCredit.get() !== 0n
        || sum !== s.totalIssuance.get() || sum !== s.accountTotal.get()) {
      this.auditReference();
      throw new InvariantError('balances: audit failed (fast path) but the reference audit passed'); // unreachable
    }
  }

  /** The per-account audit, as specified: throws the first violation with its message. */
  auditReference(): void {
    const s = this.storage;
    let sum = 0n;
    const bad = (m: string): never => { throw new InvariantError(m); };
    const holds = s.holds, freezes = s.freezes, ed = this.ed;
    s.account.forEach((a, who) => {
      if (a.free < 0n || a.reserved < 0n || a.frozen < 0n) bad(`balances: negative balance in ${who}`);
      if (a.free < ed && a.reserved <= 0n) bad(`balances: ${who} below ED and not reaped`);
      let held = 0n;
      const hs = holds.get(who);
      if (hs !== undefined) for (const h of hs) { if (h.amount <= 0n) bad(`balances: zero hold ${h.id} on ${who}`); held += h.amount; }
      if (held !== a.reserved) bad(`balances: holds of ${who} sum to ${held} != reserved ${a.reserved}`);
      const fs = freezes.get(who);
      if (a.frozen !== (fs === undefined ? 0n : maxAmount(fs))) bad(`balances: frozen of ${who} != max freeze`);
      sum += a.reserved === 0n ? a.free : a.free + a.reserved;
    });
    for (const who of holds.keys()) if (!s.account.has(who)) bad(`balances: holds on dead account ${who}`);
    for (const who of freezes.keys()) if (!s.account.has(who)) bad(`balances: freezes on dead account ${who}`);
    if (s.pendingCredit.get() !== 0n) bad(`balances: unresolved credit ${s.pendingCredit.get()}`);
    if (sum !== s.totalIssuance.get()) bad(`balances: Σ(free+reserved) ${sum} != TotalIssuance ${s.totalIssuance.get()}`);
    if (sum !== s.accountTotal.get()) bad(`balances: running account total ${s.accountTotal.get()} != recount ${sum}`);
  }
}

const NO_SLASH: SlashOutcome = Object.freeze({ slashedPlanck: 0n, toDestPlanck: 0n, burnedPlanck: 0n });

function findIndex(list: readonly IdAmount[], id: string): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.id === id) return i;
  return -1;
}
function findAmount(list: readonly IdAmount[], id: string): Planck {
  const i = findIndex(list, id);
  return i < 0 ? 0n : list[i]!.amount;
}
function maxAmount(list: readonly IdAmount[]): Planck {
  let m = 0n; for (const x of list) if (x.amount > m) m = x.amount; return m;
}
/** New sorted list with id set to amount (removed when 0). Never mutates `list`. */
function upsert(list: readonly IdAmount[], id: string, amount: Planck): readonly IdAmount[] {
  const i = amount > 0n ? findIndex(list, id) : -1;
  if (i >= 0) { const out = list.slice(); out[i] = { id, amount }; return out; } // an entry replaced: order unchanged
  const out = list.filter((x) => x.id !== id);
  if (amount > 0n) { out.push({ id, amount }); out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)); }
  return out;
}
