// @polkadot/types definitions for grants events and storage values.
export const grantsTypes = {
  BaiEraDistribution: { era: 'u32', poolPlanck: 'u128', paidProvidersPlanck: 'u128', paidCuratorsPlanck: 'u128',
                        toTreasuryPlanck: 'u128', carriedPlanck: 'u128' },
  BaiGrantsTotals: { providers: 'u128', curators: 'u128', treasury: 'u128', eras: 'u32' },
  BaiGrantsEvent: {
    _enum: {
      ProviderGrant: { era: 'u32', who: 'AccountId32', amount: 'u128' },
      CuratorDividend: { era: 'u32', who: 'AccountId32', amount: 'u128' },
      PayoutSkipped: { era: 'u32', who: 'AccountId32', amount: 'u128' },
      EraDistributed: { era: 'u32', poolPlanck: 'u128', paidProvidersPlanck: 'u128', paidCuratorsPlanck: 'u128',
                        toTreasuryPlanck: 'u128', carriedPlanck: 'u128' },
    },
  },
} as const;

export const grantsStorageTypes = {
  'grants.LastDistribution': 'BaiEraDistribution',
  'grants.Totals': 'BaiGrantsTotals',
  'grants.ProviderGrants': 'u128',
  'grants.CuratorDividends': 'u128',
} as const;
