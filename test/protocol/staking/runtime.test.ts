import { describe, expect, it } from 'vitest';
import { smallRuntime, runBlocks, stakers, BAI } from './helpers.js';

describe('staking inside the runtime', () => {
  it('elects at genesis, rotates eras, pays rewards that sum to the era reward minus dust, conserves issuance', () => {
    const g = stakers(4, 12, 1000n * BAI, 3);
    const rt = smallRuntime({ eraBlocks: 12, sessionsPerEra: 3, validatorCount: 3, historyDepth: 2 }, { endowed: g.endowed, stakers: g.stakers });
    expect(rt.staking.activeValidators().length).toBe(3);
    runBlocks(rt, 12 * 6);
    const st = rt.staking.stats();
    expect(rt.staking.activeEra()).toBe(5);
    expect(st.rewardAllocatedPlanck).toBeGreaterThan(0n);
    // The stakers' budget accrued by emissions == the rewards staking allocated (eras 0..4 ended).
    const acc = rt.stats.emittedTo.stakers;
    // Era 5 is in progress: what accrued during it is still pending in emissions.
    expect(st.rewardAllocatedPlanck).toBeLessThanOrEqual(acc);
    // Minted by staking == paid; allocated == paid + expired + claimable (auto payout claims everything at era end).
    const outstanding = st.rewardAllocatedPlanck - st.rewardPaidPlanck - st.rewardExpiredPlanck;
    expect(outstanding).toBeGreaterThanOrEqual(0n);
    // Only Perbill rounding dust of the eras not yet expired: each Perbill step loses < 1e-9 of its base.
    expect(outstanding * 10_000_000n).toBeLessThan(st.rewardAllocatedPlanck);
    expect(st.rewardPaidPlanck).toBe(rt.stats.minted - rt.stats.emittedTo.grants - rt.stats.emittedTo.treasury);
    rt.checkInvariants();
    // History is pruned: only eras within historyDepth (+ the active and planned one) keep exposures and points.
    const s = rt.staking.storage;
    const eras = new Set([...s.erasStakersOverview.keys()].map((k) => Number(k.split('|')[0])));
    expect([...eras].sort()).toEqual([3, 4, 5, 6].filter((e) => e <= rt.staking.currentEra()));
    expect([...s.erasRewardPoints.keys()].every((k) => Number(k.split('|')[0]) >= 3)).toBe(true);
    expect(s.erasValidatorReward.size).toBeLessThanOrEqual(2);
  });
  it('snapshot/restore: staking keeps no state outside storage (same root after replaying eras)', () => {
    const g = stakers(4, 8, 1000n * BAI, 2);
    const rt = smallRuntime({ eraBlocks: 6, sessionsPerEra: 2, validatorCount: 3, historyDepth: 2, slashDeferDurationEras: 1 }, { endowed: g.endowed, stakers: g.stakers });
    runBlocks(rt, 13, 12_000, false);
    rt.staking.reportOffence({ offenders: [rt.staking.activeValidators()[0]!], fraction: 50_000_000n }); // deferred to the next era
    const snap = rt.snapshot();
    runBlocks(rt, 30, 12_000, false);
    const a = Buffer.from(rt.stateRoot()).toString('hex');
    const statsA = rt.staking.stats();
    rt.restoreSnapshot(snap);
    runBlocks(rt, 30, 12_000, false);
    expect(Buffer.from(rt.stateRoot()).toString('hex')).toBe(a);
    expect(rt.staking.stats()).toEqual(statsA);
    expect(statsA.slashedPlanck).toBeGreaterThan(0n);
    rt.checkInvariants();
  });
});
