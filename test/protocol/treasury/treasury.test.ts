import { describe, it, expect } from 'vitest';
import { Runtime, runtimeConfigFromScenario } from '../../../protocol/runtime.js';
import { treasuryFromScenario } from '../../../protocol/pallets/treasury/index.js';
import { chainFromScenario } from '../../../protocol/chain-config.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';

const BAI = 10n ** 18n;
const T = 'pallet/treasury';
const spend = (amount: bigint, beneficiary: string) => ({ pallet: 'treasury' as const, name: 'spend' as const, args: { amount, beneficiary } });

function run(rt: Runtime, from: number, to: number) {
  for (let n = from; n <= to; n++) { rt.initializeBlock(n, 'author', n * 12_000); rt.finalizeBlock(); rt.checkInvariants(); }
}

describe('treasury spend periods (hand example)', () => {
  it('pays approvals in order within the budget, skips what does not fit, burns 1% only when nothing was missed', () => {
    const rt = new Runtime(runtimeConfigFromScenario({ treasury: { spendPeriodBlocks: 10, burn: 0.01 }, emissions: { blockReward: '0' } }),
      { endowed: [{ who: T, amountPlanck: 1000n * BAI }, { who: 'dave', amountPlanck: 600n * BAI }] });
    const ed = rt.config.chain.existentialDepositPlanck;
    expect(rt.applyRootCall(spend(300n * BAI, 'alice')).ok).toBe(true);
    expect(rt.applyRootCall(spend(800n * BAI, 'bob')).ok).toBe(true);
    expect(rt.applyRootCall(spend(100n * BAI, 'carol')).ok).toBe(true);
    run(rt, 1, 10);
    // budget 1000: alice 300 (700 left), bob 800 does not fit (missed), carol 100 (600 left); missed => no burn
    expect(rt.balances.free('alice')).toBe(300n * BAI);
    expect(rt.balances.free('bob')).toBe(0n);
    expect(rt.balances.free('carol')).toBe(100n * BAI);
    expect(rt.balances.free(T)).toBe(600n * BAI + ed);
    expect(rt.treasury.storage.approvals.get().map((s) => s.index)).toEqual([1]);
    // 500 more arrive (as fee shares or slashes would): budget 1100, bob paid (300 left), nothing missed: burn 3
    rt.initializeBlock(11, 'author', 11 * 12_000);
    expect(rt.balances.transfer('dave', T, 500n * BAI, 'Preserve').ok).toBe(true);
    rt.finalizeBlock();
    const ti = rt.balances.totalIssuance();
    run(rt, 12, 20);
    expect(rt.balances.free('bob')).toBe(800n * BAI);
    expect(rt.balances.free(T)).toBe(297n * BAI + ed);
    expect(ti - rt.balances.totalIssuance()).toBe(3n * BAI);
    expect(rt.stats.treasurySpent).toBe(1200n * BAI);
    expect(rt.stats.treasuryBurned).toBe(3n * BAI);
  });
  it('spend needs Root; a signed spend fails with BadOrigin and leaves the state root unchanged (fee aside)', () => {
    const rt = new Runtime(runtimeConfigFromScenario({}), { endowed: [{ who: 'eve', amountPlanck: 10n * BAI }] });
    rt.initializeBlock(1, 'author', 12_000);
    const before = Buffer.from(rt.stateRoot()).toString('hex');
    expect(rt.applyRootCall(spend(0n, 'eve')).ok).toBe(false);
    expect(Buffer.from(rt.stateRoot()).toString('hex')).toBe(before);
    const r = rt.applyExtrinsic({ signer: 'eve', call: spend(BAI, 'eve'), lengthBytes: 50 });
    expect(r.ok ? '' : r.error.error).toBe('BadOrigin');
    expect(rt.treasury.storage.approvals.get()).toEqual([]);
  });
  it('a spend to a new account below ED fails and is dropped; the funds stay', () => {
    const rt = new Runtime(runtimeConfigFromScenario({ treasury: { spendPeriodBlocks: 5 }, emissions: { blockReward: '0' } }),
      { endowed: [{ who: T, amountPlanck: 10n * BAI }] });
    const ed = rt.config.chain.existentialDepositPlanck;
    expect(rt.applyRootCall(spend(ed - 1n, 'newcomer')).ok).toBe(true);
    run(rt, 1, 4);
    rt.drainEvents();
    run(rt, 5, 5);
    const names = rt.drainEvents().filter((e) => e.pallet === 'treasury').map((e) => e.name);
    expect(names).toEqual(['Spending', 'SpendFailed', 'Rollover']);
    expect(rt.balances.free(T)).toBe(10n * BAI + ed);
    expect(rt.treasury.storage.approvals.get()).toEqual([]);
  });
  it('rejects a burn share over 100%', () => {
    expect(() => treasuryFromScenario({ burn: 1.5 }, chainFromScenario({}))).toThrow(ConfigError);
  });
});
