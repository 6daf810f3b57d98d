// Auto payout sums each payee's shares by its position in the account order of bonded stashes and pays in that
// order. Expectation: the straightforward implementation it replaced (per-page tuples summed in a Map keyed by
// account, payees sorted each era), written out below from the pallet's public pieces, on random economies with
// pre-claimed pages, payee changes, stashes that left after the era (killed: no ledger, so nothing is minted),
// several pages per validator and account names whose order differs from insertion order. Same state root, same
// events in the same order, same stats.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Balances } from '../../../protocol/pallets/balances/index.js';
import type { Staking } from '../../../protocol/pallets/staking/index.js';
import { STAKING_FREEZE_ID } from '../../../protocol/pallets/staking/pallet.js';
import { eraKey, pageKey } from '../../../protocol/pallets/staking/codec.js';
import { claimablePages } from '../../../protocol/pallets/staking/exposure.js';
import { pagePayout, validatorPot } from '../../../protocol/pallets/staking/payout.js';
import { stakingEvents as E } from '../../../protocol/pallets/staking/events.js';
import * as L from '../../../protocol/pallets/staking/ledger.js';
import { jsonReplacer } from '../../../protocol/primitives/storage.js';
import { direct, type Direct } from './direct.js';

/** The previous autoPayout, step for step, over public storage and APIs. */
function referenceAutoPayout(st: Staking, balances: Balances, era: number): void {
  const s = st.storage;
  const reward = s.erasValidatorReward.get(era);
  if (reward === undefined || reward === 0n) return;
  const owed = new Map<string, bigint>();
  const add = (who: string, a: bigint) => { if (a > 0n) owed.set(who, (owed.get(who) ?? 0n) + a); };
  for (const v of s.erasElected.get(era) ?? []) {
    const k = eraKey(era, v);
    const overview = s.erasStakersOverview.get(k)!;
    const claimed = s.claimedRewards.get(k) ?? [];
    const pages = claimablePages(overview);
    if (claimed.length === pages) continue;
    const pot = validatorPot(reward, BigInt(s.erasRewardPoints.get(k) ?? 0), BigInt(s.erasTotalRewardPoints.get(era) ?? 0),
      s.erasValidatorPrefs.get(k)?.commission ?? 0n);
    const all: number[] = [];
    for (let p = 0; p < pages; p++) {
      all.push(p);
      if (claimed.includes(p)) continue;
      const pp = pagePayout(pot, overview, p, s.erasStakersPaged.get(pageKey(era, v, p)));
      add(v, pp.validator);
      for (const [who, a] of pp.nominators) add(who, a);
    }
    s.claimedRewards.set(k, all);
  }
  let paid = 0n;
  for (const who of [...owed.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const amount = owed.get(who)!;
    const dest = s.payee.get(who);
    const l = s.ledger.get(who);
    if (dest === undefined || l === undefined || !balances.exists(who)) continue;
    if (!balances.mint(who, amount).ok) continue;
    if (dest === 'Staked') st.updateLedger(L.bondExtra(l, amount));
    st.emit(E.rewarded(who, dest, amount));
    paid += amount;
  }
  if (paid > 0n) {
    s.erasRewardPaid.set(era, (s.erasRewardPaid.get(era) ?? 0n) + paid);
    const x = s.stats.get();
    s.stats.set({ ...x, rewardPaidPlanck: x.rewardPaidPlanck + paid });
  }
}

// Names chosen so that account order, insertion order and numeric order all differ.
const NAMES = ['zeta', 'Alpha', 'alpha', 'b', 'a1', 'a10', 'a2', 'é', 'Z', 'm/0', 'm/00', 'm0', 'q', 'Qq', '_', '~'];

interface Economy {
  validators: number[]; // indices into NAMES
  nominators: Array<{ name: number; bond: bigint; targets: number[]; staked: boolean }>;
  validatorBonds: bigint[];
  commissions: bigint[];
  pageSize: number;
  seats: number;
  reward: bigint;
  preClaim: Array<{ v: number; page: number }>;
  leave: number[];       // stakers (indices into all stakers) that unbond everything and withdraw after era 0
  flipPayee: number[];   // stakers whose payee flips after era 0
}

const economy = fc.uniqueArray(fc.integer({ min: 0, max: NAMES.length - 1 }), { minLength: 3, maxLength: NAMES.length })
  .chain((names) => fc.integer({ min: 1, max: Math.min(5, names.length - 1) }).chain((nv) => {
    const validators = names.slice(0, nv);
    const nominatorNames = names.slice(nv);
    const stakerCount = names.length;
    return fc.record({
      validators: fc.constant(validators),
      nominators: fc.tuple(...nominatorNames.map((name) => fc.record({
        name: fc.constant(name),
        bond: fc.bigInt({ min: 1n, max: 10n ** 21n }),
        targets: fc.uniqueArray(fc.constantFrom(...validators), { minLength: 1, maxLength: validators.length }),
        staked: fc.boolean(),
      }))),
      validatorBonds: fc.array(fc.bigInt({ min: 1n, max: 10n ** 21n }), { minLength: nv, maxLength: nv }),
      commissions: fc.array(fc.bigInt({ min: 0n, max: 1_000_000_000n }), { minLength: nv, maxLength: nv }),
      pageSize: fc.integer({ min: 1, max: 4 }),
      seats: fc.integer({ min: 1, max: nv }),
      reward: fc.bigInt({ min: 0n, max: 10n ** 24n }),
      preClaim: fc.array(fc.record({ v: fc.integer({ min: 0, max: nv - 1 }), page: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }),
      leave: fc.uniqueArray(fc.integer({ min: 0, max: stakerCount - 1 }), { maxLength: 3 }),
      flipPayee: fc.uniqueArray(fc.integer({ min: 0, max: stakerCount - 1 }), { maxLength: 3 }),
    });
  })) as fc.Arbitrary<Economy>;

/** Genesis, era 0 with points, then the changes after era 0 (claims, leavers, payee flips); era 0's reward unpaid. */
function build(e: Economy): Direct {
  const vNames = e.validators.map((i) => NAMES[i]!);
  const endowed: Array<[string, bigint]> = [
    ...vNames.map((n, i) => [n, e.validatorBonds[i]! * 2n] as [string, bigint]),
    ...e.nominators.map((n) => [NAMES[n.name]!, n.bond * 2n] as [string, bigint]),
  ];
  const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: e.seats, historyDepth: 4, bondingDurationEras: 0,
    autoPayout: false, maxExposurePageSize: e.pageSize }, endowed, [
    ...vNames.map((stash, i) => ({ stash, bondPlanck: e.validatorBonds[i]!, role: 'validator' as const, commission: e.commissions[i]!,
      payee: i % 2 === 0 ? 'Staked' as const : 'Stash' as const })),
    ...e.nominators.map((n) => ({ stash: NAMES[n.name]!, bondPlanck: n.bond, role: 'nominator' as const,
      targets: n.targets.map((t) => NAMES[t]!), payee: n.staked ? 'Staked' as const : 'Stash' as const })),
  ], { eraReward: e.reward });
  d.nextEra(); // era 0 ends: its reward is allocated
  const all = [...vNames, ...e.nominators.map((n) => NAMES[n.name]!)];
  for (const c of e.preClaim) d.call('bot', { name: 'payout_stakers', args: { validatorStash: vNames[c.v]!, era: 0, page: c.page } });
  for (const i of e.flipPayee) {
    const who = all[i]!;
    d.call(who, { name: 'set_payee', args: { payee: d.staking.storage.payee.get(who) === 'Staked' ? 'Stash' : 'Staked' } });
  }
  for (const i of e.leave) {
    const who = all[i]!;
    d.call(who, { name: 'chill', args: {} });
    d.call(who, { name: 'unbond', args: { value: d.staking.ledger(who)!.active } });
    d.call(who, { name: 'withdraw_unbonded', args: {} });
  }
  d.events.drain();
  return d;
}

const show = (x: unknown): string => JSON.stringify(x, jsonReplacer);

describe('autoPayout (payees by position in the staker order)', () => {
  it('equals the sort-the-payees implementation: root, events, stats, freezes', () => {
    fc.assert(fc.property(economy, (e) => {
      const a = build(e);
      const b = build(e);
      expect(a.root()).toBe(b.root());
      a.staking.autoPayout(0);
      referenceAutoPayout(b.staking, b.balances, 0);
      expect(show(a.events.drain())).toBe(show(b.events.drain()));
      expect(a.root()).toBe(b.root());
      expect(show(a.staking.stats())).toBe(show(b.staking.stats()));
      for (const who of [...a.staking.storage.ledger.keys()]) {
        expect(a.balances.balanceFrozen(STAKING_FREEZE_ID, who)).toBe(a.staking.ledger(who)!.total);
      }
      // Paying again pays nothing (every page claimed) in both.
      a.staking.autoPayout(0);
      referenceAutoPayout(b.staking, b.balances, 0);
      expect(a.root()).toBe(b.root());
    }), { numRuns: 150 });
  });

  it('pays a validator and its nominator in account order, hand-computed', () => {
    // v 'b' (own 1000, commission 0) with nominators 'a' (500, Stash) and 'c' (500, Staked); all points; reward 1000.
    // Perbill(1000/2000) * 1000 = 500 for b, Perbill(500/2000) * 1000 = 250 each for a and c: events a, b, c.
    const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 1, historyDepth: 4, autoPayout: false },
      [['c', 5000n], ['b', 5000n], ['a', 5000n]],
      [{ stash: 'b', bondPlanck: 1000n, role: 'validator', payee: 'Stash' },
       { stash: 'c', bondPlanck: 500n, role: 'nominator', targets: ['b'], payee: 'Staked' },
       { stash: 'a', bondPlanck: 500n, role: 'nominator', targets: ['b'], payee: 'Stash' }], { eraReward: 1000n });
    d.nextEra();
    d.events.drain();
    d.staking.autoPayout(0);
    const rewarded = d.events.drain().filter((x) => x.name === 'Rewarded').map((x) => [x.data.stash, x.data.amount]);
    expect(rewarded).toEqual([['a', 250n], ['b', 500n], ['c', 250n]]);
    expect(d.staking.ledger('c')!.active).toBe(750n);
    expect(d.staking.stats().rewardPaidPlanck).toBe(1000n);
  });
});
