import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';
export const TREASURY_EVENTS = ['SpendApproved', 'Spending', 'Awarded', 'SpendFailed', 'Burnt', 'Rollover'] as const;
const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'treasury', name, data });
export const treasuryEvents = {
  spendApproved: (index: number, amount: Planck, beneficiary: AccountId) => ev('SpendApproved', { index, amount, beneficiary }),
  spending: (budgetRemaining: Planck) => ev('Spending', { budgetRemaining }),
  awarded: (index: number, award: Planck, account: AccountId) => ev('Awarded', { index, award, account }),
  spendFailed: (index: number) => ev('SpendFailed', { index }),
  burnt: (burntFunds: Planck) => ev('Burnt', { burntFunds }),
  rollover: (rolloverBalance: Planck) => ev('Rollover', { rolloverBalance }),
};
