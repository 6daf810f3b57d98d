// Staking's audit (checkInvariants) visits every ledger once; it must still fail on each corruption it guards
// against, and pass on a consistent state, including a ledger whose account is gone (no freeze to compare).
import { describe, expect, it } from 'vitest';
import { STAKING_FREEZE_ID } from '../../../protocol/pallets/staking/pallet.js';
import { direct } from './direct.js';

const setup = () => direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 1, historyDepth: 4, autoPayout: true },
  [['v', 10_000n], ['n', 10_000n], ['m', 10_000n]],
  [{ stash: 'v', bondPlanck: 1000n, role: 'validator', payee: 'Stash' },
   { stash: 'n', bondPlanck: 500n, role: 'nominator', targets: ['v'], payee: 'Staked' },
   { stash: 'm', bondPlanck: 700n, role: 'idle' }], { eraReward: 1000n });

describe('staking checkInvariants', () => {
  it('passes on a consistent state, before and after payouts', () => {
    const d = setup();
    d.staking.checkInvariants();
    d.nextEra(); d.nextEra();
    expect(d.staking.stats().rewardPaidPlanck).toBeGreaterThan(0n);
    d.staking.checkInvariants();
  });

  it('fails when a ledger total is not active + chunks', () => {
    const d = setup();
    const l = d.staking.ledger('n')!;
    d.staking.storage.ledger.set('n', { ...l, total: l.total + 1n });
    expect(() => d.staking.checkInvariants()).toThrow(/ledger n: total/);
  });

  it('fails on a negative active or an empty unlocking chunk', () => {
    const d = setup();
    const l = d.staking.ledger('m')!;
    d.staking.storage.ledger.set('m', { ...l, active: -1n, total: -1n });
    expect(() => d.staking.checkInvariants()).toThrow(/negative active/);
    const e = setup();
    const k = e.staking.ledger('m')!;
    e.staking.storage.ledger.set('m', { ...k, unlocking: [{ value: 0n, era: 3 }] });
    expect(() => e.staking.checkInvariants()).toThrow(/empty chunk/);
  });

  it('fails when the staking freeze differs from the ledger total (above, below, missing)', () => {
    for (const freeze of [701n, 699n, 0n]) {
      const d = setup();
      if (freeze === 0n) d.balances.thaw(STAKING_FREEZE_ID, 'm'); else d.balances.setFreeze(STAKING_FREEZE_ID, 'm', freeze);
      expect(() => d.staking.checkInvariants()).toThrow(/freeze of m != ledger total/);
    }
  });

  it('fails when a ledger is stored under another stash', () => {
    const d = setup();
    d.staking.storage.ledger.set('m', { ...d.staking.ledger('m')!, stash: 'n' });
    expect(() => d.staking.checkInvariants()).toThrow(/ledger under m is for n/);
  });

  it('fails when paid + expired exceeds the allocated reward', () => {
    const d = setup();
    const s = d.staking.storage.stats.get();
    d.staking.storage.stats.set({ ...s, rewardPaidPlanck: s.rewardAllocatedPlanck + 1n });
    expect(() => d.staking.checkInvariants()).toThrow(/paid \+ expired > allocated/);
  });

  it('does not compare the freeze of an account that no longer exists', () => {
    const d = setup();
    // A ledger left for an account balances no longer holds (what the check tolerates): remove the account's
    // storage directly, freeze included.
    d.balances.storage.account.delete('m');
    d.balances.storage.freezes.delete('m');
    d.staking.checkInvariants();
  });
});
