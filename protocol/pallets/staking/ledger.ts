// StakingLedger and its pure transitions (substrate/frame/staking/src/ledger.rs, lib.rs): bond_extra, unbond into
// chunks maturing at current_era + BondingDuration, rebond (newest chunks first), consolidate_unlocked
// (withdraw matured chunks) and slash (active and late chunks proportionally, then the rest newest first).
// Every function returns a new ledger (storage values are immutable) and never mutates its input.

import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import { PERQUINTILL, mulCeil } from '../../primitives/perthing.js';
import { assert } from '../../primitives/dispatch.js';

export interface UnlockChunk { readonly value: Planck; readonly era: EraIndex }

export interface StakingLedger {
  readonly stash: AccountId;
  /** Bonded total: active + Σ unlocking; the staking freeze on the stash equals this. */
  readonly total: Planck;
  /** The part that counts for elections and exposure. */
  readonly active: Planck;
  /** Chunks in insertion order (eras non-decreasing). */
  readonly unlocking: readonly UnlockChunk[];
}

export function newLedger(stash: AccountId, value: Planck): StakingLedger {
  assert(value >= 0n, 'ledger: negative bond');
  return ledgerOf(stash, value, value, []);
}

/** Every ledger is built here, with its fields in one order: one object shape for all ledgers (property reads on
 * them stay monomorphic), and the same JSON field order as a spread copy of a ledger had. */
function ledgerOf(stash: AccountId, total: Planck, active: Planck, unlocking: readonly UnlockChunk[]): StakingLedger {
  return { stash, total, active, unlocking };
}

export function checkLedger(l: StakingLedger): void {
  // Runs on every ledger write and audit: messages are built only on failure (bigint-to-text is not free).
  let sum = l.active;
  if (l.active < 0n) assert(false, `ledger ${l.stash}: negative active`);
  for (const c of l.unlocking) { if (c.value <= 0n) assert(false, `ledger ${l.stash}: empty chunk`); sum += c.value; }
  if (sum !== l.total) assert(false, `ledger ${l.stash}: total ${l.total} != active + chunks ${sum}`);
}

export function bondExtra(l: StakingLedger, extra: Planck): StakingLedger {
  assert(extra >= 0n, 'ledger: negative bond_extra');
  return ledgerOf(l.stash, l.total + extra, l.active + extra, l.unlocking);
}

/**
 * unbond: moves min(value, active) into a chunk maturing at `unlockEra`; if the remaining active would be below
 * `minimumBalance` (ED) all of it is unbonded. Chunks with the same era are merged (as the chain does).
 * Returns null if a new chunk would exceed `maxChunks`.
 */
export function unbond(l: StakingLedger, value: Planck, unlockEra: EraIndex, minimumBalance: Planck,
                       maxChunks: number): { ledger: StakingLedger; unbonded: Planck } | null {
  let v = value < l.active ? value : l.active;
  let active = l.active - v;
  if (active < minimumBalance) { v += active; active = 0n; }
  if (v === 0n) return { ledger: l, unbonded: 0n };
  const last = l.unlocking[l.unlocking.length - 1];
  let unlocking: UnlockChunk[];
  if (last !== undefined && last.era === unlockEra) {
    unlocking = [...l.unlocking.slice(0, -1), { value: last.value + v, era: unlockEra }];
  } else {
    if (l.unlocking.length >= maxChunks) return null;
    unlocking = [...l.unlocking, { value: v, era: unlockEra }];
  }
  return { ledger: ledgerOf(l.stash, l.total, active, unlocking), unbonded: v };
}

/** rebond: moves up to `value` from the newest chunks back into active. */
export function rebond(l: StakingLedger, value: Planck): { ledger: StakingLedger; rebonded: Planck } {
  const unlocking = l.unlocking.slice();
  let rebonded = 0n;
  let active = l.active;
  while (unlocking.length > 0 && rebonded < value) {
    const last = unlocking[unlocking.length - 1]!;
    if (rebonded + last.value <= value) {
      rebonded += last.value; active += last.value; unlocking.pop();
    } else {
      const diff = value - rebonded;
      rebonded += diff; active += diff;
      unlocking[unlocking.length - 1] = { value: last.value - diff, era: last.era };
    }
  }
  return { ledger: ledgerOf(l.stash, l.total, active, unlocking), rebonded };
}

/** consolidate_unlocked: drops chunks with era <= currentEra from the ledger; returns the amount freed. */
export function consolidateUnlocked(l: StakingLedger, currentEra: EraIndex): { ledger: StakingLedger; withdrawn: Planck } {
  let withdrawn = 0n;
  const unlocking: UnlockChunk[] = [];
  for (const c of l.unlocking) { if (c.era <= currentEra) withdrawn += c.value; else unlocking.push(c); }
  return { ledger: ledgerOf(l.stash, l.total - withdrawn, l.active, unlocking), withdrawn };
}

/**
 * StakingLedger::slash: if some chunk unlocks at or after slashEra + bondingDuration (funds that were at stake when
 * the offence happened), slash active and those chunks proportionally (ratio = Perquintill(amount/affected) rounded
 * up, each part mul_ceil), then the earlier chunks newest first; otherwise active first, then chunks newest first.
 * A target left below `minimumBalance` is wiped entirely (so the slashed amount can exceed `amount` by that dust).
 */
export function slashLedger(l: StakingLedger, amount: Planck, minimumBalance: Planck, slashEra: EraIndex,
                            bondingDuration: number): { ledger: StakingLedger; slashed: Planck } {
  if (amount === 0n) return { ledger: l, slashed: 0n };
  const chunks = l.unlocking.map((c) => ({ value: c.value, era: c.era }));
  const start = slashEra + bondingDuration;
  const first = chunks.findIndex((c) => c.era >= start);
  let ratio: bigint | null = null;
  let priority: number[];
  if (first >= 0) {
    let affected = l.active;
    for (let i = first; i < chunks.length; i++) affected += chunks[i]!.value;
    const one = PERQUINTILL.accuracy;
    ratio = affected === 0n || amount >= affected ? one : (amount * one + affected - 1n) / affected; // rounding up
    priority = [];
    for (let i = first; i < chunks.length; i++) priority.push(i);
    for (let i = first - 1; i >= 0; i--) priority.push(i);
  } else {
    priority = [];
    for (let i = chunks.length - 1; i >= 0; i--) priority.push(i);
  }
  let remaining = amount;
  let total = l.total;
  const slashOutOf = (target: Planck): Planck => {
    let take = ratio !== null ? mulCeil(PERQUINTILL, ratio, target) : remaining;
    if (take > target) take = target;
    if (take > remaining) take = remaining;
    let left = target - take;
    if (left < minimumBalance) { take += left; left = 0n; }
    total -= take;
    remaining = remaining > take ? remaining - take : 0n;
    return left;
  };
  const active = slashOutOf(l.active);
  for (const i of priority) {
    if (remaining === 0n) break;
    chunks[i]!.value = slashOutOf(chunks[i]!.value);
  }
  const ledger = ledgerOf(l.stash, total, active, chunks.filter((c) => c.value > 0n));
  return { ledger, slashed: l.total - total };
}
