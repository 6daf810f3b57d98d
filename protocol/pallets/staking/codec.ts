// Fast SCALE encoders of staking storage values and keys; registry type names in ./types.ts, byte equality
// with the registry proven in test/protocol/staking/codec.test.ts.
import type { AccountId } from '../../primitives/units.js';
import { accountId32, concat, encodeBool, encodeCompact, encodeU128, encodeU32, encodeU64, encodeVec } from '../../types/codecs.js';
import type { StakingLedger, UnlockChunk } from './ledger.js';
import type { ExposureOverview, ExposurePage, IndividualExposure } from './exposure.js';
import type { Nominations, RewardDestination, ValidatorPrefs, ActiveEraInfo, SlashingSpans, SpanRecord, ValidatorSlash, UnappliedSlash } from './storage.js';

const acc = (a: AccountId): Uint8Array => accountId32(a);
const compactU32 = (n: number): Uint8Array => encodeCompact(BigInt(n));

export const encodeUnlockChunk = (c: UnlockChunk): Uint8Array => concat([encodeCompact(c.value), compactU32(c.era)]);
export const encodeLedger = (l: StakingLedger): Uint8Array =>
  concat([acc(l.stash), encodeCompact(l.total), encodeCompact(l.active), encodeVec(l.unlocking, encodeUnlockChunk)]);
export const encodePayee = (p: RewardDestination): Uint8Array => Uint8Array.of(p === 'Staked' ? 0 : 1);
export const encodePrefs = (p: ValidatorPrefs): Uint8Array => concat([encodeCompact(p.commission), encodeBool(p.blocked)]);
export const encodeNominations = (n: Nominations): Uint8Array =>
  concat([encodeVec(n.targets, acc), encodeU32(n.submittedIn), encodeBool(n.suppressed)]);
export const encodeActiveEra = (a: ActiveEraInfo): Uint8Array => concat([encodeU32(a.index), encodeU64(BigInt(a.startMs))]);
export const encodeAccounts = (v: readonly AccountId[]): Uint8Array => encodeVec(v, acc);
export const encodeOverview = (o: ExposureOverview): Uint8Array =>
  concat([encodeCompact(o.total), encodeCompact(o.own), encodeU32(o.nominatorCount), encodeU32(o.pageCount)]);
const encodeIndividual = (x: IndividualExposure): Uint8Array => concat([acc(x.who), encodeCompact(x.value)]);
export const encodePage = (p: ExposurePage): Uint8Array => concat([encodeCompact(p.pageTotal), encodeVec(p.others, encodeIndividual)]);
export const encodeU32List = (v: readonly number[]): Uint8Array => encodeVec(v, encodeU32);
export const encodeSpans = (s: SlashingSpans): Uint8Array =>
  concat([encodeU32(s.spanIndex), encodeU32(s.lastStart), encodeU32(s.lastNonzeroSlash), encodeU32List(s.prior)]);
export const encodeSpanRecord = (r: SpanRecord): Uint8Array => concat([encodeU128(r.slashed), encodeU128(r.paidOut)]);
export const encodeValidatorSlash = (s: ValidatorSlash): Uint8Array => concat([encodeU32(Number(s.fraction)), encodeU128(s.amount)]);
export const encodeUnapplied = (u: UnappliedSlash): Uint8Array => concat([
  acc(u.validator), encodeU128(u.own), encodeVec(u.others, (o) => concat([acc(o[0]), encodeU128(o[1])])),
  encodeVec(u.reporters, acc), encodeU128(u.payout), encodeU32(u.slashEra)]);
export const encodeUnappliedList = (v: readonly UnappliedSlash[]): Uint8Array => encodeVec(v, encodeUnapplied);

// ---- composite keys: "era|stash" and "era|stash|page" (strings, so Map lookups stay cheap); encoded as
// u32 era ‖ AccountId32 (‖ u32 page), i.e. the chain's (era, stash[, page]) double/triple-map key material.
export const eraKey = (era: number, stash: AccountId): string => `${era}|${stash}`;
export const pageKey = (era: number, stash: AccountId, page: number): string => `${era}|${stash}|${page}`;
export function encodeEraKey(k: string): Uint8Array {
  const i = k.indexOf('|');
  return concat([encodeU32(Number(k.slice(0, i))), acc(k.slice(i + 1))]);
}
export function encodePageKey(k: string): Uint8Array {
  const i = k.indexOf('|');
  const j = k.lastIndexOf('|');
  return concat([encodeU32(Number(k.slice(0, i))), acc(k.slice(i + 1, j)), encodeU32(Number(k.slice(j + 1)))]);
}
/** Era-keyed values use a big-endian u32 key so that canonical key order is era order. */
export const encodeEraNumberKey = (era: number): Uint8Array => Uint8Array.of((era >>> 24) & 0xff, (era >>> 16) & 0xff, (era >>> 8) & 0xff, era & 0xff);
