// Public API of pallet_transaction_payment.
export { Payment, type BlockUsage } from './pallet.js';
export { feesSection, feesFromScenario, type PaymentConfig, type FeesSection } from './config.js';
export { nextFeeMultiplier, MULTIPLIER_ONE, type MultiplierParams } from './multiplier.js';
export { computeFee, weightToFee, type FeeBreakdown } from './fee.js';
export { PAYMENT_ERRORS } from './errors.js';
export { PAYMENT_EVENTS, paymentEvents } from './events.js';
export { paymentTypes, paymentStorageTypes } from './types.js';
export type { FeeStats, FeePot } from './storage.js';
