// Hand examples for the parts of the fungible API the model test exercises only statistically.
import { describe, it, expect } from 'vitest';
import { Journal } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';

const ED = 100n;
function make(maxHolds = 50, maxFreezes = 50) {
  const j = new Journal();
  const ev = new EventBuffer(j);
  const b = new Balances(j, ev, { existentialDepositPlanck: ED, maxHolds, maxFreezes });
  return { j, ev, b };
}

describe('balances hand examples', () => {
  it('freezes overlap: frozen is the largest freeze, not the sum', () => {
    const { b } = make();
    b.mint('a', 1000n);
    b.setFreeze('stake', 'a', 600n);
    b.setFreeze('vote', 'a', 400n);
    expect(b.frozen('a')).toBe(600n);
    expect(b.reducibleBalance('a', 'Expendable', 'Polite')).toBe(400n); // 1000 − max(600, ED)
    expect(b.transfer('a', 'b', 401n, 'Expendable')).toEqual({ ok: false, error: { pallet: 'balances', error: 'LiquidityRestrictions' } });
    b.thaw('stake', 'a');
    expect(b.frozen('a')).toBe(400n);
    expect(b.extendFreeze('vote', 'a', 300n).ok).toBe(true);
    expect(b.frozen('a')).toBe(400n);
    b.checkInvariants();
  });
  it('holds count against the freeze (freezes apply to the total): untouchable = frozen − reserved', () => {
    const { b } = make();
    b.mint('a', 1000n);
    b.setFreeze('stake', 'a', 700n);
    expect(b.hold('deposit', 'a', 500n).ok).toBe(true); // holding frozen funds is allowed
    // free 500, reserved 500, frozen 700: untouchable = max(700 − 500, ED) = 200 -> 300 spendable
    expect(b.reducibleBalance('a', 'Expendable', 'Polite')).toBe(300n);
    b.checkInvariants();
  });
  it('slash takes free first, then holds in reason order, and sends it to the destination', () => {
    const { b } = make();
    b.mint('t', ED);
    b.mint('v', 1000n);
    b.hold('b-stake', 'v', 300n);
    b.hold('a-deposit', 'v', 200n);
    const out = b.slash('v', 650n, 't'); // free 500 then 150 from 'a-deposit'
    expect(out).toEqual({ slashedPlanck: 650n, toDestPlanck: 650n, burnedPlanck: 0n });
    expect(b.free('v')).toBe(0n);
    expect(b.balanceOnHold('a-deposit', 'v')).toBe(50n);
    expect(b.balanceOnHold('b-stake', 'v')).toBe(300n);
    expect(b.free('t')).toBe(ED + 650n);
    expect(b.totalIssuance()).toBe(ED + 1000n);
    b.checkInvariants();
  });
  it('slashHold to nobody burns; a slash that empties the account reaps it and burns the dust', () => {
    const { b, ev } = make();
    b.mint('v', 1000n);
    b.hold('stake', 'v', 880n);
    expect(b.slashHold('stake', 'v', 880n, null)).toEqual({ slashedPlanck: 880n, toDestPlanck: 0n, burnedPlanck: 880n });
    expect(b.free('v')).toBe(120n);
    ev.drain();
    const out = b.slash('v', 30n, null); // free 90 < ED, nothing reserved: reaped, 90 dust burned
    expect(out.slashedPlanck).toBe(30n);
    expect(b.exists('v')).toBe(false);
    expect(b.totalIssuance()).toBe(0n);
    expect(ev.drain().map((e) => e.name)).toEqual(['DustLost', 'Slashed']);
    b.checkInvariants();
  });
  it('burnHeld reduces issuance; release returns funds; too many holds fail', () => {
    const { b } = make(1);
    b.mint('a', 1000n);
    b.hold('x', 'a', 100n);
    expect(b.hold('y', 'a', 100n)).toEqual({ ok: false, error: { pallet: 'balances', error: 'TooManyHolds' } });
    expect(b.burnHeld('x', 'a', 40n)).toEqual({ ok: true, value: 40n });
    expect(b.release('x', 'a', 100n)).toEqual({ ok: false, error: { pallet: 'balances', error: 'InsufficientHold' } });
    expect(b.release('x', 'a', 100n, true)).toEqual({ ok: true, value: 60n });
    expect(b.totalIssuance()).toBe(960n);
    expect(b.free('a')).toBe(960n);
    b.checkInvariants();
  });
  it('a credit left unresolved is caught by the invariant check', () => {
    const { b } = make();
    b.mint('a', 1000n);
    expect(b.withdraw('a', 10n, 'Preserve').ok).toBe(true);
    expect(() => b.checkInvariants()).toThrow(/unresolved credit/);
    b.resolveCredit('a', 10n);
    b.checkInvariants();
  });
  it('resolving a credit to a new account below ED burns it (ToAuthor drop)', () => {
    const { b } = make();
    b.mint('a', 1000n);
    b.withdraw('a', 50n, 'Preserve');
    expect(b.resolveCredit('nobody', 50n)).toBe(0n);
    expect(b.totalIssuance()).toBe(950n);
    b.checkInvariants();
  });
});
