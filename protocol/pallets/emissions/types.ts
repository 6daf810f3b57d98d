export const emissionsTypes = {
  BaiEmissionsEvent: {
    _enum: {
      EraStakerReward: { era: 'u32', amount: 'u128' },
      NposEraPayout: { era: 'u32', stakers: 'u128', rest: 'u128' },
    },
  },
} as const;
export const emissionsStorageTypes = { 'emissions.Emitted': 'u128', 'emissions.PendingStakerReward': 'u128' } as const;
