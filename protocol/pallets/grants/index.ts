// Public API of the grants pallet.
export { Grants, type GrantsAccounts } from './pallet.js';
export { grantsSection, grantsFromScenario, REMAINDER_RULES, type RemainderRule, type GrantsConfig, type GrantsSection } from './config.js';
export { GRANTS_ERRORS } from './errors.js';
export { GRANTS_EVENTS, grantsEvents, type EraDistribution } from './events.js';
export { grantsOnEraEnd } from './hooks.js';
export { grantsTypes, grantsStorageTypes } from './types.js';
export { GrantsStorage, type GrantsTotals } from './storage.js';
export { planEra, type EraPlan, type Payout, type Weighted } from './distribute.js';
export { apportion } from './apportion.js';
