// The fast hand-written SCALE encoders are byte-identical to @polkadot/types' toU8a() on many random values,
// and every registered call/event type round-trips through the registry.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { registry, STORAGE_TYPES } from '../../../protocol/types/index.js';
import { accountId32, encodeU128, encodeU32, encodeU64, encodeCompact, encodeText } from '../../../protocol/types/codecs.js';
import { encodeAccountData, encodeHolds } from '../../../protocol/pallets/balances/codec.js';
import { encodeSpend } from '../../../protocol/pallets/treasury/storage.js';

const reg = registry();
const hex = (b: Uint8Array) => u8aToHex(b);
const u128 = fc.bigInt(0n, (1n << 128n) - 1n);
const account = fc.oneof(fc.string(), fc.constantFrom('treasury', 'validator/12', 'pallet/grants', ''), fc.string({ unit: 'grapheme' }));

describe('fast codecs == registry.createType(...).toU8a()', () => {
  it('AccountId32 is blake2-256 of the UTF-8 id', () => {
    fc.assert(fc.property(account, (id) => {
      expect(hex(accountId32(id))).toBe(hex(blake2AsU8a(new TextEncoder().encode(id), 256)));
      expect(hex(reg.createType('AccountId32', accountId32(id)).toU8a())).toBe(hex(accountId32(id)));
    }), { numRuns: 300 });
  });
  it('u128, u64, u32, Compact, Text', () => {
    fc.assert(fc.property(u128, fc.bigInt(0n, (1n << 64n) - 1n), fc.nat({ max: 0xffffffff }), fc.string({ unit: 'grapheme' }), (a, b, c, t) => {
      expect(hex(encodeU128(a))).toBe(hex(reg.createType('u128', a).toU8a()));
      expect(hex(encodeU64(b))).toBe(hex(reg.createType('u64', b).toU8a()));
      expect(hex(encodeU32(c))).toBe(hex(reg.createType('u32', c).toU8a()));
      expect(hex(encodeCompact(a))).toBe(hex(reg.createType('Compact<u128>', a).toU8a()));
      expect(hex(encodeCompact(BigInt(c)))).toBe(hex(reg.createType('Compact<u32>', c).toU8a()));
      expect(hex(encodeText(t))).toBe(hex(reg.createType('Text', t).toU8a()));
    }), { numRuns: 500 });
  });
  it('BaiAccountData (balances.Account)', () => {
    fc.assert(fc.property(u128, u128, u128, (free, reserved, frozen) => {
      const v = { free, reserved, frozen };
      expect(hex(encodeAccountData(v))).toBe(hex(reg.createType(STORAGE_TYPES['balances.Account']!, v).toU8a()));
    }), { numRuns: 500 });
  });
  it('Vec<BaiIdAmount> (balances.Holds / Freezes)', () => {
    fc.assert(fc.property(fc.array(fc.record({ id: fc.string(), amount: u128 }), { maxLength: 8 }), (v) => {
      expect(hex(encodeHolds(v))).toBe(hex(reg.createType(STORAGE_TYPES['balances.Holds']!, v).toU8a()));
    }), { numRuns: 300 });
  });
  it('BaiApprovedSpend (treasury.Approvals items)', () => {
    fc.assert(fc.property(fc.nat({ max: 0xffffffff }), account, u128, (index, beneficiary, amount) => {
      const r = reg.createType('BaiApprovedSpend', { index, beneficiary: accountId32(beneficiary), amount });
      expect(hex(encodeSpend({ index, beneficiary, amount }))).toBe(hex(r.toU8a()));
    }), { numRuns: 300 });
  });
});

describe('SCALE round trips through the registry', () => {
  it('calls and events decode to what was encoded', () => {
    fc.assert(fc.property(account, u128, fc.boolean(), (dest, value, keepAlive) => {
      const call = reg.createType('BaiRuntimeCall', { Balances: { transfer_keep_alive: { dest: accountId32(dest), value } } });
      const back = reg.createType('BaiRuntimeCall', call.toU8a());
      expect(back.eq(call)).toBe(true);
      expect(hex(back.toU8a())).toBe(hex(call.toU8a()));
      const burn = reg.createType('BaiBalancesCall', { burn: { value, keep_alive: keepAlive } });
      expect((reg.createType('BaiBalancesCall', burn.toU8a()).toJSON() as { burn: { keep_alive: boolean } }).burn.keep_alive).toBe(keepAlive);
      const ev = reg.createType('BaiRuntimeEvent', { Balances: { Transfer: { from: accountId32(dest), to: accountId32('x'), amount: value } } });
      const evBack = reg.createType('BaiRuntimeEvent', ev.toU8a());
      expect(evBack.eq(ev)).toBe(true);
    }), { numRuns: 200 });
  });
  it('every registered storage type can be constructed (registry is complete for root items)', () => {
    for (const t of Object.values(STORAGE_TYPES)) expect(() => reg.createType(t)).not.toThrow();
  });
  it('Compact boundaries match the SUBSTRATE.md §6 vectors', () => {
    expect(hex(encodeCompact(1n))).toBe('0x04');
    expect(hex(encodeCompact(1n << 30n))).toBe('0x0300000040');
  });
});
