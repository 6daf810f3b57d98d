// @polkadot/types definitions for curation calls, events and storage values.
export const curationTypes = {
  BaiCuratorInfo: { bond: 'u128', lastScoredEra: 'u32' },
  BaiScore: { modelId: 'u32', score: 'u16' },
  BaiBond: { modelId: 'u32', bond: 'u32' },
  BaiModelValue: { modelId: 'u32', value: 'u32' },
  BaiCurationCall: {
    _enum: {
      bond_curator: { amount: 'Compact<u128>' },
      unbond_curator: 'Null',
      set_scores: { scores: 'Vec<BaiScore>' },
    },
  },
  BaiCurationEvent: {
    _enum: {
      CuratorBonded: { who: 'AccountId32', bondPlanck: 'u128' },
      CuratorUnbonded: { who: 'AccountId32', bondPlanck: 'u128' },
      ScoresSet: { who: 'AccountId32', era: 'u32', entries: 'u32' },
      EpochRun: { era: 'u32', rule: 'Text', activeCurators: 'u32', scoredModels: 'u32' },
    },
  },
} as const;

export const curationStorageTypes = {
  'curation.Curators': 'BaiCuratorInfo',
  'curation.Scores': 'Vec<BaiScore>',
  'curation.Bonds': 'Vec<BaiBond>',
  'curation.LastConsensus': 'Vec<BaiModelValue>',
  'curation.LastIncentive': 'Vec<BaiModelValue>',
} as const;
