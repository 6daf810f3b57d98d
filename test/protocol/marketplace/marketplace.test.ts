import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BAI, world } from './harness.js';
import { cidString, recordCid, callRecordData } from '../../../protocol/pallets/marketplace/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const META = cidString(utf8('{"name":"m"}'), 'dag-json', 'sha2-256');
const REQ = cidString(utf8('request'), 'raw', 'sha2-256');
const RES = cidString(utf8('response'), 'raw', 'blake2b-256');
const PRICE = BAI / 10n; // 0.1 BAI
const FEE = BAI / 1000n; // 0.001 BAI (default network fee)

/** provider "p" with a served model 0 at 0.1 BAI; consumer "c" with `stake` BAI staked for access. */
function market(stakeBai: bigint | null, section = {}) {
  const w = world(section);
  w.fund('p', 2000n * BAI); w.fund('c', 20_000n * BAI);
  expect(w.tx(() => w.mp.bondNode('p', 1000n * BAI)).ok).toBe(true);
  expect(w.tx(() => w.mp.registerModel('p', 'model', META, PRICE))).toEqual({ ok: true, value: 0 });
  if (stakeBai !== null) expect(w.tx(() => w.mp.stakeAccess('c', stakeBai * BAI)).ok).toBe(true);
  return w;
}

describe('paid call', () => {
  it('moves the price to the provider, splits the network fee 50/30/20 and stores the record hash', () => {
    const w = market(10n);
    const issuance = w.balances.totalIssuance();
    const [c, p, a, t] = ['c', 'p', 'author', 'treasury'].map((x) => w.balances.free(x));
    const r = w.tx(() => w.mp.callModel('c', 0, REQ, RES));
    expect(r.ok).toBe(true);
    expect(w.balances.free('c')).toBe(c! - PRICE - FEE);
    expect(w.balances.free('p')).toBe(p! + PRICE);
    expect(w.balances.free('author')).toBe(a! + (FEE * 3n) / 10n);
    expect(w.balances.free('treasury')).toBe(t! + (FEE * 2n) / 10n);
    expect(w.balances.totalIssuance()).toBe(issuance - FEE / 2n); // burn share
    expect(w.mp.revenue('p')).toBe(PRICE);
    expect(w.mp.callsUsed('c')).toBe(1);
    // The chain's hash is the digest of the record's CIDv1 (dag-json, blake2b-256).
    const cid = recordCid(callRecordData({ consumer: 'c', modelId: 0, requestCid: REQ, responseCid: RES, pricePlanck: PRICE,
      feePlanck: FEE, era: 0, index: 0n }));
    expect(r.ok && r.value).toBe('0x' + Buffer.from(cid.multihash.digest).toString('hex'));
    expect(w.mp.storage.recentRecords.get(0)).toBe(r.ok ? r.value : '');
  });

  it('refuses below the stake gate with a typed error and an unchanged state root', () => {
    const w = market(null);
    expect(w.tx(() => w.mp.stakeAccess('c', 9n * BAI)).ok).toBe(true); // gate is 10 BAI
    const before = w.root();
    expect(w.tx(() => w.mp.callModel('c', 0, REQ, RES))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'BelowStakeGate' } });
    expect(w.tx(() => w.mp.callsBatch('c', [{ modelId: 0, count: 3 }], REQ)).ok).toBe(false);
    expect(w.root()).toBe(before);
  });

  it('refuses above the quota (tier 10 BAI = 100 calls per era), state unchanged; a new era restores the quota', () => {
    const w = market(10n);
    expect(w.tx(() => w.mp.callsBatch('c', [{ modelId: 0, count: 99 }], REQ)).ok).toBe(true);
    expect(w.tx(() => w.mp.callModel('c', 0, REQ, RES)).ok).toBe(true); // the 100th
    const before = w.root();
    expect(w.tx(() => w.mp.callModel('c', 0, REQ, RES))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'QuotaExceeded' } });
    expect(w.tx(() => w.mp.callsBatch('c', [{ modelId: 0, count: 1 }], REQ)))
      .toEqual({ ok: false, error: { pallet: 'marketplace', error: 'QuotaExceeded' } });
    expect(w.root()).toBe(before);
    w.setEra(1);
    expect(w.tx(() => w.mp.callModel('c', 0, REQ, RES)).ok).toBe(true);
  });

  it('higher access stake reaches a higher tier', () => {
    const w = market(100n);
    expect(w.mp.quota('c')).toBe(1500);
    expect(w.tx(() => w.mp.callsBatch('c', [{ modelId: 0, count: 1500 }], REQ)).ok).toBe(true);
    expect(w.tx(() => w.mp.callModel('c', 0, REQ, RES)).ok).toBe(false);
  });

  it('refuses unserved models, bad CIDs, bad prices and unbonding with models', () => {
    const w = market(10n);
    w.fund('q', 100n * BAI);
    expect(w.tx(() => w.mp.registerModel('q', 'agent', META, PRICE)).ok).toBe(true); // q has no node
    const before = w.root();
    expect(w.tx(() => w.mp.callModel('c', 1, REQ, RES))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'NodeNotBonded' } });
    expect(w.tx(() => w.mp.callModel('c', 0, 'nope', RES))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'InvalidCid' } });
    expect(w.tx(() => w.mp.setPrice('p', 0, -1n))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'InvalidPrice' } });
    expect(w.tx(() => w.mp.setPrice('q', 0, 1n))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'NotOwner' } });
    expect(w.tx(() => w.mp.unbondNode('p'))).toEqual({ ok: false, error: { pallet: 'marketplace', error: 'ModelsStillRegistered' } });
    expect(w.root()).toBe(before);
  });

  it('the hold invariants catch books that disagree with balances', () => {
    const w = market(10n);
    expect(() => w.mp.checkInvariants(true)).not.toThrow();
    w.tx(() => w.balances.release('marketplace/access', 'c', 1n));
    expect(() => w.mp.checkInvariants(true)).toThrow(/access hold of c/);
  });

  it('deposit and node bond are held and released exactly', () => {
    const w = market(10n);
    expect(w.balances.balanceOnHold('marketplace/deposit', 'p')).toBe(10n * BAI);
    const free = w.balances.free('p');
    expect(w.tx(() => w.mp.deregisterModel('p', 0)).ok).toBe(true);
    expect(w.tx(() => w.mp.unbondNode('p')).ok).toBe(true);
    expect(w.balances.free('p')).toBe(free + 1010n * BAI);
    expect(w.balances.reserved('p')).toBe(0n);
  });
});

describe('aggregated calls_batch', () => {
  it('charges exactly what the same calls made one by one charge (balances, issuance, revenue, quota, QF tally)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ model: fc.integer({ min: 0, max: 2 }), count: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 17n }), { minLength: 3, maxLength: 3 }),
      fc.bigInt({ min: 0n, max: 10n ** 16n }),
      fc.bigInt({ min: 0n, max: 1_000_000_000n }), fc.bigInt({ min: 0n, max: 1_000_000_000n }),
      (items, prices, fee, b, a0) => {
        const a = a0 > 1_000_000_000n - b ? 1_000_000_000n - b : a0;
        const split = { burn: b, author: a, treasury: 1_000_000_000n - b - a };
        const feeText = (Number(fee) / 1e18).toFixed(18);
        const mk = () => {
          const w = world({ networkFee: feeText }, split);
          for (const who of ['p0', 'p1', 'p2']) {
            w.fund(who, 2000n * BAI);
            expect(w.tx(() => w.mp.bondNode(who, 1000n * BAI)).ok).toBe(true);
          }
          prices.forEach((pr, i) => expect(w.tx(() => w.mp.registerModel(`p${i}`, 'model', META, pr)).ok).toBe(true));
          w.fund('c', 100n * BAI);
          expect(w.tx(() => w.mp.stakeAccess('c', 10n * BAI)).ok).toBe(true);
          return w;
        };
        const one = mk(), many = mk();
        for (const it of items) for (let k = 0; k < it.count; k++) expect(one.tx(() => one.mp.callModel('c', it.model, REQ, RES)).ok).toBe(true);
        expect(many.tx(() => many.mp.callsBatch('c', items.map((i) => ({ modelId: i.model, count: i.count })), REQ)).ok).toBe(true);
        for (const who of ['c', 'p0', 'p1', 'p2', 'author', 'treasury']) {
          expect(many.balances.account(who)).toEqual(one.balances.account(who));
          expect(many.mp.revenue(who)).toBe(one.mp.revenue(who));
        }
        expect(many.balances.totalIssuance()).toBe(one.balances.totalIssuance());
        expect(many.mp.callsUsed('c')).toBe(one.mp.callsUsed('c'));
        expect(many.mp.callCount()).toBe(one.mp.callCount());
        expect([...many.mp.eraPaymentsByModel()]).toEqual([...one.mp.eraPaymentsByModel()]);
      }), { numRuns: 40 });
  });
});
