// Marketplace extrinsics and their weights. Arguments come from agents: malformed values are rejected calls.
import type { AccountId, Planck } from '../../primitives/units.js';
import type { Origin } from '../../primitives/origin.js';
import { err, type DispatchResult } from '../../primitives/dispatch.js';
import type { Marketplace } from './pallet.js';
import type { ModelKind } from './storage.js';
import type { BatchItem } from './record.js';

export type MarketplaceCall =
  | { pallet: 'marketplace'; name: 'register_model'; args: { kind: ModelKind; metadataCid: string; price: Planck } }
  | { pallet: 'marketplace'; name: 'deregister_model'; args: { modelId: number } }
  | { pallet: 'marketplace'; name: 'set_price'; args: { modelId: number; price: Planck } }
  | { pallet: 'marketplace'; name: 'bond_node'; args: { amount: Planck } }
  | { pallet: 'marketplace'; name: 'unbond_node'; args: Record<string, never> }
  | { pallet: 'marketplace'; name: 'stake_access'; args: { amount: Planck } }
  | { pallet: 'marketplace'; name: 'unstake_access'; args: { amount: Planck } }
  | { pallet: 'marketplace'; name: 'call_model'; args: { modelId: number; requestCid: string; responseCid: string } }
  | { pallet: 'marketplace'; name: 'calls_batch'; args: { items: readonly BatchItem[]; bodiesCid: string } };

/** Per-call weights (ref_time, 1 unit = 1 ps). Lab estimates of the order of a balances transfer plus a hash and a
 * few storage writes; calls_batch declares the weight of ONE call_model (its extra calls are priced by the network
 * fee per call, which is what the Wrapper charges per call). */
export const MARKETPLACE_CALL_WEIGHTS: Record<MarketplaceCall['name'], bigint> = {
  register_model: 80_000_000n,
  deregister_model: 60_000_000n,
  set_price: 30_000_000n,
  bond_node: 50_000_000n,
  unbond_node: 50_000_000n,
  stake_access: 50_000_000n,
  unstake_access: 50_000_000n,
  call_model: 90_000_000n,
  calls_batch: 90_000_000n,
};

const BAD_ORIGIN = err('system', 'BadOrigin');

export function dispatchMarketplace(p: Marketplace, origin: Origin, call: MarketplaceCall): DispatchResult {
  if (origin.kind !== 'Signed') return BAD_ORIGIN;
  const who: AccountId = origin.who;
  const done = <T>(r: DispatchResult<T>): DispatchResult => (r.ok ? { ok: true, value: undefined } : r);
  switch (call.name) {
    case 'register_model': return done(p.registerModel(who, call.args.kind, call.args.metadataCid, call.args.price));
    case 'deregister_model': return p.deregisterModel(who, call.args.modelId);
    case 'set_price': return p.setPrice(who, call.args.modelId, call.args.price);
    case 'bond_node': return p.bondNode(who, call.args.amount);
    case 'unbond_node': return p.unbondNode(who);
    case 'stake_access': return p.stakeAccess(who, call.args.amount);
    case 'unstake_access': return p.unstakeAccess(who, call.args.amount);
    case 'call_model': return done(p.callModel(who, call.args.modelId, call.args.requestCid, call.args.responseCid));
    case 'calls_batch': return done(p.callsBatch(who, call.args.items, call.args.bodiesCid));
  }
}
