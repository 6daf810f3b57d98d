import { describe, expect, it } from 'vitest';
import { pagePayout, validatorPot } from '../../../protocol/pallets/staking/payout.js';
import { intoPages } from './exposure-reference.js';
import { direct } from './direct.js';

// Hand-computed era: reward R = 1_000_000_007 planck; points A = 60, B = 40 (total 100); A's commission 10%;
// A's exposure: own 300, n1 500, n2 200 (total 1000).
//   V_total   = Perbill(60/100) * R = 0.6 * 1_000_000_007 = 600_000_004.2 -> 600_000_004 (nearest)
//   commission = 10% * 600_000_004 = 60_000_000.4 -> 60_000_000 ; leftover = 540_000_004
//   validator: Perbill(300/1000) * leftover = 162_000_001.2 -> 162_000_001, plus Perbill(1000/1000) * commission
//              = 60_000_000 -> 222_000_001
//   n1: 0.5 * 540_000_004 = 270_000_002 ; n2: 0.2 * 540_000_004 = 108_000_000.8 -> 108_000_001
//   Σ = 600_000_004 = V_total (no dust here).
// With pages of one nominator: page 0 pays the validator 162_000_001 + 0.8 * 60_000_000 = 210_000_001 and n1;
// page 1 pays the validator 0.2 * 60_000_000 = 12_000_000 and n2.
describe('payout split (hand-computed era)', () => {
  const pot = validatorPot(1_000_000_007n, 60n, 100n, 100_000_000n);
  it('validator pot, commission, leftover', () => {
    expect(pot).toEqual({ total: 600_000_004n, commission: 60_000_000n, leftover: 540_000_004n });
  });
  it('one page', () => {
    const { overview, pages } = intoPages(300n, 1000n, [{ who: 'n1', value: 500n }, { who: 'n2', value: 200n }], 512);
    expect(pagePayout(pot, overview, 0, pages[0])).toEqual({ validator: 222_000_001n, nominators: [['n1', 270_000_002n], ['n2', 108_000_001n]] });
  });
  it('two pages of one nominator each', () => {
    const { overview, pages } = intoPages(300n, 1000n, [{ who: 'n1', value: 500n }, { who: 'n2', value: 200n }], 1);
    expect(overview.pageCount).toBe(2);
    expect(pagePayout(pot, overview, 0, pages[0])).toEqual({ validator: 210_000_001n, nominators: [['n1', 270_000_002n]] });
    expect(pagePayout(pot, overview, 1, pages[1])).toEqual({ validator: 12_000_000n, nominators: [['n2', 108_000_001n]] });
  });
  it('rounding dust stays unminted: thirds', () => {
    // R = 100, one validator with all points, no commission, own 1, nominators 1 and 1 (total 3):
    // Perbill(1/3) = 333_333_333 -> 333_333_333 * 100 / 1e9 = 33.33 -> 33 each: 99 paid, 1 planck dust.
    const p = validatorPot(100n, 20n, 20n, 0n);
    const { overview, pages } = intoPages(1n, 3n, [{ who: 'a', value: 1n }, { who: 'b', value: 1n }], 512);
    expect(pagePayout(p, overview, 0, pages[0])).toEqual({ validator: 33n, nominators: [['a', 33n], ['b', 33n]] });
  });
});

describe('payout_stakers through the pallet', () => {
  const setup = () => direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 2, historyDepth: 3, autoPayout: false, maxExposurePageSize: 1 },
    [['v1', 10_000n], ['v2', 10_000n], ['n1', 10_000n]],
    [{ stash: 'v1', bondPlanck: 1000n, role: 'validator', commission: 100_000_000n, payee: 'Stash' },
     { stash: 'v2', bondPlanck: 1000n, role: 'validator', payee: 'Stash' },
     { stash: 'n1', bondPlanck: 500n, role: 'nominator', targets: ['v1'], payee: 'Staked' }], { eraReward: 1_000_000n });
  it('pays each page once, within history depth; errors leave state untouched', () => {
    const d = setup();
    d.nextEra(); // era 0 ended: reward 1_000_000 allocated
    const root = d.root();
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 1, page: 0 } })).toEqual({ ok: false, error: { pallet: 'staking', error: 'InvalidEraToReward' } });
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 0, page: 2 } })).toEqual({ ok: false, error: { pallet: 'staking', error: 'InvalidPage' } });
    expect(d.root()).toBe(root);
    // Era 0: blocks 1 and 2 authored by set[n % 2]: v2 (block 2) and v1 (block 1): 20 points each.
    // v1 pot = 500_000; commission 10% = 50_000; leftover 450_000. Exposure v1: own 1000, n1 500 (total 1500), one
    // page (page 0 carries own and n1). Validator: Perbill(1000/1500) = 666_666_666 * 450_000 = 299_999.9997 -> 300_000,
    // plus Perbill(1500/1500) * 50_000 = 50_000. n1: Perbill(500/1500) = 333_333_333 * 450_000 = 149_999.99985 -> 150_000.
    const v1Before = d.balances.free('v1');
    const nActive = d.staking.ledger('n1')!.active;
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 0, page: 0 } }).ok).toBe(true);
    expect(d.balances.free('v1') - v1Before).toBe(350_000n);
    expect(d.staking.ledger('n1')!.active - nActive).toBe(150_000n); // payee Staked: minted and bonded
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 0, page: 0 } })).toEqual({ ok: false, error: { pallet: 'staking', error: 'AlreadyClaimed' } });
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 0, page: 1 } })).toEqual({ ok: false, error: { pallet: 'staking', error: 'InvalidPage' } });
    d.balances.checkInvariants(); d.staking.checkInvariants();
  });
  it('rewards not claimed within history depth expire and are accounted', () => {
    const d = setup();
    for (let i = 0; i < 5; i++) d.nextEra(); // eras 0..4 ended; era 0 and 1 expired (history depth 3)
    const st = d.staking.stats();
    expect(st.rewardAllocatedPlanck).toBe(5_000_000n);
    expect(st.rewardPaidPlanck).toBe(0n);
    expect(st.rewardExpiredPlanck).toBe(2_000_000n);
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 1, page: 0 } }).ok).toBe(false);
    expect(d.call('x', { name: 'payout_stakers', args: { validatorStash: 'v1', era: 2, page: 0 } }).ok).toBe(true);
  });
  it('autoPayout pays exactly what claiming every page pays', () => {
    const a = setup();
    a.nextEra();
    for (const [v, pages] of [['v1', 1], ['v2', 1]] as const) for (let p = 0; p < pages; p++) a.call('x', { name: 'payout_stakers', args: { validatorStash: v, era: 0, page: p } });
    const b = setup();
    b.nextEra();
    b.staking.autoPayout(0);
    for (const who of ['v1', 'v2', 'n1']) {
      expect(b.balances.free(who)).toBe(a.balances.free(who));
      expect(b.staking.ledger(who)).toEqual(a.staking.ledger(who));
    }
    expect(b.staking.stats().rewardPaidPlanck).toBe(a.staking.stats().rewardPaidPlanck);
  });
});

describe('eras without points', () => {
  it('a validator with no points gets nothing, even when no block earned points at all (Perbill(0/0) never applies)', () => {
    expect(validatorPot(1_000n, 0n, 0n, 0n)).toEqual({ total: 0n, commission: 0n, leftover: 0n });
    expect(validatorPot(1_000n, 0n, 40n, 0n)).toEqual({ total: 0n, commission: 0n, leftover: 0n });
  });
});
