export const paymentTypes = {
  BaiPaymentEvent: { _enum: { TransactionFeePaid: { who: 'AccountId32', actualFee: 'u128', tip: 'u128' } } },
  BaiFeePot: { burn: 'u128', author: 'u128', treasury: 'u128' },
} as const;
export const paymentStorageTypes = { 'payment.NextFeeMultiplier': 'u128' } as const; // FixedU128 inner = u128
