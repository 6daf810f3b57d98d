// Public API of the treasury pallet.
export { Treasury, TREASURY_CALL_WEIGHTS, type TreasuryCall } from './pallet.js';
export { treasurySection, treasuryFromScenario, type TreasuryConfig, type TreasurySection } from './config.js';
export { TREASURY_ERRORS } from './errors.js';
export { TREASURY_EVENTS, treasuryEvents } from './events.js';
export { treasuryTypes, treasuryStorageTypes } from './types.js';
export type { ApprovedSpend } from './storage.js';
