// Curation storage: curators (bond, last era scored), their latest scores, their bonds (Yuma EMA) and the last
// epoch's consensus and incentive (public: lazy curators copy them, agents and KPIs read them).

import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { accountIdCodec, codec, concat, encodeCompact, encodeU128, encodeU32 } from '../../types/codecs.js';

export const NEVER = 0xffffffff;
export interface CuratorInfo { readonly bondPlanck: Planck; readonly lastScoredEra: number }
export interface Score { readonly modelId: number; readonly score: number }
/** Bonds and published consensus/incentive are Q = 2^24 shares (u32). */
export interface Bond { readonly modelId: number; readonly bond: number }
export interface ModelValue { readonly modelId: number; readonly value: number }
/**
 * A curator's stored scores, column-wise: model ids strictly increasing, raw u16 scores. Two number arrays per curator
 * instead of an object per entry (200 curators × 1,000 models live from one era to the next: a million long-lived
 * objects a week for the garbage collector otherwise). Encoded exactly as Vec<BaiScore>.
 */
export interface ScoreRow { readonly modelIds: readonly number[]; readonly scores: readonly number[] }
/** A curator's bonds (Q-shares), column-wise; encoded exactly as Vec<BaiBond>. */
export interface BondRow { readonly modelIds: readonly number[]; readonly bonds: readonly number[] }

export const encodeCuratorInfo = (c: CuratorInfo) => concat([encodeU128(c.bondPlanck), encodeU32(c.lastScoredEra)]);
/** Vec<(u32, uN)> written into one preallocated buffer (these vectors hold a curator's whole row: 1,000s of pairs). */
function encodePairs<T>(v: readonly T[], a: (t: T) => number, b: (t: T) => number, bBytes: 2 | 4): Uint8Array {
  const prefix = encodeCompact(BigInt(v.length));
  const out = new Uint8Array(prefix.length + v.length * (4 + bBytes));
  out.set(prefix, 0);
  let o = prefix.length;
  for (const t of v) {
    const x = a(t), y = b(t);
    out[o] = x & 0xff; out[o + 1] = (x >>> 8) & 0xff; out[o + 2] = (x >>> 16) & 0xff; out[o + 3] = (x >>> 24) & 0xff;
    out[o + 4] = y & 0xff; out[o + 5] = (y >>> 8) & 0xff;
    if (bBytes === 4) { out[o + 6] = (y >>> 16) & 0xff; out[o + 7] = (y >>> 24) & 0xff; }
    o += 4 + bBytes;
  }
  return out;
}
/** Vec<(u32, uN)> from two parallel columns, into one preallocated buffer. */
function encodeColumns(ids: readonly number[], vals: readonly number[], bBytes: 2 | 4): Uint8Array {
  const n = ids.length;
  if (vals.length !== n) throw new Error('curation: row columns differ in length');
  const prefix = encodeCompact(BigInt(n));
  const out = new Uint8Array(prefix.length + n * (4 + bBytes));
  out.set(prefix, 0);
  let o = prefix.length;
  for (let i = 0; i < n; i++) {
    const x = ids[i]!, y = vals[i]!;
    out[o] = x & 0xff; out[o + 1] = (x >>> 8) & 0xff; out[o + 2] = (x >>> 16) & 0xff; out[o + 3] = (x >>> 24) & 0xff;
    out[o + 4] = y & 0xff; out[o + 5] = (y >>> 8) & 0xff;
    if (bBytes === 4) { out[o + 6] = (y >>> 16) & 0xff; out[o + 7] = (y >>> 24) & 0xff; }
    o += 4 + bBytes;
  }
  return out;
}
export const encodeScoreRow = (r: ScoreRow) => encodeColumns(r.modelIds, r.scores, 2);
export const encodeBondRow = (r: BondRow) => encodeColumns(r.modelIds, r.bonds, 4);
export const encodeScores = (v: readonly Score[]) => encodePairs(v, (s) => s.modelId, (s) => s.score, 2);
export const encodeBonds = (v: readonly Bond[]) => encodePairs(v, (b) => b.modelId, (b) => b.bond, 4);
export const encodeModelValues = (v: readonly ModelValue[]) => encodePairs(v, (b) => b.modelId, (b) => b.value, 4);

export class CurationStorage {
  readonly curators: StorageMap<AccountId, CuratorInfo>;
  readonly scores: StorageMap<AccountId, ScoreRow>;
  readonly bonds: StorageMap<AccountId, BondRow>;
  readonly lastConsensus: StorageValue<readonly ModelValue[]>;
  readonly lastIncentive: StorageValue<readonly ModelValue[]>;

  constructor(journal: Journal) {
    this.curators = new StorageMap('curation.Curators', journal, accountIdCodec, codec(encodeCuratorInfo));
    this.scores = new StorageMap('curation.Scores', journal, accountIdCodec, codec(encodeScoreRow));
    this.bonds = new StorageMap('curation.Bonds', journal, accountIdCodec, codec(encodeBondRow));
    this.lastConsensus = new StorageValue('curation.LastConsensus', journal, [], codec(encodeModelValues));
    this.lastIncentive = new StorageValue('curation.LastIncentive', journal, [], codec(encodeModelValues));
  }
  rootItems() { return [this.curators, this.scores, this.bonds, this.lastConsensus, this.lastIncentive]; }
  snapshotItems() { return this.rootItems(); }
}
