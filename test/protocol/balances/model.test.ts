// Model-based test of pallet_balances (fc.commands, size 'large'): every command runs against the real pallet
// (inside a journal transaction, as a dispatch would) and against a small independent model written from
// SUBSTRATE.md §1 directly. After every command: model == real, Σ(free+reserved) == TotalIssuance, nothing negative,
// frozen never spendable. fast-check prints the seed and the replay path on failure.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Journal } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { Balances, type Preservation } from '../../../protocol/pallets/balances/index.js';
import { OK, type DispatchResult } from '../../../protocol/primitives/dispatch.js';

const ED = 100n;
const ACCOUNTS = ['alice', 'bob', 'carol', 'dave', 'treasury'] as const;
const REASONS = ['staking', 'deposit'] as const;
const FREEZE_IDS = ['vote', 'stake'] as const;

interface MAcc { free: bigint; holds: Map<string, bigint>; freezes: Map<string, bigint> }
class Model {
  accts = new Map<string, MAcc>();
  issuance = 0n;
  reserved(a: MAcc): bigint { let s = 0n; for (const v of a.holds.values()) s += v; return s; }
  frozen(a: MAcc): bigint { let m = 0n; for (const v of a.freezes.values()) if (v > m) m = v; return m; }
  // §1.2
  reducible(who: string, p: Preservation, force: boolean): bigint {
    const a = this.accts.get(who); if (!a) return 0n;
    const res = this.reserved(a), fr = this.frozen(a);
    let u = force ? 0n : (fr - res > 0n ? fr - res : 0n);
    const consumers = res > 0n || fr > 0n;
    if (p === 'Preserve' || (p === 'Protect' && a.free > 0n) || (p === 'Expendable' && a.free > 0n && consumers)) u = u > ED ? u : ED;
    return a.free - u > 0n ? a.free - u : 0n;
  }
  // §1.3: reap when free < ED and nothing reserved; dust burned
  settle(who: string): void {
    const a = this.accts.get(who)!;
    if (a.free < ED && this.reserved(a) === 0n) { this.issuance -= a.free; this.accts.delete(who); }
  }
  credit(who: string, amt: bigint): boolean {
    let a = this.accts.get(who);
    if (!a) { if (amt < ED) return false; a = { free: 0n, holds: new Map(), freezes: new Map() }; this.accts.set(who, a); }
    a.free += amt; return true;
  }
}

type Real = { j: Journal; b: Balances };
const tx = (r: Real, f: () => DispatchResult<unknown>) => r.j.transactional(f as () => DispatchResult<unknown>);

/** Plain equality (vitest's expect is too slow to call thousands of times per run). */
function eq<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

function check(m: Model, r: Real): void {
  r.b.checkInvariants(); // Σ(free+reserved) == TotalIssuance, holds/freezes consistent, nothing negative
  eq(r.b.totalIssuance(), m.issuance, 'total issuance');
  for (const who of ACCOUNTS) {
    const ma = m.accts.get(who);
    const ra = r.b.storage.account.get(who);
    eq(ra === undefined, ma === undefined, `${who} reaped`);
    if (!ma || !ra) continue;
    eq(ra.free, ma.free, `${who} free`);
    eq(ra.reserved, m.reserved(ma), `${who} reserved`);
    eq(ra.frozen, m.frozen(ma), `${who} frozen`);
    eq(ra.free >= 0n && ra.reserved >= 0n, true, `${who} non-negative`);
    // frozen never spendable: the spendable part never dips into max(frozen - reserved, 0)
    const locked = ra.frozen - ra.reserved > 0n ? ra.frozen - ra.reserved : 0n;
    for (const p of ['Expendable', 'Protect', 'Preserve'] as const) {
      const red = r.b.reducibleBalance(who, p, 'Polite');
      eq(red <= ra.free - (locked < ra.free ? locked : ra.free), true, `${who} ${p} spendable within unfrozen`);
      eq(red, m.reducible(who, p, false), `${who} reducible ${p}`);
    }
  }
}

const acct = fc.constantFrom(...ACCOUNTS);
const amount = fc.oneof(fc.bigInt(0n, 3n * ED), fc.bigInt(0n, 100_000n), fc.constantFrom(ED - 1n, ED, ED + 1n));
const pres = fc.constantFrom<Preservation>('Expendable', 'Protect', 'Preserve');

class Mint implements fc.Command<Model, Real> {
  constructor(readonly who: string, readonly amt: bigint) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.mint(this.who, this.amt));
    const exp = this.amt === 0n || m.credit(this.who, this.amt);
    if (exp && this.amt > 0n) m.issuance += this.amt;
    expect(res.ok).toBe(exp);
    check(m, r);
  }
  toString() { return `mint(${this.who}, ${this.amt})`; }
}
class Transfer implements fc.Command<Model, Real> {
  constructor(readonly src: string, readonly dst: string, readonly amt: bigint, readonly p: Preservation) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.transfer(this.src, this.dst, this.amt, this.p));
    let exp = true;
    if (this.amt > 0n && this.src !== this.dst) {
      const red = m.reducible(this.src, this.p, false);
      if (this.amt > red || (!m.accts.has(this.dst) && this.amt < ED)) exp = false;
      else { m.accts.get(this.src)!.free -= this.amt; m.credit(this.dst, this.amt); m.settle(this.src); }
    }
    expect(res.ok, JSON.stringify(res)).toBe(exp);
    check(m, r);
  }
  toString() { return `transfer(${this.src} -> ${this.dst}, ${this.amt}, ${this.p})`; }
}
class TransferAll implements fc.Command<Model, Real> {
  constructor(readonly src: string, readonly dst: string, readonly keepAlive: boolean) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const p: Preservation = this.keepAlive ? 'Preserve' : 'Expendable';
    const amt = m.reducible(this.src, p, false);
    expect(r.b.reducibleBalance(this.src, p, 'Polite')).toBe(amt);
    new Transfer(this.src, this.dst, amt, p).run(m, r);
  }
  toString() { return `transfer_all(${this.src} -> ${this.dst}, keepAlive=${this.keepAlive})`; }
}
class Burn implements fc.Command<Model, Real> {
  constructor(readonly who: string, readonly amt: bigint, readonly p: Preservation) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.burn(this.who, this.amt, this.p));
    let exp = true;
    if (this.amt > 0n) {
      if (this.amt > m.reducible(this.who, this.p, false)) exp = false;
      else { m.accts.get(this.who)!.free -= this.amt; m.issuance -= this.amt; m.settle(this.who); }
    }
    expect(res.ok).toBe(exp);
    check(m, r);
  }
  toString() { return `burn(${this.who}, ${this.amt}, ${this.p})`; }
}
class Hold implements fc.Command<Model, Real> {
  constructor(readonly reason: string, readonly who: string, readonly amt: bigint) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.hold(this.reason, this.who, this.amt));
    const a = m.accts.get(this.who);
    let exp = true;
    if (this.amt > 0n) {
      if (!a || this.amt > m.reducible(this.who, 'Protect', true)) exp = false;
      else { a.free -= this.amt; a.holds.set(this.reason, (a.holds.get(this.reason) ?? 0n) + this.amt); }
    }
    expect(res.ok).toBe(exp);
    check(m, r);
  }
  toString() { return `hold(${this.reason}, ${this.who}, ${this.amt})`; }
}
class Release implements fc.Command<Model, Real> {
  constructor(readonly reason: string, readonly who: string, readonly amt: bigint, readonly bestEffort: boolean) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.release(this.reason, this.who, this.amt, this.bestEffort));
    const a = m.accts.get(this.who);
    const held = a?.holds.get(this.reason) ?? 0n;
    const exp = this.amt <= held || this.bestEffort;
    if (exp && a) {
      const t = this.amt < held ? this.amt : held;
      a.free += t;
      if (held - t === 0n) a.holds.delete(this.reason); else a.holds.set(this.reason, held - t);
      m.settle(this.who); // nothing left reserved and free < ED: reaped, dust burned
    }
    expect(res.ok).toBe(exp);
    check(m, r);
  }
  toString() { return `release(${this.reason}, ${this.who}, ${this.amt}, bestEffort=${this.bestEffort})`; }
}
class Freeze implements fc.Command<Model, Real> {
  constructor(readonly id: string, readonly who: string, readonly amt: bigint) {}
  check() { return true; }
  run(m: Model, r: Real) {
    const res = tx(r, () => r.b.setFreeze(this.id, this.who, this.amt));
    const a = m.accts.get(this.who);
    const exp = this.amt === 0n || a !== undefined;
    if (a) { if (this.amt === 0n) a.freezes.delete(this.id); else a.freezes.set(this.id, this.amt); }
    expect(res.ok).toBe(exp);
    check(m, r);
  }
  toString() { return `setFreeze(${this.id}, ${this.who}, ${this.amt})`; }
}
class Slash implements fc.Command<Model, Real> {
  constructor(readonly who: string, readonly amt: bigint, readonly dest: string | null) {}
  check() { return true; }
  run(m: Model, r: Real) {
    let out!: ReturnType<Balances['slash']>;
    tx(r, () => { out = r.b.slash(this.who, this.amt, this.dest); return OK; });
    const a = m.accts.get(this.who);
    let slashed = 0n;
    if (a && this.amt > 0n) {
      const ff = a.free < this.amt ? a.free : this.amt;
      a.free -= ff; slashed = ff;
      for (const k of [...a.holds.keys()].sort()) {
        if (slashed === this.amt) break;
        const h = a.holds.get(k)!; const t = h < this.amt - slashed ? h : this.amt - slashed;
        slashed += t; if (h - t === 0n) a.holds.delete(k); else a.holds.set(k, h - t);
      }
      m.settle(this.who);
      m.issuance -= slashed;
      if (this.dest !== null && m.credit(this.dest, slashed)) m.issuance += slashed;
    }
    expect(out.slashedPlanck).toBe(slashed);
    expect(out.toDestPlanck + out.burnedPlanck).toBe(slashed);
    check(m, r);
  }
  toString() { return `slash(${this.who}, ${this.amt}, -> ${this.dest})`; }
}

const commands = [
  fc.tuple(acct, amount).map(([w, a]) => new Mint(w, a * 10n)),
  fc.tuple(acct, acct, amount, pres).map(([s, d, a, p]) => new Transfer(s, d, a, p)),
  fc.tuple(acct, acct, fc.boolean()).map(([s, d, k]) => new TransferAll(s, d, k)),
  fc.tuple(acct, amount, pres).map(([w, a, p]) => new Burn(w, a, p)),
  fc.tuple(fc.constantFrom(...REASONS), acct, amount).map(([x, w, a]) => new Hold(x, w, a)),
  fc.tuple(fc.constantFrom(...REASONS), acct, amount, fc.boolean()).map(([x, w, a, b]) => new Release(x, w, a, b)),
  fc.tuple(fc.constantFrom(...FREEZE_IDS), acct, amount).map(([x, w, a]) => new Freeze(x, w, a)),
  fc.tuple(acct, amount, fc.option(acct, { nil: null })).map(([w, a, d]) => new Slash(w, a, d)),
];

describe('balances model-based', () => {
  it('matches the model and keeps conservation after every command', () => {
    fc.assert(
      fc.property(fc.commands(commands, { size: 'large' }), (cmds) => {
        const j = new Journal();
        const b = new Balances(j, new EventBuffer(j), { existentialDepositPlanck: ED, maxHolds: 50, maxFreezes: 50 });
        fc.modelRun(() => ({ model: new Model(), real: { j, b } }), cmds);
      }),
      { numRuns: 100 },
    );
  });
});

describe('model-based harness', () => {
  it('catches a planted bug and reports seed, replay path and the shrunk command list', () => {
    // a model that forgets that minting raises issuance: the harness must fail and say how to replay
    class ForgetfulMint extends Mint {
      override run(m: Model, r: Real) {
        tx(r, () => r.b.mint(this.who, this.amt));
        m.credit(this.who, this.amt);
        check(m, r);
      }
    }
    const cmds = [fc.tuple(acct, fc.bigInt(ED, 10n * ED)).map(([w, a]) => new ForgetfulMint(w, a))];
    const out = fc.check(fc.property(fc.commands(cmds, { size: 'large' }), (cs) => {
      const j = new Journal();
      const b = new Balances(j, new EventBuffer(j), { existentialDepositPlanck: ED, maxHolds: 50, maxFreezes: 50 });
      fc.modelRun(() => ({ model: new Model(), real: { j, b } }), cs);
    }), { seed: 12345 });
    expect(out.failed).toBe(true);
    const msg = fc.defaultReportMessage(out) ?? '';
    expect(msg).toMatch(/seed: 12345, path: "[0-9:]+"/);
    expect(msg).toMatch(/Counterexample: \[mint\(\w+, \d+\)/);
  });
});
