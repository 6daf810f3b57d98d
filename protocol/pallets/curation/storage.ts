// Curation storage: curators (bond, last era scored), their latest scores, their bonds (Yuma EMA) and the last
// epoch's consensus and incentive (public: lazy curators copy them, agents and KPIs read them).

import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { accountIdCodec, codec, concat, encodeU128, encodeU32, encodeVec } from '../../types/codecs.js';

export const NEVER = 0xffffffff;
export interface CuratorInfo { readonly bondPlanck: Planck; readonly lastScoredEra: number }
export interface Score { readonly modelId: number; readonly score: number }
/** Bonds and published consensus/incentive are Q = 2^24 shares (u32). */
export interface Bond { readonly modelId: number; readonly bond: number }
export interface ModelValue { readonly modelId: number; readonly value: number }

const u16 = (v: number) => Uint8Array.of(v & 0xff, (v >>> 8) & 0xff);
export const encodeCuratorInfo = (c: CuratorInfo) => concat([encodeU128(c.bondPlanck), encodeU32(c.lastScoredEra)]);
export const encodeScores = (v: readonly Score[]) => encodeVec(v, (s) => concat([encodeU32(s.modelId), u16(s.score)]));
export const encodeBonds = (v: readonly Bond[]) => encodeVec(v, (b) => concat([encodeU32(b.modelId), encodeU32(b.bond)]));
export const encodeModelValues = (v: readonly ModelValue[]) => encodeVec(v, (b) => concat([encodeU32(b.modelId), encodeU32(b.value)]));

export class CurationStorage {
  readonly curators: StorageMap<AccountId, CuratorInfo>;
  readonly scores: StorageMap<AccountId, readonly Score[]>;
  readonly bonds: StorageMap<AccountId, readonly Bond[]>;
  readonly lastConsensus: StorageValue<readonly ModelValue[]>;
  readonly lastIncentive: StorageValue<readonly ModelValue[]>;

  constructor(journal: Journal) {
    this.curators = new StorageMap('curation.Curators', journal, accountIdCodec, codec(encodeCuratorInfo));
    this.scores = new StorageMap('curation.Scores', journal, accountIdCodec, codec(encodeScores));
    this.bonds = new StorageMap('curation.Bonds', journal, accountIdCodec, codec(encodeBonds));
    this.lastConsensus = new StorageValue('curation.LastConsensus', journal, [], codec(encodeModelValues));
    this.lastIncentive = new StorageValue('curation.LastIncentive', journal, [], codec(encodeModelValues));
  }
  rootItems() { return [this.curators, this.scores, this.bonds, this.lastConsensus, this.lastIncentive]; }
  snapshotItems() { return this.rootItems(); }
}
