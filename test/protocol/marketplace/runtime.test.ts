// The marketplace, curation and grants pallets inside the runtime: extrinsics with fees, the grant pool filled by
// emissions every block and paid out at each era's last block, conservation checked after every block.
import { describe, expect, it } from 'vitest';
import { Runtime, runtimeConfigFromScenario, type Extrinsic } from '../../../protocol/runtime.js';
import { GRANT_POOL_ACCOUNT } from '../../../protocol/accounts.js';
import { cidString } from '../../../protocol/pallets/marketplace/index.js';
import { encodeEvent } from '../../../protocol/types/event-codec.js';
import { registry } from '../../../protocol/types/index.js';
import type { RuntimeEvent } from '../../../protocol/primitives/events.js';

const BAI = 10n ** 18n;
const ERA = 60;
const META = cidString(new TextEncoder().encode('model card'), 'dag-json', 'sha2-256');
const REQ = cidString(new TextEncoder().encode('req'), 'raw', 'sha2-256');

function make(rule: 'yuma' | 'mean' | 'quadratic' = 'yuma'): Runtime {
  const who = ['alice', 'bob', 'c1', 'c2', 'u1', 'u2'];
  return new Runtime(runtimeConfigFromScenario({ staking: { eraBlocks: ERA } as never, curation: { rule } }),
    { endowed: who.map((w) => ({ who: w, amountPlanck: 100_000n * BAI })) });
}

const xt = (signer: string, call: Extrinsic['call']): Extrinsic => ({ signer, call, lengthBytes: 120 });

describe('marketplace in the runtime', () => {
  it('registers, calls, pays grants from the emission-filled pool each era, conserving every planck', () => {
    const rt = make();
    const setup: Extrinsic[] = [
      xt('alice', { pallet: 'marketplace', name: 'bond_node', args: { amount: 1000n * BAI } }),
      xt('alice', { pallet: 'marketplace', name: 'register_model', args: { kind: 'model', metadataCid: META, price: BAI / 10n } }),
      xt('bob', { pallet: 'marketplace', name: 'bond_node', args: { amount: 1000n * BAI } }),
      xt('bob', { pallet: 'marketplace', name: 'register_model', args: { kind: 'agent', metadataCid: META, price: BAI / 20n } }),
      xt('c1', { pallet: 'curation', name: 'bond_curator', args: { amount: 300n * BAI } }),
      xt('c2', { pallet: 'curation', name: 'bond_curator', args: { amount: 100n * BAI } }),
      xt('u1', { pallet: 'marketplace', name: 'stake_access', args: { amount: 100n * BAI } }),
      xt('u2', { pallet: 'marketplace', name: 'stake_access', args: { amount: 5n * BAI } }), // below the 10 BAI gate
    ];
    let distributed = 0;
    const kinds = new Set<string>();
    const all: RuntimeEvent[] = [];
    for (let n = 1; n <= 2 * ERA; n++) {
      rt.initializeBlock(n, 'alice', n * 12_000);
      if (n === 1) for (const x of setup) expect(rt.applyExtrinsic(x)).toEqual({ ok: true, value: undefined });
      if (n % ERA === 2) {
        expect(rt.applyExtrinsic(xt('c1', { pallet: 'curation', name: 'set_scores', args: { scores: [{ modelId: 0, score: 3 }, { modelId: 1, score: 1 }] } })).ok).toBe(true);
        expect(rt.applyExtrinsic(xt('c2', { pallet: 'curation', name: 'set_scores', args: { scores: [{ modelId: 0, score: 1 }, { modelId: 1, score: 1 }] } })).ok).toBe(true);
      }
      if (n % 7 === 0) {
        expect(rt.applyExtrinsic(xt('u1', { pallet: 'marketplace', name: 'calls_batch', args: { items: [{ modelId: 0, count: 5 }, { modelId: 1, count: 2 }], bodiesCid: REQ } })).ok).toBe(true);
        // below the gate: included (fee paid), call refused with a typed error
        expect(rt.applyExtrinsic(xt('u2', { pallet: 'marketplace', name: 'call_model', args: { modelId: 0, requestCid: REQ, responseCid: REQ } })))
          .toEqual({ ok: false, error: { pallet: 'marketplace', error: 'BelowStakeGate' } });
      }
      const poolBefore = rt.grants.poolPlanck();
      rt.finalizeBlock();
      rt.checkInvariants();
      const events = rt.drainEvents();
      for (const ev of events) if (['marketplace', 'curation', 'grants'].includes(ev.pallet) && !kinds.has(ev.name)) { kinds.add(ev.name); all.push(ev); }
      const d = events.find((e) => e.pallet === 'grants' && e.name === 'EraDistributed');
      if (n % ERA === 0) {
        expect(d).toBeDefined();
        const v = d!.data as { poolPlanck: bigint; paidProvidersPlanck: bigint; paidCuratorsPlanck: bigint; carriedPlanck: bigint; toTreasuryPlanck: bigint };
        expect(v.poolPlanck).toBe(poolBefore);
        expect(v.paidProvidersPlanck + v.paidCuratorsPlanck + v.carriedPlanck + v.toTreasuryPlanck).toBe(v.poolPlanck);
        expect(v.paidProvidersPlanck > 0n && v.paidCuratorsPlanck > 0n).toBe(true);
        distributed++;
      } else expect(d).toBeUndefined();
    }
    expect(distributed).toBe(2);
    // every marketplace/curation/grants event kind of the run encodes through the registry (field names match types.ts)
    expect(kinds.size).toBeGreaterThanOrEqual(9);
    for (const ev of all) expect(encodeEvent(registry(), ev).length).toBeGreaterThan(0);
    const s = rt.stats;
    // every grant paid comes out of what emissions sent to the pool (the pool keeps its ED and any carried rest)
    const t = rt.grants.storage.totals.get();
    expect(t.providers + t.curators + t.treasury + rt.grants.poolPlanck() + rt.config.balances.existentialDepositPlanck)
      .toBe(s.emittedTo.grants + rt.config.balances.existentialDepositPlanck);
    expect(rt.balances.free(GRANT_POOL_ACCOUNT)).toBe(rt.config.balances.existentialDepositPlanck + rt.grants.poolPlanck());
    expect(rt.marketplace.revenue('alice')).toBe(17n * 5n * (BAI / 10n));
    expect(s.feesBurned + s.feesToAuthors + s.feesToTreasury).toBe(s.feesPaid + s.tipsPaid);
  });

  it('snapshot/restore round-trips the marketplace state (same state root)', () => {
    const rt = make('quadratic');
    rt.initializeBlock(1, 'alice', 12_000);
    rt.applyExtrinsic(xt('alice', { pallet: 'marketplace', name: 'bond_node', args: { amount: 1000n * BAI } }));
    rt.applyExtrinsic(xt('alice', { pallet: 'marketplace', name: 'register_model', args: { kind: 'model', metadataCid: META, price: BAI } }));
    rt.applyExtrinsic(xt('u1', { pallet: 'marketplace', name: 'stake_access', args: { amount: 10n * BAI } }));
    rt.applyExtrinsic(xt('u1', { pallet: 'marketplace', name: 'call_model', args: { modelId: 0, requestCid: REQ, responseCid: REQ } }));
    rt.finalizeBlock();
    const root = Buffer.from(rt.stateRoot()).toString('hex');
    const snap = JSON.parse(JSON.stringify(rt.snapshot(), (k, v) => (typeof v === 'bigint' ? { $n: v.toString() } : v)),
      (k, v) => (v && typeof v === 'object' && typeof v.$n === 'string' ? BigInt(v.$n) : v));
    const other = make('quadratic');
    other.restoreSnapshot(snap);
    expect(Buffer.from(other.stateRoot()).toString('hex')).toBe(root);
    expect(other.marketplace.callCount()).toBe(1n);
  });

  it('a calls_batch costs every account exactly what the same calls as single call_model extrinsics cost', () => {
    const items = [{ modelId: 0, count: 3 }, { modelId: 1, count: 2 }];
    const run = (batched: boolean) => {
      const rt = make();
      rt.initializeBlock(1, 'c1', 12_000);
      for (const x of [
        xt('alice', { pallet: 'marketplace', name: 'bond_node', args: { amount: 1000n * BAI } }),
        xt('alice', { pallet: 'marketplace', name: 'register_model', args: { kind: 'model', metadataCid: META, price: BAI / 7n } }),
        xt('bob', { pallet: 'marketplace', name: 'bond_node', args: { amount: 1000n * BAI } }),
        xt('bob', { pallet: 'marketplace', name: 'register_model', args: { kind: 'model', metadataCid: META, price: BAI / 3n } }),
        xt('u1', { pallet: 'marketplace', name: 'stake_access', args: { amount: 100n * BAI } }),
      ]) expect(rt.applyExtrinsic(x).ok).toBe(true);
      rt.finalizeBlock();
      rt.initializeBlock(2, 'c1', 24_000);
      const len = rt.config.marketplace.callLengthBytes;
      if (batched) {
        expect(rt.applyExtrinsic({ signer: 'u1', lengthBytes: len, call: { pallet: 'marketplace', name: 'calls_batch', args: { items, bodiesCid: REQ } } }).ok).toBe(true);
      } else {
        for (const it of items) for (let k = 0; k < it.count; k++) {
          expect(rt.applyExtrinsic({ signer: 'u1', lengthBytes: len,
            call: { pallet: 'marketplace', name: 'call_model', args: { modelId: it.modelId, requestCid: REQ, responseCid: REQ } } }).ok).toBe(true);
        }
      }
      rt.finalizeBlock();
      rt.checkInvariants();
      return rt;
    };
    const one = run(false), many = run(true);
    for (const who of ['u1', 'alice', 'bob', 'c1', 'pallet/treasury']) expect(many.balances.account(who)).toEqual(one.balances.account(who));
    expect(many.balances.totalIssuance()).toBe(one.balances.totalIssuance());
    expect(many.stats.feesPaid).toBe(one.stats.feesPaid);
    expect(many.stats.feesBurned).toBe(one.stats.feesBurned);
    expect(many.marketplace.callCount()).toBe(5n);
    // (the block's weight differs, so the NEXT block's fee multiplier may differ: aggregation is exact per block)
  });
});
