export const treasuryTypes = {
  BaiApprovedSpend: { index: 'u32', beneficiary: 'AccountId32', amount: 'u128' },
  BaiTreasuryCall: { _enum: { spend: { amount: 'Compact<u128>', beneficiary: 'AccountId32' } } },
  BaiTreasuryEvent: {
    _enum: {
      SpendApproved: { index: 'u32', amount: 'u128', beneficiary: 'AccountId32' },
      Spending: { budgetRemaining: 'u128' },
      Awarded: { index: 'u32', award: 'u128', account: 'AccountId32' },
      SpendFailed: { index: 'u32' },
      Burnt: { burntFunds: 'u128' },
      Rollover: { rolloverBalance: 'u128' },
    },
  },
} as const;
export const treasuryStorageTypes = { 'treasury.Approvals': 'Vec<BaiApprovedSpend>', 'treasury.SpendCount': 'u32' } as const;
