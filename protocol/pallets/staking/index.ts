// Public API of pallet_staking.
export { Staking, STAKING_FREEZE_ID, ERA_POINTS_PER_BLOCK, type StakingDeps, type GenesisStaker, type OffenceReport } from './pallet.js';
export { StakingStorage, ZERO_STATS, type StakingStats, type RewardDestination, type ValidatorPrefs, type Nominations, type UnappliedSlash } from './storage.js';
export { stakingSection, stakingFromScenario, type StakingConfig, type StakingSection, type ElectionAlgorithm } from './config.js';
export { STAKING_ERRORS, type StakingError } from './errors.js';
export { stakingEvents } from './events.js';
export { dispatchStaking, STAKING_CALL_WEIGHTS, type StakingCall } from './calls.js';
export { stakingTypes, stakingStorageTypes } from './types.js';
export { seqPhragmen } from './election/phragmen.js';
export { phragmms } from './election/phragmms.js';
export type { StakingLedger, UnlockChunk } from './ledger.js';
export { InlineSolver, solveElection, type ElectionInput, type ElectionSolver } from './solver.js';
