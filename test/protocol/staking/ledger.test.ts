import { describe, expect, it } from 'vitest';
import * as L from '../../../protocol/pallets/staking/ledger.js';

const ledger = (active: bigint, chunks: Array<[bigint, number]>): L.StakingLedger => ({
  stash: 's', active, total: active + chunks.reduce((a, [v]) => a + v, 0n), unlocking: chunks.map(([value, era]) => ({ value, era })),
});

describe('ledger transitions (hand examples)', () => {
  it('unbond: chunk at the given era, merged with a same-era chunk, all of it below ED, bounded chunk count', () => {
    let l = ledger(100n, []);
    l = L.unbond(l, 30n, 28, 1n, 32)!.ledger;
    expect(l).toMatchObject({ active: 70n, total: 100n, unlocking: [{ value: 30n, era: 28 }] });
    l = L.unbond(l, 10n, 28, 1n, 32)!.ledger;
    expect(l.unlocking).toEqual([{ value: 40n, era: 28 }]);
    const r = L.unbond(l, 55n, 29, 20n, 32)!; // 60 - 55 = 5 < ED 20: all 60 unbonded
    expect(r.unbonded).toBe(60n);
    expect(r.ledger).toMatchObject({ active: 0n, total: 100n, unlocking: [{ value: 40n, era: 28 }, { value: 60n, era: 29 }] });
    expect(L.unbond(ledger(100n, [[1n, 1], [1n, 2]]), 5n, 3, 1n, 2)).toBeNull();
  });
  it('rebond takes newest chunks first, splitting the last one touched', () => {
    const r = L.rebond(ledger(10n, [[20n, 5], [30n, 6], [40n, 7]]), 50n);
    expect(r.rebonded).toBe(50n);
    expect(r.ledger).toMatchObject({ active: 60n, total: 100n, unlocking: [{ value: 20n, era: 5 }, { value: 20n, era: 6 }] });
  });
  it('consolidate_unlocked frees exactly the chunks with era <= current era', () => {
    const r = L.consolidateUnlocked(ledger(10n, [[20n, 5], [30n, 6], [40n, 7]]), 6);
    expect(r.withdrawn).toBe(50n);
    expect(r.ledger).toMatchObject({ active: 10n, total: 50n, unlocking: [{ value: 40n, era: 7 }] });
  });
  it('slash: proportional over active and chunks unlocking at or after slashEra + bonding duration', () => {
    // affected = 100 + 30 = 130; ratio = ceil(65/130) = 1/2: active 100 -> 50, late chunk 30 -> 15; early chunk untouched.
    const r = L.slashLedger(ledger(100n, [[20n, 5], [30n, 10]]), 65n, 1n, 4, 3);
    expect(r.slashed).toBe(65n);
    expect(r.ledger).toMatchObject({ active: 50n, total: 85n, unlocking: [{ value: 20n, era: 5 }, { value: 15n, era: 10 }] });
  });
  it('slash: no late chunk -> active first, then chunks newest first', () => {
    const r = L.slashLedger(ledger(100n, [[20n, 5], [30n, 6]]), 130n, 1n, 4, 3);
    expect(r.slashed).toBe(130n);
    expect(r.ledger).toMatchObject({ active: 0n, total: 20n, unlocking: [{ value: 20n, era: 5 }] });
  });
  it('slash: a remainder below ED is wiped', () => {
    const r = L.slashLedger(ledger(100n, []), 95n, 10n, 0, 3);
    expect(r.slashed).toBe(100n);
    expect(r.ledger.active).toBe(0n);
  });
});
