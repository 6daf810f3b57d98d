// Public API of the emissions pallet.
export { Emissions, type EmissionsAccounts, type EmittedTo } from './pallet.js';
export { emissionsSection, emissionsFromScenario, type EmissionsConfig, type EmissionsSection } from './config.js';
export { halvingReward, splitBudget, nposEraPayout, nposAdjustment, pow2Neg, type BudgetSplit, type NposPayout } from './schedule.js';
export { EMISSIONS_EVENTS, emissionsEvents } from './events.js';
export { emissionsTypes, emissionsStorageTypes } from './types.js';
