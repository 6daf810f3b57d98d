// @polkadot/types definitions for marketplace calls, events and storage values (merged into the runtime registry).
export const marketplaceTypes = {
  BaiModelKind: { _enum: ['Model', 'Agent'] },
  BaiModelInfo: { owner: 'AccountId32', kind: 'BaiModelKind', metadataCid: 'Text', price: 'u128', registeredEra: 'u32' },
  BaiCallsUsed: { era: 'u32', calls: 'u64' },
  BaiCallLog: { count: 'u64', accumulator: 'H256' },
  BaiBatchItem: { modelId: 'u32', count: 'u32' },
  BaiMarketplaceCall: {
    _enum: {
      register_model: { kind: 'BaiModelKind', metadataCid: 'Text', price: 'Compact<u128>' },
      deregister_model: { modelId: 'u32' },
      set_price: { modelId: 'u32', price: 'Compact<u128>' },
      bond_node: { amount: 'Compact<u128>' },
      unbond_node: 'Null',
      stake_access: { amount: 'Compact<u128>' },
      unstake_access: { amount: 'Compact<u128>' },
      call_model: { modelId: 'u32', requestCid: 'Text', responseCid: 'Text' },
      calls_batch: { items: 'Vec<BaiBatchItem>', bodiesCid: 'Text' },
    },
  },
  BaiMarketplaceEvent: {
    _enum: {
      ModelRegistered: { modelId: 'u32', owner: 'AccountId32', kind: 'Text', metadataCid: 'Text', pricePlanck: 'u128' },
      ModelDeregistered: { modelId: 'u32', owner: 'AccountId32' },
      PriceSet: { modelId: 'u32', pricePlanck: 'u128' },
      NodeBonded: { who: 'AccountId32', bondPlanck: 'u128' },
      NodeUnbonded: { who: 'AccountId32', bondPlanck: 'u128' },
      AccessStaked: { who: 'AccountId32', stakePlanck: 'u128' },
      AccessUnstaked: { who: 'AccountId32', stakePlanck: 'u128' },
      Called: { consumer: 'AccountId32', modelId: 'u32', provider: 'AccountId32', pricePlanck: 'u128', feePlanck: 'u128', recordHash: 'H256' },
      CallsBatched: { consumer: 'AccountId32', calls: 'u32', pricePlanck: 'u128', feePlanck: 'u128', recordHash: 'H256' },
    },
  },
} as const;

/** Storage item -> registry value type, for the codec equivalence tests. */
export const marketplaceStorageTypes = {
  'marketplace.Models': 'BaiModelInfo',
  'marketplace.NextModelId': 'u32',
  'marketplace.ProviderModels': 'u32',
  'marketplace.NodeBond': 'u128',
  'marketplace.AccessStake': 'u128',
  'marketplace.CallsUsed': 'BaiCallsUsed',
  'marketplace.Revenue': 'u128',
  'marketplace.EraPayments': 'u128',
  'marketplace.CallLog': 'BaiCallLog',
  'marketplace.RecentRecords': 'H256',
} as const;
