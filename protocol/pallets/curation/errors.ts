// Curation pallet errors.
import { palletErrors } from '../../primitives/dispatch.js';

export const CURATION_ERRORS = [
  'InvalidAmount',
  'BondTooSmall',      // below minCuratorBond
  'AlreadyCurator',
  'NotCurator',
  'NoPermit',          // not among the top maxVotingCurators curators by bond (Bittensor NeuronNoValidatorPermit)
  'TooManyCurators',   // maxCurators reached
  'TooManyScores',     // more than maxScoresPerCurator entries
  'ScoreOutOfRange',   // not an integer in [0, scoreMax]
  'UnsortedScores',    // model ids must be strictly increasing (canonical, no duplicates)
  'UnknownModel',
  'InsufficientBalance',
] as const;
export type CurationError = (typeof CURATION_ERRORS)[number];
export const fail = palletErrors('curation', CURATION_ERRORS);
