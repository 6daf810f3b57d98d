// pallet_balances extrinsics: transfer_allow_death (Expendable), transfer_keep_alive (Preserve),
// transfer_all (sends the reducible balance), burn (burn_from, issuance falls). SUBSTRATE.md §1.4.
import type { AccountId, Planck } from '../../primitives/units.js';
import type { Origin } from '../../primitives/origin.js';
import { err, type DispatchResult } from '../../primitives/dispatch.js';
import type { Balances } from './pallet.js';
import { fail } from './errors.js';

export type BalancesCall =
  | { pallet: 'balances'; name: 'transfer_allow_death'; args: { dest: AccountId; value: Planck } }
  | { pallet: 'balances'; name: 'transfer_keep_alive'; args: { dest: AccountId; value: Planck } }
  | { pallet: 'balances'; name: 'transfer_all'; args: { dest: AccountId; keepAlive: boolean } }
  | { pallet: 'balances'; name: 'burn'; args: { value: Planck; keepAlive: boolean } };

/** Per-call weights (ref_time, 1 unit = 1 ps) used by the payment pallet. Lab estimates of the order of Polkadot's
 * benchmarked pallet_balances weights (tens of µs on reference hardware); not read from a specific weights file. */
export const BALANCES_CALL_WEIGHTS: Record<BalancesCall['name'], bigint> = {
  transfer_allow_death: 60_000_000n,
  transfer_keep_alive: 50_000_000n,
  transfer_all: 60_000_000n,
  burn: 40_000_000n,
};

function signer(origin: Origin): AccountId | null { return origin.kind === 'Signed' ? origin.who : null; }
const BAD_ORIGIN = err('system', 'BadOrigin');

export function dispatchBalances(b: Balances, origin: Origin, call: BalancesCall): DispatchResult {
  const who = signer(origin);
  if (who === null) return BAD_ORIGIN;
  switch (call.name) {
    case 'transfer_allow_death': return guardAmount(call.args.value) ?? b.transfer(who, call.args.dest, call.args.value, 'Expendable');
    case 'transfer_keep_alive': return guardAmount(call.args.value) ?? b.transfer(who, call.args.dest, call.args.value, 'Preserve');
    case 'transfer_all': {
      const p = call.args.keepAlive ? 'Preserve' : 'Expendable';
      return b.transfer(who, call.args.dest, b.reducibleBalance(who, p, 'Polite'), p);
    }
    case 'burn': {
      const r = guardAmount(call.args.value) ?? b.burn(who, call.args.value, call.args.keepAlive ? 'Preserve' : 'Expendable');
      return r.ok ? { ok: true, value: undefined } : r;
    }
  }
}

/** Call arguments come from agents: a negative or non-bigint amount is a rejected call, not a crash. */
function guardAmount(v: Planck): DispatchResult | null {
  return typeof v === 'bigint' && v >= 0n ? null : fail('InvalidAmount');
}
