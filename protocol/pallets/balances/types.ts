// @polkadot/types definitions for balances calls, events and storage values; merged by protocol/types/registry.ts.
export const balancesTypes = {
  BaiAccountData: { free: 'u128', reserved: 'u128', frozen: 'u128' },
  BaiIdAmount: { id: 'Text', amount: 'u128' },
  BaiBalancesCall: {
    _enum: {
      transfer_allow_death: { dest: 'AccountId32', value: 'Compact<u128>' },
      transfer_keep_alive: { dest: 'AccountId32', value: 'Compact<u128>' },
      transfer_all: { dest: 'AccountId32', keep_alive: 'bool' },
      burn: { value: 'Compact<u128>', keep_alive: 'bool' },
    },
  },
  BaiBalancesEvent: {
    _enum: {
      Endowed: { account: 'AccountId32', freeBalance: 'u128' },
      DustLost: { account: 'AccountId32', amount: 'u128' },
      Transfer: { from: 'AccountId32', to: 'AccountId32', amount: 'u128' },
      Minted: { who: 'AccountId32', amount: 'u128' },
      Burned: { who: 'AccountId32', amount: 'u128' },
      Slashed: { who: 'AccountId32', amount: 'u128' },
      Held: { reason: 'Text', who: 'AccountId32', amount: 'u128' },
      Released: { reason: 'Text', who: 'AccountId32', amount: 'u128' },
      Frozen: { id: 'Text', who: 'AccountId32', amount: 'u128' },
      Thawed: { id: 'Text', who: 'AccountId32' },
      Withdraw: { who: 'AccountId32', amount: 'u128' },
      Deposit: { who: 'AccountId32', amount: 'u128' },
    },
  },
} as const;

/** Storage item -> registry value type, for the state-root codec equivalence tests. */
export const balancesStorageTypes = {
  'balances.Account': 'BaiAccountData',
  'balances.Holds': 'Vec<BaiIdAmount>',
  'balances.Freezes': 'Vec<BaiIdAmount>',
  'balances.TotalIssuance': 'u128',
} as const;
