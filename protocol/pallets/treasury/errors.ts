import { palletErrors } from '../../primitives/dispatch.js';
export const TREASURY_ERRORS = ['TooManyApprovals', 'InvalidAmount'] as const;
export const fail = palletErrors('treasury', TREASURY_ERRORS);
