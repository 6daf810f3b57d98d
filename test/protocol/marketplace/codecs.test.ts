// The marketplace, curation and grants storage encoders are byte-identical to @polkadot/types' toU8a().
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { u8aToHex } from '@polkadot/util';
import { registry, STORAGE_TYPES } from '../../../protocol/types/index.js';
import { accountId32 } from '../../../protocol/types/codecs.js';
import { encodeModelInfo, encodeCallsUsed, encodeCallLog } from '../../../protocol/pallets/marketplace/storage.js';
import { encodeCuratorInfo, encodeScores, encodeBonds, encodeModelValues, encodeScoreRow, encodeBondRow } from '../../../protocol/pallets/curation/storage.js';
import { encodeDistribution, encodeTotals } from '../../../protocol/pallets/grants/storage.js';

const reg = registry();
const hex = (b: Uint8Array) => u8aToHex(b);
const u128 = fc.bigInt(0n, (1n << 128n) - 1n);
const u32 = fc.nat({ max: 0xffffffff });
const enc = (type: string, v: unknown) => hex(reg.createType(type, v).toU8a());

describe('marketplace codecs == registry', () => {
  it('BaiModelInfo', () => {
    fc.assert(fc.property(fc.string(), fc.constantFrom('model', 'agent'), fc.string(), u128, u32, (owner, kind, cid, price, era) => {
      const m = { owner, kind: kind as 'model' | 'agent', metadataCid: cid, pricePlanck: price, registeredEra: era };
      expect(hex(encodeModelInfo(m))).toBe(enc(STORAGE_TYPES['marketplace.Models']!,
        { owner: accountId32(owner), kind: kind === 'model' ? 'Model' : 'Agent', metadataCid: cid, price, registeredEra: era }));
    }), { numRuns: 200 });
  });
  it('BaiCallsUsed, BaiCallLog', () => {
    fc.assert(fc.property(u32, fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.bigInt(0n, (1n << 64n) - 1n), fc.uint8Array({ minLength: 32, maxLength: 32 }),
      (era, calls, count, acc) => {
        expect(hex(encodeCallsUsed({ era, calls }))).toBe(enc('BaiCallsUsed', { era, calls }));
        expect(hex(encodeCallLog({ count, accumulator: hex(acc) }))).toBe(enc('BaiCallLog', { count, accumulator: acc }));
      }), { numRuns: 200 });
  });
});

describe('curation and grants codecs == registry', () => {
  it('BaiCuratorInfo, Vec<BaiScore>, Vec<BaiBond>, Vec<BaiModelValue>', () => {
    fc.assert(fc.property(u128, u32, fc.array(fc.record({ modelId: u32, score: fc.nat({ max: 65535 }) }), { maxLength: 6 }),
      fc.array(fc.record({ modelId: u32, bond: u32 }), { maxLength: 6 }), (bond, era, scores, bonds) => {
        expect(hex(encodeCuratorInfo({ bondPlanck: bond, lastScoredEra: era }))).toBe(enc('BaiCuratorInfo', { bond, lastScoredEra: era }));
        expect(hex(encodeScores(scores))).toBe(enc(STORAGE_TYPES['curation.Scores']!, scores));
        expect(hex(encodeBonds(bonds))).toBe(enc(STORAGE_TYPES['curation.Bonds']!, bonds));
        // the stored, column-wise rows encode as the same vectors
        expect(hex(encodeScoreRow({ modelIds: scores.map((s) => s.modelId), scores: scores.map((s) => s.score) })))
          .toBe(enc(STORAGE_TYPES['curation.Scores']!, scores));
        expect(hex(encodeBondRow({ modelIds: bonds.map((b) => b.modelId), bonds: bonds.map((b) => b.bond) })))
          .toBe(enc(STORAGE_TYPES['curation.Bonds']!, bonds));
        const mv = bonds.map((b) => ({ modelId: b.modelId, value: b.bond }));
        expect(hex(encodeModelValues(mv))).toBe(enc(STORAGE_TYPES['curation.LastConsensus']!, mv));
      }), { numRuns: 200 });
  });
  it('BaiEraDistribution, BaiGrantsTotals', () => {
    fc.assert(fc.property(u32, u128, u128, u128, u128, u128, (era, a, b, c, d, e) => {
      const dist = { era, poolPlanck: a, paidProvidersPlanck: b, paidCuratorsPlanck: c, toTreasuryPlanck: d, carriedPlanck: e };
      expect(hex(encodeDistribution(dist))).toBe(enc('BaiEraDistribution', dist));
      expect(hex(encodeTotals({ providers: a, curators: b, treasury: c, eras: era }))).toBe(enc('BaiGrantsTotals', { providers: a, curators: b, treasury: c, eras: era }));
    }), { numRuns: 200 });
  });
  it('runtime call enum round-trips a calls_batch', () => {
    const call = reg.createType('BaiRuntimeCall', { Marketplace: { calls_batch: { items: [{ modelId: 3, count: 7 }], bodiesCid: 'bafk' } } });
    expect(reg.createType('BaiRuntimeCall', call.toU8a()).eq(call)).toBe(true);
  });
});

describe('marketplace hex helpers', () => {
  it('bytesToHex is 0x + @noble/hashes bytesToHex, and hexToBytes inverts it', async () => {
    const { bytesToHex: noble } = await import('@noble/hashes/utils');
    const { bytesToHex, hexToBytes } = await import('../../../protocol/pallets/marketplace/storage.js');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
      expect(bytesToHex(b)).toBe('0x' + noble(b));
      expect(hex(hexToBytes(bytesToHex(b)))).toBe(hex(b));
    }), { numRuns: 300 });
  });
});
