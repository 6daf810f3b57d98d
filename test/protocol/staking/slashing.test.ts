import { describe, expect, it } from 'vitest';
import { direct, TREASURY } from './direct.js';
import { eraSpan, endSpan, newSpans } from '../../../protocol/pallets/staking/slashing.js';

const PCT = 10_000_000n; // 1% in Perbill parts

function setup(defer: number, reward = 0n) {
  return direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 2, bondingDurationEras: 3, slashDeferDurationEras: defer, historyDepth: 10 },
    [['v', 10_000n], ['w', 10_000n], ['n', 10_000n]],
    [{ stash: 'v', bondPlanck: 1000n, role: 'validator', payee: 'Stash' },
     { stash: 'w', bondPlanck: 1000n, role: 'validator', payee: 'Stash' },
     { stash: 'n', bondPlanck: 500n, role: 'nominator', targets: ['v'], payee: 'Stash' }], { eraReward: reward });
}

describe('slashing spans (pure)', () => {
  it('a span ends at the slash era and the next one starts after it', () => {
    let s = newSpans(0);
    expect(eraSpan(s, 3)).toEqual({ index: 0, start: 0, length: null });
    s = endSpan(s, 4); // span 0 = eras 0..4, span 1 from 5
    expect(eraSpan(s, 3)).toEqual({ index: 0, start: 0, length: 5 });
    expect(eraSpan(s, 6)).toEqual({ index: 1, start: 5, length: null });
  });
});

describe('slashing (hand example)', () => {
  // Era 0 exposure of v: own 1000, n 500. Two offences in era 0: 10% then 20%.
  // First: v 10% * 1000 = 100, n 10% * 500 = 50; v's span 0 ends (a new span starts at era 1).
  // Second (20% > prior 10%): v's era slash 200 vs span-0 record 100 -> pays 100 more;
  // n: era slash = 50 + (20% - 10%) * 500 = 100 vs record 50 -> 50 more. Totals 200 and 100: the max, never the sum 300/150.
  it('pays the span maximum, deferred to era offence + SlashDeferDuration, to the treasury', () => {
    const d = setup(2);
    const t0 = d.balances.free(TREASURY);
    d.staking.reportOffence({ offenders: ['v'], fraction: 10n * PCT });
    d.staking.reportOffence({ offenders: ['v'], fraction: 20n * PCT });
    d.staking.reportOffence({ offenders: ['v'], fraction: 5n * PCT }); // below the era max: nothing new
    expect(d.staking.storage.unappliedSlashes.get(2)!.map((u) => [u.own, u.others])).toEqual([[100n, [['n', 50n]]], [100n, [['n', 50n]]]]);
    expect(d.staking.isDisabled('v')).toBe(false); // (n-1)/3 = 0 of a 2-validator set may be disabled
    d.nextEra(); // era 1: nothing applied yet
    expect(d.staking.ledger('v')!.active).toBe(1000n);
    d.nextEra(); // era 2 starts: applied
    expect(d.staking.ledger('v')!.active).toBe(800n);
    expect(d.staking.ledger('n')!.active).toBe(400n);
    expect(d.balances.free('v')).toBe(10_000n - 200n);
    expect(d.balances.frozen('v')).toBe(800n);
    expect(d.balances.free(TREASURY) - t0).toBe(300n);
    expect(d.staking.stats()).toMatchObject({ slashedPlanck: 300n, slashToTreasuryPlanck: 300n });
    d.balances.checkInvariants(); d.staking.checkInvariants();
  });
  it('defer 0 applies immediately; a later offence in a new span pays again', () => {
    const d = setup(0);
    d.staking.reportOffence({ offenders: ['v'], fraction: 10n * PCT });
    expect(d.staking.ledger('v')!.active).toBe(900n);
    d.nextEra(); // era 1: exposure of v is own 1000 (elected before the slash: one session before) -> new span
    d.staking.reportOffence({ offenders: ['v'], fraction: 10n * PCT });
    expect(d.staking.ledger('v')!.active).toBe(800n);
  });
  it('equivocation fraction min((3k/n)^2, 1) and discarding reports older than the bonding duration', () => {
    const d = setup(0);
    // k = 1, n = 10: (3/10)^2 = 9% -> 90 of own 1000
    d.staking.reportOffence({ offenders: ['v'], kind: 'equivocation', validatorSetSize: 10 });
    expect(d.staking.ledger('v')!.active).toBe(910n);
    for (let i = 0; i < 5; i++) d.nextEra();
    const before = d.staking.ledger('w')!.active;
    d.staking.reportOffence({ offenders: ['w'], fraction: 50n * PCT, era: 1 }); // era 1 < 5 - 3: too old
    expect(d.staking.ledger('w')!.active).toBe(before);
  });
  it('unlocking chunks that were at stake are slashed with active', () => {
    const d = setup(0);
    // CurrentEra is the planned era (1: with one session per era, genesis already elected era 1): chunk at 1 + 3.
    expect(d.call('v', { name: 'unbond', args: { value: 400n } }).ok).toBe(true);
    // slash 50% of own exposure 1000 = 500: affected = active 600 + chunk 400 (era 4 >= 0 + 3) -> ratio 1/2
    d.staking.reportOffence({ offenders: ['v'], fraction: 50n * PCT });
    expect(d.staking.ledger('v')).toMatchObject({ active: 300n, total: 500n, unlocking: [{ value: 200n, era: 4 }] });
  });
});

describe('slashing a stash to nothing', () => {
  it('a 100% slash of a stash with nothing else reaps it and removes its staking records', () => {
    const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 2, slashDeferDurationEras: 0 },
      [['v', 1000n], ['w', 10_000n]],
      [{ stash: 'v', bondPlanck: 1000n, role: 'validator', payee: 'Stash' }, { stash: 'w', bondPlanck: 1000n, role: 'validator', payee: 'Stash' }]);
    d.staking.reportOffence({ offenders: ['v'], fraction: 1_000_000_000n });
    expect(d.balances.exists('v')).toBe(false);
    expect(d.staking.ledger('v')).toBeUndefined();
    expect(d.staking.storage.validators.has('v')).toBe(false);
    d.balances.checkInvariants(); d.staking.checkInvariants();
    d.nextEra(); d.nextEra();
    d.balances.checkInvariants(); d.staking.checkInvariants();
  });
});

describe('cancel_deferred_slash', () => {
  it('Root drops a deferred slash before it applies; signed origins cannot', async () => {
    const { dispatchStaking } = await import('../../../protocol/pallets/staking/calls.js');
    const { ROOT, signed } = await import('../../../protocol/primitives/origin.js');
    const d = setup(2);
    d.staking.reportOffence({ offenders: ['v'], fraction: 10n * PCT });
    const call = { pallet: 'staking' as const, name: 'cancel_deferred_slash' as const, args: { era: 2, slashIndices: [0] } };
    expect(d.journal.transactional(() => dispatchStaking(d.staking, signed('v'), call)).ok).toBe(false);
    expect(d.journal.transactional(() => dispatchStaking(d.staking, ROOT, { ...call, args: { era: 2, slashIndices: [3] } }))).toEqual({ ok: false, error: { pallet: 'staking', error: 'NotSortedAndUnique' } });
    expect(d.journal.transactional(() => dispatchStaking(d.staking, ROOT, call)).ok).toBe(true);
    d.nextEra(); d.nextEra();
    expect(d.staking.ledger('v')!.active).toBe(1000n);
    expect(d.staking.stats().slashedPlanck).toBe(0n);
  });
});
