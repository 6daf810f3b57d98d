// balances.mintAndFreeze (staking's Staked payout: one account write) and mintIntoExisting against the sequences
// they stand for, (DeadAccount unless the account exists) mint(who, amount) then setFreeze(id, who, freezeAmount),
// on random states reached through the public API:
// the same result, storage (values, key order, state root), events and iteration order, and the same after a
// rollback of the enclosing transaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal, stateRoot, jsonReplacer } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { OK, err, type DispatchResult } from '../../../protocol/primitives/dispatch.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';
import { U128_MAX } from '../../../protocol/primitives/units.js';

const ED = 10n;
const who = fc.constantFrom('x', 'x', 'y', 'z');
const id = fc.constantFrom('a', 'staking', 'staking', 'z');
const amount = fc.oneof(fc.constantFrom(0n, 1n, 9n, 10n, 11n), fc.bigInt(0n, 200n));
const setup = fc.array(fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('mint' as const), who, amount }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('freeze' as const), who, id, amount }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('hold' as const), who, amount }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('big' as const), who }), weight: 1 }, // free near u128::MAX: overflow
), { maxLength: 16 });
const call = fc.record({ who, amount, id, freezeAmount: amount, rollback: fc.boolean() });

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function build(ops: Setup, maxFreezes: number): { b: Balances; j: Journal; ev: EventBuffer } {
  const j = new Journal();
  const ev = new EventBuffer(j);
  const b = new Balances(j, ev, { existentialDepositPlanck: ED, maxHolds: 2, maxFreezes });
  for (const o of ops) {
    if (o.op === 'mint') b.mint(o.who, o.amount);
    else if (o.op === 'freeze') b.setFreeze(o.id, o.who, o.amount);
    else if (o.op === 'hold') b.hold('h', o.who, o.amount);
    else b.mint(o.who, U128_MAX - b.totalIssuance() - 5n > 0n ? 10n ** 37n : 0n);
  }
  ev.drain();
  return { b, j, ev };
}

function observe(b: Balances, ev: EventBuffer): string {
  const items = b.storage.snapshotItems();
  const order = [b.storage.account, b.storage.freezes, b.storage.holds].map((m) => [...m.keys()]);
  return JSON.stringify({
    items: items.map((i) => [i.name, i.snapshot()]),
    order,
    root: Buffer.from(stateRoot(b.storage.rootItems())).toString('hex'),
    events: ev.drain(),
  }, jsonReplacer);
}

function outcome(f: () => DispatchResult): string {
  try { return JSON.stringify(f()); } catch (e) { return `throw ${(e as Error).message}`; }
}

function mintExisting(b: Balances, w: string, amt: bigint): DispatchResult {
  return b.exists(w) ? b.mint(w, amt) : err('balances', 'DeadAccount');
}

function sequence(b: Balances, w: string, amt: bigint, fid: string, fa: bigint): DispatchResult {
  const r = mintExisting(b, w, amt);
  if (!r.ok) return r;
  const f = b.setFreeze(fid, w, fa);
  if (!f.ok) throw new Error(`balances.mintAndFreeze: freeze ${fid} of ${w} failed: ${f.error.error}`);
  return OK;
}

describe('balances.mintAndFreeze == mint into an existing account, then setFreeze', () => {
  it('same result, storage, order, root and events on random states (with and without rollback)', () => {
    let fast = 0;
    fc.assert(fc.property(setup, call, fc.constantFrom(1, 3), (ops, c, maxFreezes) => {
      const A = build(ops, maxFreezes), B = build(ops, maxFreezes);
      const before = A.b.storage.freezes.get(c.who);
      if (A.b.exists(c.who) && c.amount > 0n && c.freezeAmount > 0n && before?.some((f) => f.id === c.id)) fast++;
      const run = (x: typeof A, f: () => DispatchResult) => outcome(() => x.j.transactional(() => {
        const r = f();
        return c.rollback ? { ok: false, error: { pallet: 't', error: 'rollback' } } : r;
      }));
      const ra = run(A, () => A.b.mintAndFreeze(c.who, c.amount, c.id, c.freezeAmount));
      const rb = run(B, () => sequence(B.b, c.who, c.amount, c.id, c.freezeAmount));
      expect(ra).toBe(rb);
      expect(observe(A.b, A.ev)).toBe(observe(B.b, B.ev));
      // and the audit agrees with itself afterwards (both states are equal, so one check suffices)
      if (!ra.startsWith('throw')) A.b.checkInvariants();
    }), { numRuns: 4000 });
    expect(fast).toBeGreaterThan(100); // the one-write path is exercised, not only the fallback
  });

  it('mintIntoExisting == exists ? mint : DeadAccount (result, storage, root, events)', () => {
    fc.assert(fc.property(setup, call, (ops, c) => {
      const A = build(ops, 3), B = build(ops, 3);
      expect(outcome(() => A.b.mintIntoExisting(c.who, c.amount))).toBe(outcome(() => mintExisting(B.b, c.who, c.amount)));
      expect(observe(A.b, A.ev)).toBe(observe(B.b, B.ev));
    }), { numRuns: 2000 });
  });

  it('hand case: Staked reward on a bonded stash', () => {
    const { b, ev } = build([{ op: 'mint', who: 'x', amount: 100n }, { op: 'freeze', who: 'x', id: 'staking', amount: 60n },
      { op: 'freeze', who: 'x', id: 'a', amount: 70n }], 4);
    expect(b.mintAndFreeze('x', 15n, 'staking', 75n)).toEqual(OK);
    expect(b.account('x')).toEqual({ free: 115n, reserved: 0n, frozen: 75n });
    expect(b.freezes('x')).toEqual([{ id: 'a', amount: 70n }, { id: 'staking', amount: 75n }]);
    expect(b.totalIssuance()).toBe(115n);
    expect(ev.drain().map((e) => e.name)).toEqual(['Minted', 'Frozen']);
  });
});
