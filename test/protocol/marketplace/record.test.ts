// The direct record encoders (one per call on the hot path) are byte-identical to the generic DAG-JSON encoder of the
// record's data, on random records (any Unicode in account ids and CIDs, u64-range indices, u128-range amounts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dagJsonEncode } from '../../../protocol/pallets/marketplace/cid.js';
import { batchRecordBytes, batchRecordData, callRecordBytes, callRecordData } from '../../../protocol/pallets/marketplace/record.js';

const text = fc.string({ unit: 'binary', maxLength: 24 });
const u32 = fc.nat({ max: 0xffffffff });
const u128 = fc.bigInt(0n, (1n << 128n) - 1n);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('record encoders == dagJsonEncode(record data)', () => {
  it('call records', () => {
    fc.assert(fc.property(text, u32, text, text, u128, u128, u32, fc.bigInt(0n, (1n << 64n) - 1n),
      (consumer, modelId, requestCid, responseCid, pricePlanck, feePlanck, era, index) => {
        const r = { consumer, modelId, requestCid, responseCid, pricePlanck, feePlanck, era, index };
        expect(hex(callRecordBytes(r))).toBe(hex(dagJsonEncode(callRecordData(r))));
      }), { numRuns: 500 });
  });
  it('batch records', () => {
    fc.assert(fc.property(text, fc.array(fc.record({ modelId: u32, count: u32 }), { maxLength: 8 }), text, u128, u128, u32,
      fc.bigInt(0n, (1n << 64n) - 1n), (consumer, items, bodiesCid, pricePlanck, feePlanck, era, firstIndex) => {
        const r = { consumer, items, bodiesCid, pricePlanck, feePlanck, era, firstIndex };
        expect(hex(batchRecordBytes(r))).toBe(hex(dagJsonEncode(batchRecordData(r))));
      }), { numRuns: 500 });
  });
  it('non-integers are refused as by the generic encoder', () => {
    const r = { consumer: 'c', items: [{ modelId: 1.5, count: 1 }], bodiesCid: 'x', pricePlanck: 1n, feePlanck: 1n, era: 0, firstIndex: 0n };
    expect(() => batchRecordBytes(r)).toThrow(/only integers/);
    expect(() => dagJsonEncode(batchRecordData(r))).toThrow(/only integers/);
  });
});
