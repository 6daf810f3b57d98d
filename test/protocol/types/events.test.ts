// Every event the core pallets emit in a run SCALE-encodes through the registry with exactly its registered fields
// and decodes back to the same bytes.
import { describe, it, expect } from 'vitest';
import { registry, eventCodec } from '../../../protocol/types/index.js';
import { Runtime, runtimeConfigFromScenario } from '../../../protocol/runtime.js';

const BAI = 10n ** 18n;
const CORE = new Set(['balances', 'payment', 'emissions', 'treasury', 'system']);

describe('runtime events encode through the registry', () => {
  it('balances, payment, emissions, treasury and system events round-trip', () => {
    const reg = registry();
    const rt = new Runtime(runtimeConfigFromScenario({ treasury: { spendPeriodBlocks: 3, burn: 0.01 } }),
      { endowed: [{ who: 'a', amountPlanck: 100n * BAI }, { who: 'b', amountPlanck: 2n * BAI }] });
    rt.drainEvents();
    const seen = new Set<string>();
    const check = () => {
      for (const ev of rt.drainEvents()) {
        if (!CORE.has(ev.pallet)) continue;
        const c = eventCodec(reg, ev);
        const bytes = c.toU8a();
        const back = ev.pallet === 'system' ? reg.createType('BaiSystemEvent', bytes) : reg.createType('BaiRuntimeEvent', bytes);
        expect(Buffer.from(back.toU8a()).equals(Buffer.from(bytes))).toBe(true);
        seen.add(`${ev.pallet}.${ev.name}`);
      }
    };
    rt.applyRootCall({ pallet: 'treasury', name: 'spend', args: { amount: BAI / 100n, beneficiary: 'c' } });
    rt.applyRootCall({ pallet: 'treasury', name: 'spend', args: { amount: 1n, beneficiary: 'nobody' } });
    for (let n = 1; n <= 3; n++) {
      rt.initializeBlock(n, 'a', n * 12_000);
      rt.applyExtrinsic({ signer: 'a', lengthBytes: 100, tip: 5n, call: { pallet: 'balances', name: 'transfer_allow_death', args: { dest: `new${n}`, value: BAI } } });
      rt.applyExtrinsic({ signer: 'b', lengthBytes: 100, call: { pallet: 'balances', name: 'transfer_all', args: { dest: 'a', keepAlive: false } } });
      rt.applyExtrinsic({ signer: 'a', lengthBytes: 100, call: { pallet: 'balances', name: 'burn', args: { value: 1000n * BAI, keepAlive: true } } });
      rt.applyExtrinsic({ signer: 'a', lengthBytes: 100, call: { pallet: 'balances', name: 'burn', args: { value: BAI, keepAlive: true } } });
      rt.finalizeBlock();
      check();
    }
    rt.balances.setFreeze('vote', 'a', BAI); rt.balances.thaw('vote', 'a');
    rt.balances.hold('deposit', 'a', BAI); rt.balances.release('deposit', 'a', BAI);
    rt.balances.slash('new1', BAI / 2n, 'pallet/treasury');
    rt.emissions.onEraEnd(0, 0n, 0);
    check();
    for (const e of ['balances.Transfer', 'balances.Endowed', 'balances.Burned', 'balances.Minted', 'balances.Frozen', 'balances.Thawed',
      'balances.Held', 'balances.Released', 'balances.Slashed', 'payment.TransactionFeePaid', 'system.ExtrinsicFailed',
      'treasury.SpendApproved', 'treasury.Spending', 'treasury.Awarded', 'treasury.SpendFailed', 'treasury.Burnt', 'treasury.Rollover',
      'emissions.EraStakerReward']) {
      expect(seen.has(e), e).toBe(true);
    }
  });
  it('a field-name drift between events.ts and types.ts is rejected', () => {
    expect(() => eventCodec(registry(), { pallet: 'balances', name: 'Transfer', data: { from: 'a', to: 'b', value: 1n } })).toThrow(/fields/);
    expect(() => eventCodec(registry(), { pallet: 'balances', name: 'Nope', data: {} })).toThrow(/not registered/);
  });
});
