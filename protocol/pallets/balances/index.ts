// Public API of pallet_balances.
export { Balances, type Preservation, type Fortitude, type SlashOutcome } from './pallet.js';
export { BalancesStorage, ZERO_ACCOUNT, type AccountData, type IdAmount } from './storage.js';
export { balancesSection, balancesFromScenario, type BalancesConfig, type BalancesSection } from './config.js';
export { BALANCES_ERRORS, type BalancesError } from './errors.js';
export { BALANCES_EVENTS, balancesEvents } from './events.js';
export { dispatchBalances, BALANCES_CALL_WEIGHTS, type BalancesCall } from './calls.js';
export { balancesTypes, balancesStorageTypes } from './types.js';
export { encodeAccountData, encodeHolds } from './codec.js';
