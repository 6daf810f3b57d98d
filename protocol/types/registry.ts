// The @polkadot/types registry of every call, event and storage value type of the lab's pallets.
// Each pallet exports a type-definitions object; add yours to PALLET_TYPES (in the marked section) and your storage
// item -> type map to STORAGE_TYPES, so the codec-equivalence tests cover it.
import { TypeRegistry } from '@polkadot/types';
import { balancesTypes, balancesStorageTypes } from '../pallets/balances/types.js';
import { paymentTypes, paymentStorageTypes } from '../pallets/payment/types.js';
import { emissionsTypes, emissionsStorageTypes } from '../pallets/emissions/types.js';
import { treasuryTypes, treasuryStorageTypes } from '../pallets/treasury/types.js';
// --- staking ---
import { stakingTypes, stakingStorageTypes } from '../pallets/staking/types.js';
// --- marketplace ---
import { marketplaceTypes, marketplaceStorageTypes } from '../pallets/marketplace/types.js';
import { curationTypes, curationStorageTypes } from '../pallets/curation/types.js';
import { grantsTypes, grantsStorageTypes } from '../pallets/grants/types.js';

type Defs = Record<string, unknown>;

export const PALLET_TYPES: readonly Defs[] = [
  balancesTypes, paymentTypes, emissionsTypes, treasuryTypes,
  // --- staking ---
  stakingTypes,
  // --- marketplace ---
  marketplaceTypes, curationTypes, grantsTypes,
];

/** Storage item name (as in StorageValue/StorageMap) -> registry type of its value. */
export const STORAGE_TYPES: Readonly<Record<string, string>> = {
  ...balancesStorageTypes, ...paymentStorageTypes, ...emissionsStorageTypes, ...treasuryStorageTypes,
  'system.Number': 'u32', 'timestamp.Now': 'u64',
  // --- staking ---
  ...stakingStorageTypes,
  // --- marketplace ---
  ...marketplaceStorageTypes, ...curationStorageTypes, ...grantsStorageTypes,
};

/** Runtime-level enums over the pallets' call and event enums (pallet index = position). */
const RUNTIME_TYPES: Defs = {
  BaiRuntimeCall: { _enum: { Balances: 'BaiBalancesCall', Treasury: 'BaiTreasuryCall' /* --- staking --- */, Staking: 'BaiStakingCall' /* --- marketplace --- */, Marketplace: 'BaiMarketplaceCall', Curation: 'BaiCurationCall' } },
  BaiRuntimeEvent: {
    _enum: { Balances: 'BaiBalancesEvent', Payment: 'BaiPaymentEvent', Emissions: 'BaiEmissionsEvent', Treasury: 'BaiTreasuryEvent'
      /* --- staking --- */, Staking: 'BaiStakingEvent' /* --- marketplace --- */, Marketplace: 'BaiMarketplaceEvent', Curation: 'BaiCurationEvent', Grants: 'BaiGrantsEvent' },
  },
};

/** frame_system events the runtime itself emits (kept outside BaiRuntimeEvent so pallet indices never shift). */
export const SYSTEM_TYPES: Defs = {
  BaiDispatchError: { pallet: 'Text', error: 'Text' },
  BaiSystemEvent: { _enum: { ExtrinsicFailed: { who: 'AccountId32', error: 'BaiDispatchError' } } },
};

let shared: TypeRegistry | null = null;

/** A fresh registry with every lab type registered. */
export function createRegistry(): TypeRegistry {
  const r = new TypeRegistry();
  const all: Defs = {};
  for (const d of PALLET_TYPES) {
    for (const k of Object.keys(d)) {
      if (k in all) throw new Error(`types: ${k} registered twice`);
      all[k] = d[k];
    }
  }
  r.register({ ...all, ...RUNTIME_TYPES, ...SYSTEM_TYPES } as never);
  return r;
}

/** A process-wide registry (building one takes milliseconds; reuse it). */
export function registry(): TypeRegistry {
  if (shared === null) shared = createRegistry();
  return shared;
}
