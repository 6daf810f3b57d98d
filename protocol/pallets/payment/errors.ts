import { palletErrors } from '../../primitives/dispatch.js';
/** Transaction validity errors (TransactionValidityError in Substrate): the extrinsic is not included at all. */
export const PAYMENT_ERRORS = ['InabilityToPayFees', 'ExhaustsResources', 'InvalidTip'] as const;
export const fail = palletErrors('payment', PAYMENT_ERRORS);
