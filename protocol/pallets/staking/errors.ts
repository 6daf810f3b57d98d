// pallet_staking errors (names as pallet_staking::Error where the lab has the same check).
import { palletErrors } from '../../primitives/dispatch.js';

export const STAKING_ERRORS = [
  'NotStash',                  // no ledger for this account
  'AlreadyBonded',             // bond on an account that already has a ledger
  'InsufficientBond',          // below ED, MinNominatorBond or MinValidatorBond
  'InsufficientBalance',       // nothing free to bond
  'NoMoreChunks',              // MaxUnlockingChunks reached
  'NoUnlockChunk',             // rebond with nothing unlocking
  'EmptyTargets',
  'TooManyTargets',            // more than MaxNominations
  'BadTarget',                 // a target that is not a validator, or is blocked
  'CommissionTooLow',          // below MinCommission
  'InvalidCommission',         // not a Perbill (0..=1e9 parts)
  'InvalidEraToReward',        // era not ended, beyond HistoryDepth, or without reward
  'InvalidPage',
  'AlreadyClaimed',
  'InvalidAmount',             // negative or non-bigint amount in call arguments
  'NotSortedAndUnique',        // cancel_deferred_slash: slash indices repeated or out of range
] as const;
export type StakingError = (typeof STAKING_ERRORS)[number];
export const fail = palletErrors('staking', STAKING_ERRORS);
