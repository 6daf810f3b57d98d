import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BAI, ED, economy } from './harness.js';
import { Q } from '../../../protocol/pallets/curation/index.js';

const REQ = 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e';

describe('era distribution under Yuma (hand-computed)', () => {
  it('pays providers by clipped incentive and curators by dividends, 50/50, exactly', () => {
    const e = economy();
    const [m0] = e.provider('alice');
    const [m1] = e.provider('bob');
    e.curator('c1', 300n); e.curator('c2', 100n);
    // c1 (75% of stake) scores alice 3 : bob 1 ; c2 scores alice 1 : bob 1 -> W c1 [.75,.25], c2 [.5,.5]
    e.tx(() => e.cur.setScores('c1', [{ modelId: m0!, score: 3 }, { modelId: m1!, score: 1 }]));
    e.tx(() => e.cur.setScores('c2', [{ modelId: m0!, score: 1 }, { modelId: m1!, score: 1 }]));
    e.fund('grants/pool', 1000n * BAI);
    const d = e.gr.onEraEnd(0);
    // κ = .5: C = [.75 (c1 alone holds 75%), .25 (c2's .5 on bob is backed by 25% only: clipped to .25)].
    // W̄ = c1 [.75,.25], c2 [.5,.25]; R = [.6875, .25]; I = [11/15, 4/15]: alice 500·11/15, bob 500·4/15.
    // ΔB col0 = [.5625,.125]/.6875 = [9/11, 2/11]; col1 = [.1875,.0625]/.25 = [.75,.25]
    // D = [9/11·11/15 + .75·4/15, 2/11·11/15 + .25·4/15] = [12/15, 3/15] -> c1 400 BAI, c2 100 BAI
    const close = (x: bigint | undefined, num: bigint, den: bigint) => {
      const exact = (num * BAI) / den;
      // shares are 2^-24 fixed point: within 32 share units of the 500 BAI part (~1e-6 BAI)
      expect(x! > exact ? x! - exact : exact - x!).toBeLessThan((500n * BAI * 32n) / 16_777_216n);
    };
    expect(d.poolPlanck).toBe(1000n * BAI);
    close(e.gr.storage.providerGrants.get('alice'), 5500n, 15n);
    close(e.gr.storage.providerGrants.get('bob'), 2000n, 15n);
    close(e.gr.storage.curatorDividends.get('c1'), 400n, 1n);
    close(e.gr.storage.curatorDividends.get('c2'), 100n, 1n);
    expect(e.gr.storage.providerGrants.get('alice')! + e.gr.storage.providerGrants.get('bob')!).toBe(500n * BAI);
    expect(e.gr.storage.curatorDividends.get('c1')! + e.gr.storage.curatorDividends.get('c2')!).toBe(500n * BAI);
    expect(d.carriedPlanck).toBe(0n);
    expect(e.balances.free('grants/pool')).toBe(ED);
  });

  it('without active curators the whole pool is carried (or sent to the treasury)', () => {
    for (const remainder of ['carry', 'treasury'] as const) {
      const e = economy({}, { remainder });
      e.provider('alice');
      e.curator('c1', 100n); // bonded but never scores
      e.fund('grants/pool', 7n * BAI);
      const t0 = e.balances.free('treasury');
      const d = e.gr.onEraEnd(0);
      expect(d.paidProvidersPlanck + d.paidCuratorsPlanck).toBe(0n);
      if (remainder === 'carry') { expect(d.carriedPlanck).toBe(7n * BAI); expect(e.gr.poolPlanck()).toBe(7n * BAI); }
      else { expect(d.toTreasuryPlanck).toBe(7n * BAI); expect(e.balances.free('treasury')).toBe(t0 + 7n * BAI); }
    }
  });

  it('a curator inactive for longer than the cutoff stops voting but its bonds keep earning while they decay', () => {
    const e = economy();
    const [m0] = e.provider('alice');
    e.curator('c1', 100n); e.curator('c2', 100n);
    e.tx(() => e.cur.setScores('c1', [{ modelId: m0!, score: 1 }]));
    e.tx(() => e.cur.setScores('c2', [{ modelId: m0!, score: 1 }]));
    e.fund('grants/pool', 100n * BAI);
    e.gr.onEraEnd(0);
    e.setEra(1);
    e.tx(() => e.cur.setScores('c1', [{ modelId: m0!, score: 1 }])); // c2 idle in era 1
    expect(e.cur.isActive('c2', 1)).toBe(false);
    e.fund('grants/pool', 100n * BAI);
    e.gr.onEraEnd(1);
    // bonds after era 1: c1 .1*1 + .9*.5 = .55, c2 .45 -> dividends split 55/45 of 50 BAI
    const b = e.cur.storage.bonds.get('c2')!.bonds[0]!;
    expect(Math.abs(b - (Q * 45) / 100)).toBeLessThanOrEqual(16);
    const got = e.gr.storage.curatorDividends.get('c2')!, want = 25n * BAI + (50n * BAI * 45n) / 100n;
    expect(got > want ? got - want : want - got).toBeLessThan((50n * BAI * 16n) / 16_777_216n);
  });
});

describe('voting permits (Bittensor max_allowed_validators)', () => {
  it('hasPermit == membership in the top maxVotingCurators by (bond desc, canonical account order), ties included', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(100n, 150n, 200n, 300n), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 14 }),
      (bonds, max) => {
        const e = economy({ maxVotingCurators: max });
        bonds.forEach((b, i) => e.curator(`c${i}`, b));
        const keys = e.cur.storage.curators.sortedKeysList();
        const ranked = keys.map((k, i) => ({ k, i, b: e.cur.bond(k) })).sort((x, y) => (x.b > y.b ? -1 : x.b < y.b ? 1 : x.i - y.i));
        const top = new Set(ranked.slice(0, max).map((x) => x.k));
        for (const k of keys) expect(e.cur.hasPermit(k)).toBe(top.has(k));
        expect(e.cur.hasPermit('nobody')).toBe(false);
      }), { numRuns: 150 });
  });
  it('only the top maxVotingCurators by bond may score; the others are refused and earn nothing', () => {
    const e = economy({ maxVotingCurators: 2 });
    const [m0] = e.provider('alice');
    e.curator('big', 300n); e.curator('mid', 200n); e.curator('small', 100n);
    expect([e.cur.hasPermit('big'), e.cur.hasPermit('mid'), e.cur.hasPermit('small')]).toEqual([true, true, false]);
    e.tx(() => e.cur.setScores('big', [{ modelId: m0!, score: 1 }]));
    e.tx(() => e.cur.setScores('mid', [{ modelId: m0!, score: 1 }]));
    const before = e.root();
    expect(e.journal.transactional(() => e.cur.setScores('small', [{ modelId: m0!, score: 1 }])))
      .toEqual({ ok: false, error: { pallet: 'curation', error: 'NoPermit' } });
    expect(e.root()).toBe(before);
    e.fund('grants/pool', 100n * BAI);
    e.gr.onEraEnd(0);
    expect(e.gr.storage.curatorDividends.get('small')).toBeUndefined();
    const big = e.gr.storage.curatorDividends.get('big')!, mid = e.gr.storage.curatorDividends.get('mid')!;
    expect(big + mid).toBe(50n * BAI); // bonds by stake 3:2 -> 30 and 20 BAI (within share rounding)
    expect(big > 29n * BAI && big < 31n * BAI).toBe(true);
  });
});

describe('quadratic rule', () => {
  it('matches providers by (Σ√c)² − Σc over this era\'s consumer payments', () => {
    const e = economy({ rule: 'quadratic' }, { providerShare: 1 });
    const [m0] = e.provider('alice', 1, BAI); // 1 BAI per call
    const [m1] = e.provider('bob', 1, BAI);
    for (const c of ['u1', 'u2', 'u3', 'u4']) e.consumer(c);
    // alice: four consumers pay 1 BAI each -> (4·1)² − 4 = 12 ; bob: u1 pays 4 BAI, u2 1 BAI -> (2+1)² − 5 = 4
    for (const c of ['u1', 'u2', 'u3', 'u4']) e.tx(() => e.mp.callModel(c, m0!, REQ, REQ));
    e.tx(() => e.mp.callsBatch('u1', [{ modelId: m1!, count: 4 }], REQ));
    e.tx(() => e.mp.callModel('u2', m1!, REQ, REQ));
    e.fund('grants/pool', 160n * BAI);
    const d = e.gr.onEraEnd(0);
    expect(e.gr.storage.providerGrants.get('alice')).toBe(120n * BAI); // 160 * 12/16
    expect(e.gr.storage.providerGrants.get('bob')).toBe(40n * BAI);
    expect(d.carriedPlanck).toBe(0n);
    expect(e.mp.storage.eraPayments.size).toBe(0); // the tally restarts each era
  });
});

describe('grant pool accounting', () => {
  it('paid + to treasury + carried == pool every era, and the pool account holds exactly the carried part', () => {
    fc.assert(fc.property(
      fc.constantFrom('yuma', 'mean', 'quadratic'), fc.constantFrom('carry', 'treasury'),
      fc.integer({ min: 0, max: 1_000_000_000 }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 }),   // models per provider
      fc.array(fc.record({ bond: fc.bigInt({ min: 100n, max: 5000n }),
        scores: fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 12 }), idle: fc.boolean() }), { maxLength: 5 }),
      fc.array(fc.bigInt({ min: 0n, max: 10n ** 24n }), { minLength: 1, maxLength: 3 }), // pool top-up per era
      fc.array(fc.record({ model: fc.nat(), n: fc.integer({ min: 1, max: 5 }) }), { maxLength: 6 }),
      (rule, remainder, share, providers, curators, pools, calls) => {
        const e = economy({ rule }, { remainder, providerShare: share / 1e9 });
        const ids = providers.flatMap((n, i) => e.provider(`p${i}`, n));
        curators.forEach((c, i) => e.curator(`c${i}`, c.bond));
        e.consumer('u');
        pools.forEach((top, era) => {
          e.setEra(era);
          curators.forEach((c, i) => {
            if (c.idle && era > 0) return;
            const s = c.scores.slice(0, ids.length).map((score, j) => ({ modelId: ids[j]!, score }));
            e.tx(() => e.cur.setScores(`c${i}`, s));
          });
          if (ids.length > 0) for (const c of calls) e.tx(() => e.mp.callsBatch('u', [{ modelId: ids[c.model % ids.length]!, count: c.n }], REQ));
          if (top > 0n) e.fund('grants/pool', top);
          const issuance = e.balances.totalIssuance();
          const pool = e.gr.poolPlanck();
          const t0 = e.balances.free('treasury');
          const d = e.gr.onEraEnd(era);
          expect(d.poolPlanck).toBe(pool);
          expect(d.paidProvidersPlanck + d.paidCuratorsPlanck + d.toTreasuryPlanck + d.carriedPlanck).toBe(pool);
          expect(e.gr.poolPlanck()).toBe(d.carriedPlanck);
          expect(e.balances.free('treasury')).toBe(t0 + d.toTreasuryPlanck);
          if (remainder === 'treasury') expect(d.carriedPlanck).toBe(0n);
          expect(e.balances.totalIssuance()).toBe(issuance); // distribution moves planck, never mints or burns
        });
        const t = e.gr.storage.totals.get();
        let received = 0n;
        for (const v of e.gr.storage.providerGrants.values()) received += v;
        for (const v of e.gr.storage.curatorDividends.values()) received += v;
        expect(received).toBe(t.providers + t.curators);
      }), { numRuns: 60 });
  });
});
