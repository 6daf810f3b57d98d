// pallet_balances errors (names follow pallet_balances::Error and the fungible TokenError the extrinsics surface).
import { palletErrors } from '../../primitives/dispatch.js';

export const BALANCES_ERRORS = [
  'InsufficientBalance',   // amount exceeds free balance
  'LiquidityRestrictions', // amount would dip into frozen funds
  'Expendability',         // would take the account below ED under Preserve/Protect (or it has consumers)
  'ExistentialDeposit',    // would create an account below ED
  'DeadAccount',           // operation needs an existing account
  'TooManyHolds',
  'TooManyFreezes',
  'InsufficientHold',      // release/slash/burn of more than is held for that reason
  'Overflow',
  'InvalidAmount',         // a negative or non-integer amount in call arguments
] as const;
export type BalancesError = (typeof BALANCES_ERRORS)[number];
export const fail = palletErrors('balances', BALANCES_ERRORS);
