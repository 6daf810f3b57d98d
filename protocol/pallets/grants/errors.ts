// Grants pallet errors (it has no extrinsics; errors name why a payout could not be made, in events and tests).
import { palletErrors } from '../../primitives/dispatch.js';

export const GRANTS_ERRORS = ['PayoutFailed'] as const;
export type GrantsError = (typeof GRANTS_ERRORS)[number];
export const fail = palletErrors('grants', GRANTS_ERRORS);
