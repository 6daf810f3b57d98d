// The balances audit's fast path (count-based, no per-account lookups) against the per-account reference audit on
// random, often corrupted states written straight into storage: both pass or both fail, with the same message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';

const ED = 10n;
const amount = fc.oneof(fc.constantFrom(0n, 5n, 10n, 20n), fc.bigInt(-3n, 50n));
const list = fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c'), amount }), { maxLength: 3 });
const who = fc.constantFrom('x', 'y', 'z', 'w');
const state = fc.record({
  accounts: fc.array(fc.tuple(who, fc.record({ free: amount, reserved: amount, frozen: amount })), { maxLength: 4 }),
  holds: fc.array(fc.tuple(who, list), { maxLength: 4 }),
  freezes: fc.array(fc.tuple(who, list), { maxLength: 4 }),
  pending: fc.constantFrom(0n, 0n, 0n, 1n),
  issuanceDelta: fc.constantFrom(0n, 0n, 0n, 1n, -1n),
  totalDelta: fc.constantFrom(0n, 0n, 0n, 2n),
  consistent: fc.boolean(),
  drop: fc.constantFrom('none', 'none', 'hold', 'freeze'), // then forget one account's list: a count mismatch only
});

function outcome(f: () => void): string {
  try { f(); return 'ok'; } catch (e) { return (e as Error).message; }
}

describe('balances audit: fast path == reference', () => {
  it('same verdict and message on random states', () => {
    let passes = 0;
    fc.assert(fc.property(state, (st) => {
      const j = new Journal();
      const b = new Balances(j, new EventBuffer(j), { existentialDepositPlanck: ED, maxHolds: 8, maxFreezes: 8 });
      const s = b.storage;
      for (const [w, a] of st.accounts) s.account.set(w, a);
      for (const [w, l] of st.holds) s.holds.set(w, l);
      for (const [w, l] of st.freezes) s.freezes.set(w, l);
      if (st.consistent) {
        // make holds/freezes agree with the accounts half the time, so passing states are common too
        for (const [w, a] of s.account.entries()) {
          const hs = s.holds.get(w) ?? [];
          const held = hs.reduce((x, h) => x + h.amount, 0n);
          const fz = (s.freezes.get(w) ?? []).reduce((m, f) => (f.amount > m ? f.amount : m), 0n);
          s.account.set(w, { free: a.free, reserved: held, frozen: fz });
        }
        const m = st.drop === 'hold' ? s.holds : st.drop === 'freeze' ? s.freezes : null;
        const k = m === null ? undefined : m.sortedKeysList()[0];
        if (m !== null && k !== undefined) m.delete(k);
      }
      let total = 0n;
      for (const a of s.account.values()) total += a.free + a.reserved;
      s.totalIssuance.set(total + st.issuanceDelta);
      s.accountTotal.set(total + st.totalDelta);
      s.pendingCredit.set(st.pending);
      const fast = outcome(() => b.checkInvariants());
      const ref = outcome(() => b.auditReference());
      if (fast === 'ok') passes++;
      expect(fast).toBe(ref);
    }), { numRuns: 3000 });
    expect(passes).toBeGreaterThan(20); // both verdicts are exercised
  });

  it('each single corruption of a valid state is caught by both, with the reference message', () => {
    type Acc = { free: bigint; reserved: bigint; frozen: bigint };
    const valid = (): { accounts: Array<[string, Acc]>; holds: Array<[string, Array<{ id: string; amount: bigint }>]>; freezes: Array<[string, Array<{ id: string; amount: bigint }>]> } => ({
      accounts: [['x', { free: 100n, reserved: 30n, frozen: 50n }], ['y', { free: 20n, reserved: 0n, frozen: 0n }], ['z', { free: 5n, reserved: 7n, frozen: 0n }]],
      holds: [['x', [{ id: 'a', amount: 30n }]], ['z', [{ id: 'b', amount: 7n }]]],
      freezes: [['x', [{ id: 'f', amount: 50n }]]],
    });
    const corruptions: Array<(st: ReturnType<typeof valid>) => void> = [
      (st) => { st.accounts[0]![1].free = -1n; },                      // negative free, reserved > 0 (not "below ED")
      (st) => { st.accounts[2]![1].free = -2n; },                      // negative free below ED with reserves
      (st) => { st.accounts[1]![1].free = 9n; },                       // below ED without reserves
      (st) => { st.accounts[1]![1].reserved = -1n; },                  // negative reserved
      (st) => { st.accounts[1]![1].frozen = -1n; },                    // negative frozen
      (st) => { st.accounts[0]![1].frozen = 49n; },                    // frozen != max freeze
      (st) => { st.accounts[1]![1].frozen = 3n; },                     // frozen without a freeze list
      (st) => { st.accounts[0]![1].reserved = 31n; },                  // reserved != Σ holds
      (st) => { st.holds.push(['w', [{ id: 'a', amount: 1n }]]); },    // holds on a dead account
      (st) => { st.freezes.push(['w', [{ id: 'f', amount: 1n }]]); },  // freezes on a dead account
      (st) => { st.holds[1]![1][0]!.amount = 0n; st.accounts[2]![1].reserved = 0n; }, // a zero hold
    ];
    for (const corrupt of [() => {}, ...corruptions]) {
      const st = valid();
      corrupt(st);
      const j = new Journal();
      const b = new Balances(j, new EventBuffer(j), { existentialDepositPlanck: ED, maxHolds: 8, maxFreezes: 8 });
      const s = b.storage;
      for (const [w, a] of st.accounts) s.account.set(w, a);
      for (const [w, l] of st.holds) s.holds.set(w, l);
      for (const [w, l] of st.freezes) s.freezes.set(w, l);
      let total = 0n;
      for (const a of s.account.values()) total += a.free + a.reserved;
      s.totalIssuance.set(total);
      s.accountTotal.set(total);
      const ref = outcome(() => b.auditReference());
      if (corrupt !== undefined && corruptions.includes(corrupt)) expect(ref).not.toBe('ok'); else expect(ref).toBe('ok');
      expect(outcome(() => b.checkInvariants())).toBe(ref);
    }
  });
});
