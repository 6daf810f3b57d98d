// The pure arithmetic of one era's grant distribution: split the pool between providers and curators, apportion
// each part by weight with the largest-remainder method (./apportion.ts), and return who gets what. A part with no
// positive weight is left undistributed. Invariant: Σ payouts + undistributed == pool, exactly, in planck.

import { assert } from '../../primitives/dispatch.js';
import { PERBILL, mulFloor, type Parts } from '../../primitives/perthing.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { apportion } from './apportion.js';

export interface Weighted { readonly who: AccountId; readonly weight: bigint }
export interface Payout { readonly who: AccountId; readonly amount: Planck }
export interface EraPlan {
  readonly providers: readonly Payout[]; // merged by account, sorted by account id
  readonly curators: readonly Payout[];
  readonly undistributedPlanck: Planck;
}

export function planEra(poolPlanck: Planck, providerShareParts: Parts, providers: readonly Weighted[],
                        curators: readonly Weighted[]): EraPlan {
  assert(poolPlanck >= 0n, 'grants: negative pool');
  const providerPart = mulFloor(PERBILL, providerShareParts, poolPlanck);
  const curatorPart = poolPlanck - providerPart;
  const p = payouts(providerPart, providers);
  const c = payouts(curatorPart, curators);
  const undistributedPlanck = poolPlanck - sum(p) - sum(c);
  assert(undistributedPlanck >= 0n, 'grants: paid more than the pool');
  return { providers: p, curators: c, undistributedPlanck };
}

/** Apportion `amount` over the weights (entries in the caller's canonical order), then merge by account. */
function payouts(amount: Planck, ws: readonly Weighted[]): Payout[] {
  const parts = apportion(amount, ws.map((w) => w.weight));
  const merged = new Map<AccountId, Planck>();
  ws.forEach((w, i) => { if (parts[i]! > 0n) merged.set(w.who, (merged.get(w.who) ?? 0n) + parts[i]!); });
  return [...merged.keys()].sort().map((who) => ({ who, amount: merged.get(who)! }));
}

const sum = (xs: readonly Payout[]) => xs.reduce((a, x) => a + x.amount, 0n);
