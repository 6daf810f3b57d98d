import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';
export const PAYMENT_EVENTS = ['TransactionFeePaid'] as const;
export const paymentEvents = {
  /** As pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, tip } (actual_fee includes the tip). */
  transactionFeePaid: (who: AccountId, actualFee: Planck, tip: Planck): RuntimeEvent =>
    ({ pallet: 'payment', name: 'TransactionFeePaid', data: { who, actualFee, tip } }),
};
