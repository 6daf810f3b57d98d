// pallet_staking extrinsics (SUBSTRATE.md §3.2, §3.6). Each returns its typed error without side effects on reject
// (the runtime runs calls inside journal.transactional, so a failure after a write rolls back too).
import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import type { Origin } from '../../primitives/origin.js';
import { OK, err, type DispatchResult } from '../../primitives/dispatch.js';
import { PERBILL, type Parts } from '../../primitives/perthing.js';
import type { Staking } from './pallet.js';
import type { RewardDestination } from './storage.js';
import { fail } from './errors.js';
import { stakingEvents as E } from './events.js';
import * as L from './ledger.js';
import { compareAccount } from './election/result.js';

export type StakingCall =
  | { pallet: 'staking'; name: 'bond'; args: { value: Planck; payee: RewardDestination } }
  | { pallet: 'staking'; name: 'bond_extra'; args: { maxAdditional: Planck } }
  | { pallet: 'staking'; name: 'unbond'; args: { value: Planck } }
  | { pallet: 'staking'; name: 'rebond'; args: { value: Planck } }
  | { pallet: 'staking'; name: 'withdraw_unbonded'; args: Record<string, never> }
  | { pallet: 'staking'; name: 'validate'; args: { commission: Parts; blocked?: boolean } }
  | { pallet: 'staking'; name: 'nominate'; args: { targets: readonly AccountId[] } }
  | { pallet: 'staking'; name: 'chill'; args: Record<string, never> }
  | { pallet: 'staking'; name: 'set_payee'; args: { payee: RewardDestination } }
  | { pallet: 'staking'; name: 'payout_stakers'; args: { validatorStash: AccountId; era: EraIndex; page?: number } }
  /** Root only (governance): drop deferred slashes due at the start of `era`, by index in UnappliedSlashes[era]. */
  | { pallet: 'staking'; name: 'cancel_deferred_slash'; args: { era: EraIndex; slashIndices: readonly number[] } };

/** Per-call weights (ref_time) for the payment pallet: lab estimates of the order of Polkadot's pallet_staking
 * benchmarks (bond ~100 µs, nominate grows with targets, payout grows with the page's nominators). */
export const STAKING_CALL_WEIGHTS: Record<StakingCall['name'], bigint> = {
  bond: 100_000_000n, bond_extra: 120_000_000n, unbond: 130_000_000n, rebond: 130_000_000n,
  withdraw_unbonded: 120_000_000n, validate: 80_000_000n, nominate: 150_000_000n, chill: 70_000_000n,
  set_payee: 40_000_000n, payout_stakers: 2_000_000_000n, cancel_deferred_slash: 500_000_000n,
};

const BAD_ORIGIN = err('system', 'BadOrigin');
const isAmount = (v: unknown): v is Planck => typeof v === 'bigint' && v >= 0n;

export function dispatchStaking(st: Staking, origin: Origin, call: StakingCall): DispatchResult {
  if (call.name === 'cancel_deferred_slash') {
    return origin.kind === 'Root' ? cancelDeferredSlash(st, call.args.era, call.args.slashIndices) : BAD_ORIGIN;
  }
  if (origin.kind !== 'Signed') return BAD_ORIGIN;
  const who = origin.who;
  switch (call.name) {
    case 'bond': return bond(st, who, call.args.value, call.args.payee);
    case 'bond_extra': return bondExtra(st, who, call.args.maxAdditional);
    case 'unbond': return unbond(st, who, call.args.value);
    case 'rebond': return rebond(st, who, call.args.value);
    case 'withdraw_unbonded': return withdrawUnbonded(st, who);
    case 'validate': return validate(st, who, call.args.commission, call.args.blocked ?? false);
    case 'nominate': return nominate(st, who, call.args.targets);
    case 'chill': { if (!st.ledger(who)) return fail('NotStash'); st.chill(who); return OK; }
    case 'set_payee': {
      if (!st.ledger(who)) return fail('NotStash');
      if (call.args.payee !== 'Staked' && call.args.payee !== 'Stash') return fail('InvalidAmount');
      st.storage.payee.set(who, call.args.payee); return OK;
    }
    case 'payout_stakers': return st.payoutStakersByPage(call.args.validatorStash, call.args.era, call.args.page ?? 0);
    default: return err('system', 'CallFiltered'); // an unknown call name from an agent: rejected, not a crash
  }
}

function bond(st: Staking, stash: AccountId, value: Planck, payee: RewardDestination): DispatchResult {
  if (!isAmount(value) || (payee !== 'Staked' && payee !== 'Stash')) return fail('InvalidAmount');
  if (st.ledger(stash)) return fail('AlreadyBonded');
  const v = value < st.stakeable(stash, 0n) ? value : st.stakeable(stash, 0n);
  if (v < st.existentialDeposit()) return fail('InsufficientBond');
  st.storage.payee.set(stash, payee);
  st.updateLedger(L.newLedger(stash, v));
  st.emit(E.bonded(stash, v));
  return OK;
}

function bondExtra(st: Staking, stash: AccountId, maxAdditional: Planck): DispatchResult {
  if (!isAmount(maxAdditional)) return fail('InvalidAmount');
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  const avail = st.stakeable(stash, l.total);
  const extra = maxAdditional < avail ? maxAdditional : avail;
  const next = L.bondExtra(l, extra);
  if (next.active < st.existentialDeposit()) return fail('InsufficientBond');
  st.updateLedger(next);
  if (extra > 0n) st.emit(E.bonded(stash, extra));
  return OK;
}

function unbond(st: Staking, stash: AccountId, value: Planck): DispatchResult {
  if (!isAmount(value)) return fail('InvalidAmount');
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  const era = st.currentEra() + st.config.bondingDurationEras;
  const r = L.unbond(l, value, era, st.existentialDeposit(), st.config.maxUnlockingChunks);
  if (r === null) return fail('NoMoreChunks');
  if (r.ledger.active < st.minActiveBond(stash)) return fail('InsufficientBond'); // a validator/nominator must chill first
  st.updateLedger(r.ledger);
  if (r.unbonded > 0n) st.emit(E.unbonded(stash, r.unbonded));
  return OK;
}

function rebond(st: Staking, stash: AccountId, value: Planck): DispatchResult {
  if (!isAmount(value)) return fail('InvalidAmount');
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  if (l.unlocking.length === 0) return fail('NoUnlockChunk');
  const r = L.rebond(l, value);
  if (r.ledger.active < st.existentialDeposit()) return fail('InsufficientBond');
  st.updateLedger(r.ledger);
  st.emit(E.bonded(stash, r.rebonded));
  return OK;
}

function withdrawUnbonded(st: Staking, stash: AccountId): DispatchResult {
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  const r = L.consolidateUnlocked(l, st.currentEra());
  if (r.ledger.unlocking.length === 0 && r.ledger.active < st.existentialDeposit()) {
    st.killStash(stash);
    st.emit(E.withdrawn(stash, l.total));
    return OK;
  }
  st.updateLedger(r.ledger);
  if (r.withdrawn > 0n) st.emit(E.withdrawn(stash, r.withdrawn));
  return OK;
}

function validate(st: Staking, stash: AccountId, commission: Parts, blocked: boolean): DispatchResult {
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  if (typeof commission !== 'bigint' || commission < 0n || commission > PERBILL.accuracy) return fail('InvalidCommission');
  if (l.active < st.config.minValidatorBondPlanck || l.active === 0n) return fail('InsufficientBond');
  if (commission < st.config.minCommission) return fail('CommissionTooLow');
  st.setValidatorPrefs(stash, { commission, blocked: blocked === true });
  return OK;
}

function nominate(st: Staking, stash: AccountId, targets: readonly AccountId[]): DispatchResult {
  const l = st.ledger(stash);
  if (!l) return fail('NotStash');
  if (l.active < st.config.minNominatorBondPlanck || l.active === 0n) return fail('InsufficientBond');
  if (!Array.isArray(targets) || targets.length === 0) return fail('EmptyTargets');
  if (targets.length > st.config.maxNominations) return fail('TooManyTargets');
  const old = st.storage.nominators.get(stash)?.targets ?? [];
  const uniq = [...new Set(targets)].sort(compareAccount);
  for (const t of uniq) {
    const prefs = st.storage.validators.get(t);
    if (prefs === undefined) return fail('BadTarget');
    if (prefs.blocked && !old.includes(t)) return fail('BadTarget');
  }
  st.setNominations(stash, uniq);
  return OK;
}

function cancelDeferredSlash(st: Staking, era: EraIndex, indices: readonly number[]): DispatchResult {
  const list = st.storage.unappliedSlashes.get(era);
  if (list === undefined || !Array.isArray(indices) || indices.length === 0) return fail('EmptyTargets');
  const drop = new Set(indices);
  if (drop.size !== indices.length || indices.some((i) => !Number.isInteger(i) || i < 0 || i >= list.length)) return fail('NotSortedAndUnique');
  const keep = list.filter((_, i) => !drop.has(i));
  if (keep.length === 0) st.storage.unappliedSlashes.delete(era); else st.storage.unappliedSlashes.set(era, keep);
  return OK;
}
