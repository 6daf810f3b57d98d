// Well-known pallet accounts (Substrate derives them from a PalletId; the lab names them). Genesis endows each with
// the existential deposit so per-block shares smaller than ED can always be deposited.
import type { AccountId } from './primitives/units.js';

export const TREASURY_ACCOUNT: AccountId = 'pallet/treasury';
export const GRANT_POOL_ACCOUNT: AccountId = 'pallet/grants';
/** Accounts genesis endows with ED. Other engineers append their pallet accounts here. */
export const PALLET_ACCOUNTS: readonly AccountId[] = [TREASURY_ACCOUNT, GRANT_POOL_ACCOUNT];
