// The election snapshot walks the ledger and nomination maps in iteration order into memoised positions of the
// merged voter order (VoterOrder, IterationPositions). Expectations: (1) a visit pairs every value with the position
// its key has in the order, after any sequence of sets, deletes, failed transactions and snapshot restores;
// (2) the snapshot equals the straightforward one (sorted keys merged, ledger and nominations looked up per voter),
// with each nominator's targets the very array held in storage, on random economies changed between snapshots.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Journal, StorageMap } from '../../../protocol/primitives/storage.js';
import { accountIdCodec, codec } from '../../../protocol/types/codecs.js';
import { err } from '../../../protocol/primitives/dispatch.js';
import { AccountOrder, IterationPositions, VoterOrder } from '../../../protocol/pallets/staking/account-order.js';
import type { Staking } from '../../../protocol/pallets/staking/index.js';
import type { VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { currencyToVoteFactor } from '../../../protocol/pallets/staking/election/currency-to-vote.js';
import { U64_MAX } from '../../../protocol/primitives/units.js';
import { compareAccount } from '../../../protocol/pallets/staking/election/result.js';
import { direct } from './direct.js';

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('IterationPositions', () => {
  it('visits every entry with its key position, through sets, deletes, failed transactions and restores', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), k: fc.integer({ min: 0, max: 20 }), v: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ kind: fc.constant('del' as const), k: fc.integer({ min: 0, max: 20 }), v: fc.constant(0) }),
      fc.record({ kind: fc.constant('failedTx' as const), k: fc.integer({ min: 0, max: 20 }), v: fc.constant(0) }),
      fc.record({ kind: fc.constant('restore' as const), k: fc.constant(0), v: fc.constant(0) }),
      fc.record({ kind: fc.constant('visit' as const), k: fc.constant(0), v: fc.constant(0) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const j = new Journal();
      const m = new StorageMap<string, number>('t.M', j, accountIdCodec, codec((v: number) => Uint8Array.of(v & 0xff)));
      // The order also holds keys the map lacks, and the map keys the order lacks (position -1: not visited).
      const universe = Array.from({ length: 21 }, (_, i) => `acct/${i}`).sort(byCodeUnits);
      const order = universe.filter((_, i) => i % 3 !== 1);
      const index = new Map(order.map((k, i) => [k, i]));
      const positions = new IterationPositions();
      let snap = m.snapshot();
      for (const o of ops) {
        const key = `acct/${o.k}`;
        if (o.kind === 'set') { m.set(key, o.v); snap = m.snapshot(); }
        else if (o.kind === 'del') m.delete(key);
        else if (o.kind === 'failedTx') j.transactional(() => { m.delete(key); m.set(key, 7); m.set(`acct/${(o.k + 5) % 21}`, 3); return err('t', 'E'); });
        else if (o.kind === 'restore') m.restoreSnapshot(snap);
        const got: Array<[number, number]> = [];
        positions.visit(m, order, index, (v, p) => { got.push([p, v]); });
        const want = [...m.keys()].filter((k) => index.has(k)).map((k) => [index.get(k)!, m.get(k)!] as [number, number]);
        expect(got.sort((a, b) => a[0] - b[0])).toEqual(want.sort((a, b) => a[0] - b[0]));
      }
    }), { numRuns: 200 });
  });
});

describe('VoterOrder', () => {
  it('merges two disjoint sorted lists into sorted order with roles and positions', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 30 }), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (names, roles) => {
      const v = names.filter((_, i) => roles[i]).sort(byCodeUnits);
      const n = names.filter((_, i) => !roles[i]).sort(byCodeUnits);
      const m = new VoterOrder().of(v, n);
      const all = [...names].sort(byCodeUnits);
      expect(m.who).toEqual(all);
      expect([...m.isValidator]).toEqual(all.map((w) => (v.includes(w) ? 1 : 0)));
      all.forEach((w, i) => expect(m.index.get(w)).toBe(i));
    }));
  });
});

/** The snapshot as it was first written: sorted key lists merged, ledger and nominations looked up per voter. */
function referenceSnapshot(st: Staking, totalIssuance: bigint): { candidates: string[]; voters: VoterInput[] } {
  const factor = currencyToVoteFactor(totalIssuance);
  const candidates = [...st.storage.validators.keys()].sort(byCodeUnits);
  const nominators = [...st.storage.nominators.keys()].sort(byCodeUnits);
  let voters: VoterInput[] = [];
  let i = 0, j = 0;
  while (i < candidates.length || j < nominators.length) {
    const takeValidator = j >= nominators.length || (i < candidates.length && candidates[i]! < nominators[j]!);
    const who = takeValidator ? candidates[i++]! : nominators[j++]!;
    const l = st.storage.ledger.get(who);
    if (l === undefined) continue;
    const v = l.active / factor;
    const weight = v > U64_MAX ? U64_MAX : v;
    if (weight === 0n) continue;
    voters.push({ who, weight, targets: takeValidator ? [who] : st.storage.nominators.get(who)!.targets });
  }
  if (voters.length > st.config.maxElectingVoters) {
    voters.sort((a, b) => (a.weight > b.weight ? -1 : a.weight < b.weight ? 1 : byCodeUnits(a.who, b.who)));
    voters = voters.slice(0, st.config.maxElectingVoters);
    voters.sort((a, b) => byCodeUnits(a.who, b.who));
  }
  return { candidates, voters };
}

const NAMES = ['v0', 'v1', 'v2', 'V3', 'n0', 'n1', 'N2', 'n3', 'a', 'zz', 'é', 'm/1'];

describe('electionSnapshot', () => {
  it('equals the lookup-per-voter snapshot as stakers bond, nominate, validate, chill, leave, and on rollback/restore', () => {
    const action = fc.record({
      who: fc.integer({ min: 0, max: NAMES.length - 1 }),
      kind: fc.constantFrom('bond', 'nominate', 'validate', 'chill', 'leave', 'bondExtra', 'failedTx', 'restore', 'check'),
      x: fc.bigInt({ min: 0n, max: 3000n }),
      t: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    });
    fc.assert(fc.property(fc.array(action, { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (actions, maxVoters) => {
      const d = direct({ eraBlocks: 2, sessionsPerEra: 1, validatorCount: 2, bondingDurationEras: 0, maxElectingVoters: maxVoters },
        NAMES.map((n) => [n, 10_000n] as [string, bigint]),
        [{ stash: 'v0', bondPlanck: 1000n, role: 'validator' }, { stash: 'v1', bondPlanck: 800n, role: 'validator' },
         { stash: 'n0', bondPlanck: 500n, role: 'nominator', targets: ['v0', 'v1'] }]);
      const st = d.staking;
      const check = () => {
        const got = st.electionSnapshot();
        const want = referenceSnapshot(st, d.balances.totalIssuance());
        expect(got).toEqual(want);
        for (const v of got.voters) if (st.storage.nominators.has(v.who)) expect(v.targets).toBe(st.storage.nominators.get(v.who)!.targets);
      };
      let snap = st.storage.snapshotItems().map((x) => x.snapshot());
      check();
      for (const a of actions) {
        const who = NAMES[a.who]!;
        const targets = a.t.map((i) => ['v0', 'v1', 'v2', 'V3'][i]!);
        if (a.kind === 'bond') d.call(who, { name: 'bond', args: { value: a.x, payee: 'Staked' } });
        else if (a.kind === 'bondExtra') d.call(who, { name: 'bond_extra', args: { maxAdditional: a.x } });
        else if (a.kind === 'nominate') d.call(who, { name: 'nominate', args: { targets } });
        else if (a.kind === 'validate') d.call(who, { name: 'validate', args: { commission: 0n } });
        else if (a.kind === 'chill') d.call(who, { name: 'chill', args: {} });
        else if (a.kind === 'leave') {
          d.call(who, { name: 'chill', args: {} });
          d.call(who, { name: 'unbond', args: { value: st.ledger(who)?.active ?? 0n } });
          d.call(who, { name: 'withdraw_unbonded', args: {} });
        } else if (a.kind === 'failedTx') {
          d.journal.transactional(() => { st.chill(who); st.killStash(who); return err('t', 'E'); });
        } else if (a.kind === 'restore') {
          st.storage.snapshotItems().forEach((x, i) => x.restoreSnapshot(snap[i]));
          // balances are not restored here: the snapshot reads only staking storage and total issuance
        } else {
          snap = st.storage.snapshotItems().map((x) => x.snapshot());
        }
        check();
      }
    }), { numRuns: 120 });
  });

  it('AccountOrder.indexed gives each key its position in the account order', () => {
    const j = new Journal();
    const m = new StorageMap<string, number>('t.M', j, accountIdCodec, codec((v: number) => Uint8Array.of(v)));
    for (const k of ['b', 'a', 'C', 'é', 'a1']) m.set(k, 1);
    const { order, index } = new AccountOrder().indexed(m);
    expect(order).toEqual(['C', 'a', 'a1', 'b', 'é']);
    expect([...index]).toEqual([['C', 0], ['a', 1], ['a1', 2], ['b', 3], ['é', 4]]);
  });
});

describe('AccountOrder (default sort)', () => {
  it('orders any account strings as compareAccount does (UTF-16 code units: astral, lone surrogates, case, prefixes)', () => {
    const name = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom('a', 'A', 'a0', 'a/0', '\uffff', '\ud83d\ude00', '\ud800', '\udfff', 'é', 'e\u0301', ''));
    fc.assert(fc.property(fc.uniqueArray(name, { maxLength: 40 }), (names) => {
      const m = new StorageMap<string, number>('t.M', new Journal(), accountIdCodec, codec((v: number) => Uint8Array.of(v)));
      for (const k of names) m.set(k, 1);
      expect(new AccountOrder().of(m)).toEqual([...names].sort(compareAccount));
    }), { numRuns: 300 });
  });
});
