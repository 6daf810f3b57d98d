// Staking's fast SCALE encoders are byte-identical to the @polkadot/types registry's toU8a().
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { u8aToHex } from '@polkadot/util';
import { registry, STORAGE_TYPES } from '../../../protocol/types/index.js';
import { accountId32 } from '../../../protocol/types/codecs.js';
import * as C from '../../../protocol/pallets/staking/codec.js';

const reg = registry();
const hex = (b: Uint8Array) => u8aToHex(b);
const u128 = fc.bigInt(0n, (1n << 128n) - 1n);
const u32 = fc.nat({ max: 0xffffffff });
const acct = fc.oneof(fc.string(), fc.constantFrom('validator/0001', 'nominator/00002', 'pallet/treasury'));
const perbill = fc.bigInt(0n, 1_000_000_000n);
const ty = (item: string) => STORAGE_TYPES[item]!;
const same = (item: string, fast: Uint8Array, regValue: unknown) => expect(hex(fast)).toBe(hex(reg.createType(ty(item), regValue).toU8a()));

describe('staking codecs == registry', () => {
  it('Ledger', () => {
    fc.assert(fc.property(acct, u128, u128, fc.array(fc.record({ value: u128, era: u32 }), { maxLength: 5 }), (stash, total, active, unlocking) => {
      same('staking.Ledger', C.encodeLedger({ stash, total, active, unlocking }), { stash: accountId32(stash), total, active, unlocking });
    }), { numRuns: 200 });
  });
  it('Payee, ValidatorPrefs, Nominations, ActiveEra', () => {
    fc.assert(fc.property(fc.constantFrom('Staked', 'Stash') as fc.Arbitrary<'Staked' | 'Stash'>, perbill, fc.boolean(), fc.array(acct, { maxLength: 16 }), u32,
      fc.nat({ max: Number.MAX_SAFE_INTEGER }), (payee, commission, blocked, targets, era, ms) => {
        same('staking.Payee', C.encodePayee(payee), payee);
        same('staking.Validators', C.encodePrefs({ commission, blocked }), { commission, blocked });
        same('staking.Nominators', C.encodeNominations({ targets, submittedIn: era, suppressed: blocked }),
          { targets: targets.map(accountId32), submittedIn: era, suppressed: blocked });
        same('staking.ActiveEra', C.encodeActiveEra({ index: era, startMs: ms }), { index: era, start: BigInt(ms) });
      }), { numRuns: 200 });
  });
  it('exposure overview and pages', () => {
    fc.assert(fc.property(u128, u128, u32, u32, u128, fc.array(fc.record({ who: acct, value: u128 }), { maxLength: 6 }), (total, own, nominatorCount, pageCount, pageTotal, others) => {
      same('staking.ErasStakersOverview', C.encodeOverview({ total, own, nominatorCount, pageCount }), { total, own, nominatorCount, pageCount });
      same('staking.ErasStakersPaged', C.encodePage({ pageTotal, others }), { pageTotal, others: others.map((o) => ({ who: accountId32(o.who), value: o.value })) });
    }), { numRuns: 200 });
  });
  it('slashing records', () => {
    fc.assert(fc.property(u32, u32, u32, fc.array(u32, { maxLength: 5 }), u128, u128, perbill, acct, fc.array(fc.tuple(acct, u128), { maxLength: 4 }), fc.array(acct, { maxLength: 3 }),
      (spanIndex, lastStart, lastNonzeroSlash, prior, a, b, fraction, v, others, reporters) => {
        same('staking.SlashingSpans', C.encodeSpans({ spanIndex, lastStart, lastNonzeroSlash, prior }), { spanIndex, lastStart, lastNonzeroSlash, prior });
        same('staking.SpanSlash', C.encodeSpanRecord({ slashed: a, paidOut: b }), { slashed: a, paidOut: b });
        same('staking.ValidatorSlashInEra', C.encodeValidatorSlash({ fraction, amount: a }), { fraction, amount: a });
        const u = { validator: v, own: a, others, reporters, payout: b, slashEra: spanIndex };
        same('staking.UnappliedSlashes', C.encodeUnappliedList([u]), [{ validator: accountId32(v), own: a,
          others: others.map(([w, x]) => [accountId32(w), x]), reporters: reporters.map(accountId32), payout: b, slashEra: spanIndex }]);
      }), { numRuns: 200 });
  });
  it('lists', () => {
    fc.assert(fc.property(fc.array(acct, { maxLength: 8 }), fc.array(u32, { maxLength: 8 }), (accs, pages) => {
      same('staking.SessionValidators', C.encodeAccounts(accs), accs.map(accountId32));
      same('staking.ClaimedRewards', C.encodeU32List(pages), pages);
    }), { numRuns: 200 });
  });
  it('calls and events round-trip through the runtime enums', () => {
    const call = reg.createType('BaiRuntimeCall', { Staking: { nominate: { targets: [accountId32('validator/0001')] } } });
    expect(reg.createType('BaiRuntimeCall', call.toU8a()).eq(call)).toBe(true);
    const ev = reg.createType('BaiRuntimeEvent', { Staking: { Rewarded: { stash: accountId32('n'), dest: 'Staked', amount: 5n } } });
    expect(reg.createType('BaiRuntimeEvent', ev.toU8a()).eq(ev)).toBe(true);
  });
});
