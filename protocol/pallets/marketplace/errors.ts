// Marketplace pallet errors: a rejected call returns one of these and leaves state untouched (journal rollback).
import { palletErrors } from '../../primitives/dispatch.js';

export const MARKETPLACE_ERRORS = [
  'InvalidPrice',          // negative, non-bigint or above maxPrice
  'InvalidKind',           // kind is neither 'model' nor 'agent'
  'InvalidCid',            // not a CIDv1 with raw/dag-json codec and sha2-256/blake2b-256 multihash
  'InvalidAmount',         // negative or non-bigint amount
  'InvalidCount',          // a call count that is not a positive integer within maxCallsPerItem
  'TooManyModels',         // provider at maxModelsPerProvider
  'TooManyItems',          // batch longer than maxBatchItems, or empty
  'UnknownModel',
  'NotOwner',
  'NodeNotBonded',         // the model's provider has no AI node bonded at nodeMinBond: it cannot serve
  'BondTooSmall',          // node bond below nodeMinBond
  'AlreadyBonded',
  'NotBonded',
  'BelowStakeGate',        // consumer's access stake below the first tier
  'QuotaExceeded',         // this call would exceed the consumer's calls for the era
  'InsufficientBalance',   // cannot pay price + network fee (or hold a deposit/bond) keeping the account alive
  'ModelsStillRegistered', // a provider cannot unbond its node while it has models
] as const;
export type MarketplaceError = (typeof MARKETPLACE_ERRORS)[number];
export const fail = palletErrors('marketplace', MARKETPLACE_ERRORS);
