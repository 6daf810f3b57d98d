import { describe, it, expect } from 'vitest';
import { Runtime, runtimeConfigFromScenario, type Extrinsic } from '../../../protocol/runtime.js';
import { err, OK } from '../../../protocol/primitives/dispatch.js';
import { jsonReplacer, jsonReviver } from '../../../protocol/primitives/storage.js';

const BAI = 10n ** 18n;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const USERS = 20;

function make(): Runtime {
  return new Runtime(runtimeConfigFromScenario({ treasury: { spendPeriodBlocks: 7, burn: 0.01 } }),
    { endowed: Array.from({ length: USERS }, (_, i) => ({ who: `u${i}`, amountPlanck: BigInt(i + 1) * BAI })) });
}

/** Deterministic workload: an LCG picks signer, kind, amount (some calls fail, some accounts die). */
function block(rt: Runtime, n: number, seed: { s: number }): void {
  const next = () => (seed.s = (seed.s * 1103515245 + 12345) % 2147483648);
  rt.initializeBlock(n, `u${n % 5}`, n * 12_000);
  for (let i = 0; i < 15; i++) {
    const signer = `u${next() % USERS}`, dest = `u${next() % (USERS + 3)}`;
    const value = (BigInt(next() % 1000) * BAI) / 500n;
    const k = next() % 4;
    const call: Extrinsic['call'] = k === 0 ? { pallet: 'balances', name: 'transfer_allow_death', args: { dest, value } }
      : k === 1 ? { pallet: 'balances', name: 'transfer_keep_alive', args: { dest, value } }
      : k === 2 ? { pallet: 'balances', name: 'transfer_all', args: { dest, keepAlive: next() % 2 === 0 } }
      : { pallet: 'balances', name: 'burn', args: { value: value / 10n, keepAlive: true } };
    rt.applyExtrinsic({ signer, call, lengthBytes: 100 + (next() % 100), tip: BigInt(next() % 3) * 1000n });
  }
  if (n % 10 === 0) rt.applyRootCall({ pallet: 'treasury', name: 'spend', args: { amount: BAI / 10n, beneficiary: `u${n % USERS}` } });
  rt.finalizeBlock();
}

describe('runtime', () => {
  it('keeps conservation and issuance accounting after every block of a short run', () => {
    const rt = make();
    const seed = { s: 42 };
    for (let n = 1; n <= 120; n++) {
      block(rt, n, seed);
      rt.checkInvariants();
      rt.drainEvents();
    }
    const s = rt.stats;
    expect(s.totalIssuance).toBe(s.genesisIssuance + s.minted - s.burned);
    expect(s.feesPaid > 0n && s.failedExtrinsics > 0).toBe(true);
    expect(s.feesBurned + s.feesToAuthors + s.feesToTreasury).toBe(s.feesPaid + s.tipsPaid);
  });

  it('a rejected call leaves the state root (and the event buffer) unchanged', () => {
    const rt = make();
    rt.initializeBlock(1, 'u0', 12_000);
    rt.finalizeBlock();
    const root = hex(rt.stateRoot());
    const nEvents = rt.events.length;
    const r = rt.journal.transactional(() => {
      rt.balances.mint('u1', 5n * BAI);
      rt.balances.hold('staking', 'u2', BAI / 2n);
      rt.balances.setFreeze('vote', 'u3', BAI);
      rt.balances.transfer('u4', 'new', BAI, 'Expendable');
      return err('test', 'Rejected');
    });
    expect(r.ok).toBe(false);
    expect(hex(rt.stateRoot())).toBe(root);
    expect(rt.events.length).toBe(nEvents);
    rt.checkInvariants();
    // and a committed one changes it
    expect(rt.journal.transactional(() => { rt.balances.mint('u1', 1n); return OK; }).ok).toBe(true);
    expect(hex(rt.stateRoot())).not.toBe(root);
  });

  it('a failed extrinsic keeps only the fee: the signer pays it, the call is rolled back, ExtrinsicFailed is emitted', () => {
    const rt = make();
    rt.initializeBlock(1, 'u0', 12_000);
    rt.drainEvents();
    const fee = rt.payment.inclusionFee(100, 50_000_000n);
    const before = rt.balances.free('u3');
    const r = rt.applyExtrinsic({ signer: 'u3', call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest: 'u4', value: 100n * BAI } }, lengthBytes: 100 });
    expect(r.ok ? '' : r.error.error).toBe('InsufficientBalance');
    expect(rt.balances.free('u3')).toBe(before - fee);
    const names = rt.drainEvents().map((e) => `${e.pallet}.${e.name}`);
    expect(names).toEqual(['payment.TransactionFeePaid', 'system.ExtrinsicFailed']);
    rt.finalizeBlock();
    rt.checkInvariants();
  });

  it('snapshot/restore (through JSON) reproduces the uninterrupted run exactly', () => {
    const a = make(), seedA = { s: 7 };
    for (let n = 1; n <= 40; n++) block(a, n, seedA);
    const snap = JSON.parse(JSON.stringify(a.snapshot(), jsonReplacer), jsonReviver);
    const seedAt40 = seedA.s;
    for (let n = 41; n <= 80; n++) block(a, n, seedA);
    const b = make();
    b.restoreSnapshot(snap);
    b.checkInvariants();
    const seedB = { s: seedAt40 };
    for (let n = 41; n <= 80; n++) block(b, n, seedB);
    expect(hex(b.stateRoot())).toBe(hex(a.stateRoot()));
    expect(b.stats).toEqual(a.stats);
  });

  it('enforces the block lifecycle', () => {
    const rt = make();
    expect(() => rt.finalizeBlock()).toThrow();
    expect(() => rt.initializeBlock(2, 'u0', 0)).toThrow();
    rt.initializeBlock(1, 'u0', 12_000);
    expect(() => rt.checkInvariants()).toThrow();
  });
});
