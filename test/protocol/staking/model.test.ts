// Model-based test (fast-check commands): bond / bond_extra / unbond / rebond / withdraw_unbonded / nominate /
// validate / chill and era advances against an independent model of each ledger. After every command:
// Σ(free + reserved) == issuance and no negatives (balances invariants), freeze == bonded total, frozen funds are
// never spendable, the ledger equals the model (so unbonding chunks mature exactly at era + bonding duration and are
// withdrawn exactly then), and a rejected call leaves the state root unchanged.
import { describe, it, expect } from 'vitest';
import * as A from 'node:assert/strict';
import fc from 'fast-check';
import { err } from '../../../protocol/primitives/dispatch.js';
import { direct, type Direct } from './direct.js';

const BD = 3;            // bonding duration (eras)
const MAX_CHUNKS = 3;
const MIN_NOM = 100n;
const MIN_VAL = 300n;
const ED = 1n;
const STAKERS = ['a', 'b', 'c', 'd'] as const;
const TARGETS = ['v1', 'v2', 'a', 'b'] as const;

interface MLedger { active: bigint; chunks: Array<{ value: bigint; era: number }> }
interface Model { era: number; ledgers: Map<string, MLedger>; role: Map<string, 'v' | 'n'> }

const total = (l: MLedger) => l.chunks.reduce((a, c) => a + c.value, l.active);
const minBond = (m: Model, who: string) => (m.role.get(who) === 'n' ? MIN_NOM : m.role.get(who) === 'v' ? MIN_VAL : 0n);

function check(m: Model, d: Direct): void {
  d.balances.checkInvariants();
  d.staking.checkInvariants();
  A.equal(d.staking.currentEra(), m.era);
  for (const who of STAKERS) {
    const ml = m.ledgers.get(who);
    const rl = d.staking.ledger(who);
    if (ml === undefined) { A.equal(rl, undefined, `${who} should have no ledger`); continue; }
    A.ok(rl, `${who} should have a ledger`);
    A.deepEqual({ active: rl.active, total: rl.total, chunks: rl.unlocking }, { active: ml.active, total: total(ml), chunks: ml.chunks });
    // Frozen funds are never spendable: reducible <= free - frozen, and a transfer of one planck more fails.
    const a = d.balances.account(who);
    A.equal(a.frozen, total(ml));
    const spendable = a.free > a.frozen ? a.free - a.frozen : 0n;
    A.ok(d.balances.reducibleBalance(who, 'Expendable', 'Polite') <= spendable, 'reducible exceeds free - frozen');
    let inner: boolean | null = null;
    d.journal.transactional(() => { inner = d.balances.transfer(who, 'v1', spendable + 1n, 'Expendable').ok; return err('test', 'rollback'); });
    A.equal(inner, false, 'spent frozen funds');
  }
}

/** Runs a call; if the model says it must fail, also checks the error and that the state root did not move. */
function run(d: Direct, who: string, call: Parameters<Direct['call']>[1], expectError: string | null): void {
  const before = expectError === null ? '' : d.root();
  const r = d.call(who, call);
  if (expectError === null) A.deepEqual(r, { ok: true, value: undefined });
  else {
    A.deepEqual(r, { ok: false, error: { pallet: 'staking', error: expectError } });
    A.equal(d.root(), before, 'a rejected call changed the state root');
  }
}

type Cmd = fc.Command<Model, Direct>;
const who = fc.constantFrom(...STAKERS);
const amount = fc.oneof(fc.bigInt(0n, 2000n), fc.constantFrom(0n, 1n, 99n, 100n, 300n, 5000n));

class Bond implements Cmd {
  constructor(readonly who: string, readonly value: bigint) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    if (m.ledgers.has(this.who)) { run(d, this.who, { name: 'bond', args: { value: this.value, payee: 'Stash' } }, 'AlreadyBonded'); return; }
    const free = d.balances.free(this.who);
    const v = this.value < free ? this.value : free;
    if (v < ED) { run(d, this.who, { name: 'bond', args: { value: this.value, payee: 'Stash' } }, 'InsufficientBond'); return; }
    run(d, this.who, { name: 'bond', args: { value: this.value, payee: 'Stash' } }, null);
    m.ledgers.set(this.who, { active: v, chunks: [] });
    check(m, d);
  }
  toString() { return `bond(${this.who}, ${this.value})`; }
}

class BondExtra implements Cmd {
  constructor(readonly who: string, readonly value: bigint) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    if (!l) { run(d, this.who, { name: 'bond_extra', args: { maxAdditional: this.value } }, 'NotStash'); return; }
    const free = d.balances.free(this.who);
    const avail = free > total(l) ? free - total(l) : 0n;
    const extra = this.value < avail ? this.value : avail;
    if (l.active + extra < ED) { run(d, this.who, { name: 'bond_extra', args: { maxAdditional: this.value } }, 'InsufficientBond'); return; }
    run(d, this.who, { name: 'bond_extra', args: { maxAdditional: this.value } }, null);
    l.active += extra;
    check(m, d);
  }
  toString() { return `bond_extra(${this.who}, ${this.value})`; }
}

class Unbond implements Cmd {
  constructor(readonly who: string, readonly value: bigint) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    const call = { name: 'unbond' as const, args: { value: this.value } };
    if (!l) { run(d, this.who, call, 'NotStash'); return; }
    let v = this.value < l.active ? this.value : l.active;
    let active = l.active - v;
    if (active < ED) { v += active; active = 0n; }
    const era = m.era + BD;
    const last = l.chunks[l.chunks.length - 1];
    if (v > 0n && !(last && last.era === era) && l.chunks.length >= MAX_CHUNKS) { run(d, this.who, call, 'NoMoreChunks'); return; }
    if (active < minBond(m, this.who)) { run(d, this.who, call, 'InsufficientBond'); return; }
    run(d, this.who, call, null);
    if (v > 0n) {
      if (last && last.era === era) last.value += v; else l.chunks.push({ value: v, era });
      l.active = active;
    }
    check(m, d);
  }
  toString() { return `unbond(${this.who}, ${this.value})`; }
}

class Rebond implements Cmd {
  constructor(readonly who: string, readonly value: bigint) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    const call = { name: 'rebond' as const, args: { value: this.value } };
    if (!l) { run(d, this.who, call, 'NotStash'); return; }
    if (l.chunks.length === 0) { run(d, this.who, call, 'NoUnlockChunk'); return; }
    const chunks = l.chunks.map((c) => ({ ...c }));
    let got = 0n;
    while (chunks.length > 0 && got < this.value) {
      const c = chunks[chunks.length - 1]!;
      const take = this.value - got < c.value ? this.value - got : c.value;
      got += take; c.value -= take;
      if (c.value === 0n) chunks.pop();
    }
    if (l.active + got < ED) { run(d, this.who, call, 'InsufficientBond'); return; }
    run(d, this.who, call, null);
    l.active += got; l.chunks = chunks;
    check(m, d);
  }
  toString() { return `rebond(${this.who}, ${this.value})`; }
}

class Withdraw implements Cmd {
  constructor(readonly who: string) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    const call = { name: 'withdraw_unbonded' as const, args: {} as Record<string, never> };
    if (!l) { run(d, this.who, call, 'NotStash'); return; }
    run(d, this.who, call, null);
    // Matured exactly: chunks with era <= current era are freed, later ones stay.
    l.chunks = l.chunks.filter((c) => c.era > m.era);
    if (l.chunks.length === 0 && l.active < ED) { m.ledgers.delete(this.who); m.role.delete(this.who); }
    check(m, d);
  }
  toString() { return `withdraw_unbonded(${this.who})`; }
}

class Nominate implements Cmd {
  constructor(readonly who: string, readonly targets: string[]) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    const call = { name: 'nominate' as const, args: { targets: this.targets } };
    if (!l) { run(d, this.who, call, 'NotStash'); return; }
    if (l.active < MIN_NOM || l.active === 0n) { run(d, this.who, call, 'InsufficientBond'); return; }
    if (this.targets.length === 0) { run(d, this.who, call, 'EmptyTargets'); return; }
    const isValidator = (t: string) => t === 'v1' || t === 'v2' || m.role.get(t) === 'v'; // self too: a validator until this call, as on chain
    if (!this.targets.every(isValidator)) { run(d, this.who, call, 'BadTarget'); return; }
    run(d, this.who, call, null);
    m.role.set(this.who, 'n');
    check(m, d);
  }
  toString() { return `nominate(${this.who}, [${this.targets}])`; }
}

class Validate implements Cmd {
  constructor(readonly who: string, readonly commission: bigint) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const l = m.ledgers.get(this.who);
    const call = { name: 'validate' as const, args: { commission: this.commission } };
    if (!l) { run(d, this.who, call, 'NotStash'); return; }
    if (l.active < MIN_VAL || l.active === 0n) { run(d, this.who, call, 'InsufficientBond'); return; }
    run(d, this.who, call, null);
    m.role.set(this.who, 'v');
    check(m, d);
  }
  toString() { return `validate(${this.who}, ${this.commission})`; }
}

class Chill implements Cmd {
  constructor(readonly who: string) {}
  check() { return true; }
  run(m: Model, d: Direct) {
    const call = { name: 'chill' as const, args: {} as Record<string, never> };
    if (!m.ledgers.has(this.who)) { run(d, this.who, call, 'NotStash'); return; }
    run(d, this.who, call, null);
    m.role.delete(this.who);
    check(m, d);
  }
  toString() { return `chill(${this.who})`; }
}

class AdvanceEra implements Cmd {
  check() { return true; }
  run(m: Model, d: Direct) {
    d.nextEra();
    m.era += 1;
    check(m, d);
  }
  toString() { return 'advance_era'; }
}

const commands = [
  fc.tuple(who, amount).map(([w, v]) => new Bond(w, v)),
  fc.tuple(who, amount).map(([w, v]) => new BondExtra(w, v)),
  fc.tuple(who, amount).map(([w, v]) => new Unbond(w, v)),
  fc.tuple(who, amount).map(([w, v]) => new Rebond(w, v)),
  who.map((w) => new Withdraw(w)),
  fc.tuple(who, fc.uniqueArray(fc.constantFrom(...TARGETS), { maxLength: 3 })).map(([w, t]) => new Nominate(w, t)),
  fc.tuple(who, fc.bigInt(0n, 1_000_000_000n)).map(([w, c]) => new Validate(w, c)),
  who.map((w) => new Chill(w)),
  fc.constant(new AdvanceEra()),
  fc.constant(new AdvanceEra()),
];

describe('staking model-based test', () => {
  it('bond/unbond/rebond/withdraw/nominate/validate/chill and eras keep every invariant', () => {
    fc.assert(fc.property(fc.commands(commands, { size: 'large' }), (cmds) => {
      const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 3, bondingDurationEras: BD, historyDepth: 4,
        maxUnlockingChunks: MAX_CHUNKS, minNominatorBond: '0.0000000000000001', minValidatorBond: '0.0000000000000003', slashDeferDurationEras: 0 },
        [['v1', 100_000n], ['v2', 100_000n], ['a', 3000n], ['b', 2000n], ['c', 1500n], ['d', 500n]],
        [{ stash: 'v1', bondPlanck: 50_000n, role: 'validator', payee: 'Stash', commission: 100_000_000n },
         { stash: 'v2', bondPlanck: 40_000n, role: 'validator', payee: 'Stash' }], { eraReward: 12_345n });
      const m: Model = { era: d.staking.currentEra(), ledgers: new Map(), role: new Map() };
      check(m, d);
      fc.modelRun(() => ({ model: m, real: d }), cmds);
    }), { numRuns: Number(process.env.STAKING_MODEL_RUNS ?? 5) });
  });
});
