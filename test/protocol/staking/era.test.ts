import { describe, expect, it } from 'vitest';
import { direct, TREASURY } from './direct.js';

const genesis = (n: number) => ({
  endowed: Array.from({ length: n }, (_, i) => [`v${i}`, 10_000n] as [string, bigint]).concat([['n', 10_000n], ['r', 10n]]),
  stakers: [
    ...Array.from({ length: n }, (_, i) => ({ stash: `v${i}`, bondPlanck: 1000n, role: 'validator' as const, payee: 'Stash' as const })),
    { stash: 'n', bondPlanck: 500n, role: 'nominator' as const, targets: ['v0'], payee: 'Stash' as const },
  ],
});

function step(d: ReturnType<typeof direct>, to: number) {
  while (d.block < to) { d.block++; d.staking.onInitialize(d.block, d.block * 12_000); }
}

describe('sessions and eras', () => {
  it('sessionBeforeEraEnd: era e+1 is elected at the start of era e\'s last session, becomes active at the next era', () => {
    // eraBlocks 6, 3 sessions of 2 blocks: session s starts at block 2s + 1; era e at block 6e + 1.
    const g = genesis(3);
    const d = direct({ eraBlocks: 6, sessionsPerEra: 3, validatorCount: 2 }, g.endowed, g.stakers);
    expect([d.staking.currentEra(), d.staking.activeEra()]).toEqual([0, 0]);
    step(d, 4);
    expect(d.staking.currentEra()).toBe(0);
    step(d, 5); // session 2 (the last of era 0) starts: plan era 1
    expect([d.staking.currentEra(), d.staking.activeEra()]).toEqual([1, 0]);
    expect(d.staking.erasElected(1).length).toBe(2);
    step(d, 6);
    expect(d.staking.activeEra()).toBe(0);
    expect(d.staking.validatorsForBlock(7)).toEqual(d.staking.erasElected(1)); // block 7 is authored by the incoming set
    step(d, 7); // era 1 starts
    expect([d.staking.currentEra(), d.staking.activeEra()]).toEqual([1, 1]);
    expect(d.staking.storage.activeEra.get().startMs).toBe(7 * 12_000);
  });
  it('eraEnd: the election runs in the era\'s last block', () => {
    const g = genesis(3);
    const d = direct({ eraBlocks: 6, sessionsPerEra: 3, validatorCount: 2, electionAt: 'eraEnd' }, g.endowed, g.stakers);
    step(d, 5);
    expect(d.staking.currentEra()).toBe(0);
    step(d, 6);
    expect([d.staking.currentEra(), d.staking.activeEra()]).toEqual([1, 0]);
    step(d, 7);
    expect(d.staking.activeEra()).toBe(1);
  });
  it('era points: 20 per authored block, by author', () => {
    const g = genesis(2);
    const d = direct({ eraBlocks: 4, sessionsPerEra: 1, validatorCount: 2 }, g.endowed, g.stakers);
    d.staking.noteAuthor('v0'); d.staking.noteAuthor('v0'); d.staking.noteAuthor('v1');
    expect(d.staking.storage.erasRewardPoints.get('0|v0')).toBe(40);
    expect(d.staking.storage.erasTotalRewardPoints.get(0)).toBe(60);
  });
});

describe('disabling and reporters', () => {
  it('disables at most (n - 1) / 3 offenders of the active era', () => {
    const g = genesis(4);
    const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 4, slashDeferDurationEras: 0 }, g.endowed, g.stakers);
    d.staking.reportOffence({ offenders: ['v2', 'v1'], fraction: 0n });
    expect(d.staking.storage.disabledValidators.get()).toEqual(['v1']);
    d.nextEra();
    expect(d.staking.storage.disabledValidators.get()).toEqual([]); // cleared at the next era
  });
  it('reporter reward: 50% x (SlashRewardFraction x span slash), out of the slashed funds', () => {
    // v0 own 1000 and n 500, fraction 10%: slashes 100 and 50. SlashRewardFraction 10%:
    // validator span: 50% * (10% * 100) = 5; nominator span: 50% * (10% * 50) = 2.5 -> 2 (nearest, ties down). Reporter gets 7.
    const g = genesis(2);
    const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 2, slashDeferDurationEras: 0, slashRewardFraction: 0.1 }, g.endowed, g.stakers);
    const t0 = d.balances.free(TREASURY);
    d.staking.reportOffence({ offenders: ['v0'], fraction: 100_000_000n, reporters: ['r'] });
    expect(d.balances.free('r')).toBe(17n);
    expect(d.balances.free(TREASURY) - t0).toBe(143n);
    expect(d.staking.stats()).toMatchObject({ slashedPlanck: 150n, slashToTreasuryPlanck: 143n, slashReporterRewardPlanck: 7n });
    d.balances.checkInvariants(); d.staking.checkInvariants();
  });
});
