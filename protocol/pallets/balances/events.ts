// pallet_balances events (subset of pallet_balances::Event the lab emits).
import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';

const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'balances', name, data });

export const BALANCES_EVENTS = ['Endowed', 'DustLost', 'Transfer', 'Minted', 'Burned', 'Slashed', 'Held', 'Released',
  'Frozen', 'Thawed', 'Withdraw', 'Deposit'] as const;

export const balancesEvents = {
  endowed: (account: AccountId, freeBalance: Planck) => ev('Endowed', { account, freeBalance }),
  dustLost: (account: AccountId, amount: Planck) => ev('DustLost', { account, amount }),
  transfer: (from: AccountId, to: AccountId, amount: Planck) => ev('Transfer', { from, to, amount }),
  minted: (who: AccountId, amount: Planck) => ev('Minted', { who, amount }),
  burned: (who: AccountId, amount: Planck) => ev('Burned', { who, amount }),
  slashed: (who: AccountId, amount: Planck) => ev('Slashed', { who, amount }),
  held: (reason: string, who: AccountId, amount: Planck) => ev('Held', { reason, who, amount }),
  released: (reason: string, who: AccountId, amount: Planck) => ev('Released', { reason, who, amount }),
  frozen: (id: string, who: AccountId, amount: Planck) => ev('Frozen', { id, who, amount }),
  thawed: (id: string, who: AccountId) => ev('Thawed', { id, who }),
  withdraw: (who: AccountId, amount: Planck) => ev('Withdraw', { who, amount }),
  deposit: (who: AccountId, amount: Planck) => ev('Deposit', { who, amount }),
};
