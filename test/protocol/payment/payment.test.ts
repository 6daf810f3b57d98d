import { describe, it, expect } from 'vitest';
import { feesFromScenario, nextFeeMultiplier, weightToFee, computeFee } from '../../../protocol/pallets/payment/index.js';
import { chainFromScenario } from '../../../protocol/chain-config.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import { Runtime, runtimeConfigFromScenario, isInvalidTransaction } from '../../../protocol/runtime.js';
import { FIXED_DIV } from '../../../protocol/primitives/fixed.js';

const chain = chainFromScenario({});
const cfg = feesFromScenario({}, chain);
const BAI = 10n ** 18n;
const toFloat = (x: bigint) => Number(x) / 1e18;

describe('TargetedFeeAdjustment golden values (SUBSTRATE.md §2.2)', () => {
  const v = 0.000075;
  it('a day (14,400 blocks) of full Normal blocks multiplies by ≈ 2.248', () => {
    let m = FIXED_DIV;
    for (let i = 0; i < 14_400; i++) m = nextFeeMultiplier(m, cfg.normalMaxWeight, cfg);
    const expected = (1 + v * 0.75 + (v * v * 0.75 * 0.75) / 2) ** 14_400; // closed form, independent of the code
    expect(Math.abs(toFloat(m) / expected - 1)).toBeLessThan(1e-10);
    expect(toFloat(m)).toBeCloseTo(2.248, 3);
  });
  it('a day of empty blocks multiplies by ≈ 0.763', () => {
    let m = FIXED_DIV;
    for (let i = 0; i < 14_400; i++) m = nextFeeMultiplier(m, 0n, cfg);
    const expected = (1 - v * 0.25 + (v * v * 0.25 * 0.25) / 2) ** 14_400;
    expect(Math.abs(toFloat(m) / expected - 1)).toBeLessThan(1e-10);
    expect(toFloat(m)).toBeCloseTo(0.763, 3);
  });
  it('a block exactly at target leaves the multiplier unchanged; the floor is 0.1', () => {
    const target = cfg.normalMaxWeight / 4n;
    expect(nextFeeMultiplier(3n * FIXED_DIV, target, cfg)).toBe(3n * FIXED_DIV);
    expect(nextFeeMultiplier(FIXED_DIV / 10n, 0n, cfg)).toBe(FIXED_DIV / 10n);
    expect(nextFeeMultiplier(0n, cfg.normalMaxWeight, cfg)).toBeGreaterThan(FIXED_DIV / 10n); // prev raised to M first
  });
});

describe('fee formula (SUBSTRATE.md §2.1, scaled to 18 decimals)', () => {
  it('base fee is 0.001 BAI (CENTS/10) up to the chain rounding of the Perbill coefficient', () => {
    const base = weightToFee(cfg, cfg.extrinsicBaseWeight);
    // p/q·w = 10^16 · 126,045,000 / 1,260,450,000 = 10^15 exactly; Perbill truncation of the fractional
    // coefficient loses < w/10^9 ≈ 0.13 planck, rounding to nearest adds ≤ 0.5.
    expect(base === 10n ** 15n || base === 10n ** 15n - 1n).toBe(true);
  });
  it('fee = base + length + multiplier × weight fee + tip', () => {
    const w = 50_000_000n, len = 140, tip = 7n;
    const f = computeFee(cfg, 2n * FIXED_DIV, len, w, tip);
    const exactWeightFee = (w * 10n ** 16n) / 1_260_450_000n; // 396,683,723,... planck
    expect(f.lengthFee).toBe(140n * 10n ** 14n);
    expect(f.adjustedWeightFee - 2n * exactWeightFee).toBeGreaterThanOrEqual(-2n);
    expect(f.adjustedWeightFee - 2n * exactWeightFee).toBeLessThanOrEqual(2n);
    expect(f.finalFee).toBe(f.baseFee + f.lengthFee + f.adjustedWeightFee + tip);
  });
});

describe('fee charging through the runtime', () => {
  const ed = chain.existentialDepositPlanck;
  function rt(split?: { burn: number; author: number; treasury: number }) {
    const r = new Runtime(runtimeConfigFromScenario({ fees: split ? { split } : {}, emissions: { blockReward: '0' } }),
      { endowed: [{ who: 'alice', amountPlanck: 100n * BAI }, { who: 'author', amountPlanck: BAI }, { who: 'bob', amountPlanck: BAI }] });
    r.initializeBlock(1, 'author', 12_000);
    return r;
  }
  const xfer = (value: bigint) => ({ pallet: 'balances' as const, name: 'transfer_keep_alive' as const, args: { dest: 'bob', value } });

  it('splits the inclusion fee 50/50 burn/author (author takes the odd planck) and gives the whole tip to the author', () => {
    const r = rt();
    const fee = r.payment.inclusionFee(140, 50_000_000n);
    const ti0 = r.balances.totalIssuance(), a0 = r.balances.free('author'), t0 = r.balances.free('pallet/treasury');
    expect(r.applyExtrinsic({ signer: 'alice', call: xfer(BAI), lengthBytes: 140, tip: 1001n }).ok).toBe(true);
    r.finalizeBlock();
    const burn = fee / 2n; // floor
    expect(r.balances.free('alice')).toBe(100n * BAI - BAI - fee - 1001n);
    expect(r.balances.free('author') - a0).toBe(fee - burn + 1001n);
    expect(ti0 - r.balances.totalIssuance()).toBe(burn);
    expect(r.balances.free('pallet/treasury')).toBe(t0);
    expect(r.stats.feesPaid).toBe(fee);
    expect(r.stats.tipsPaid).toBe(1001n);
    r.checkInvariants();
  });
  it('Polkadot split 80% treasury / 20% author', () => {
    const r = rt({ burn: 0, author: 0.2, treasury: 0.8 });
    const fee = r.payment.inclusionFee(100, 50_000_000n);
    const t0 = r.balances.free('pallet/treasury'), ti0 = r.balances.totalIssuance();
    expect(r.applyExtrinsic({ signer: 'alice', call: xfer(BAI), lengthBytes: 100 }).ok).toBe(true);
    r.finalizeBlock();
    expect(r.balances.free('pallet/treasury') - t0).toBe((fee * 8n) / 10n);
    expect(r.balances.totalIssuance()).toBe(ti0);
    r.checkInvariants();
  });
  it('fees never reap: an account that can pay only by dying is rejected and nothing changes', () => {
    const burn0 = { pallet: 'balances' as const, name: 'burn' as const, args: { value: 0n, keepAlive: true } };
    const probe = rt();
    const fee = probe.payment.inclusionFee(100, 40_000_000n); // burn's declared weight
    const r2 = new Runtime(runtimeConfigFromScenario({}), { endowed: [{ who: 'carol', amountPlanck: ed + fee - 1n }, { who: 'bob', amountPlanck: BAI }] });
    r2.initializeBlock(1, 'bob', 12_000);
    const root = r2.stateRoot();
    const res = r2.applyExtrinsic({ signer: 'carol', call: burn0, lengthBytes: 100 });
    expect(res.ok ? '' : res.error.error).toBe('InabilityToPayFees');
    expect(isInvalidTransaction(res)).toBe(true);
    expect(Buffer.from(r2.stateRoot()).equals(Buffer.from(root))).toBe(true);
    // with exactly ED + fee she pays and keeps exactly ED
    const r3 = new Runtime(runtimeConfigFromScenario({}), { endowed: [{ who: 'carol', amountPlanck: ed + fee }, { who: 'bob', amountPlanck: BAI }] });
    r3.initializeBlock(1, 'bob', 12_000);
    expect(r3.applyExtrinsic({ signer: 'carol', call: burn0, lengthBytes: 100 }).ok).toBe(true);
    expect(r3.balances.free('carol')).toBe(ed);
  });
  it('a full block rejects further extrinsics with ExhaustsResources', () => {
    const r = rt();
    const big = { signer: 'alice', call: xfer(1n * BAI), lengthBytes: Number(r.payment.config.normalMaxLengthBytes) };
    const res = r.applyExtrinsic({ ...big, lengthBytes: big.lengthBytes + 1 });
    expect(res.ok ? '' : res.error.error).toBe('ExhaustsResources');
  });
});

describe('fees section validation', () => {
  const bad = (s: object, path: string) => {
    try { feesFromScenario(s as never, chain); } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).path).toBe(path);
      return;
    }
    throw new Error('accepted bad input');
  };
  it('rejects a split not summing to 100%, a share over 100%, negative amounts', () => {
    bad({ split: { burn: 0.5, author: 0.4, treasury: 0 } }, 'fees.split');
    bad({ split: { burn: 1.2, author: 0, treasury: 0 } }, 'fees.split.burn');
    bad({ split: { burn: -0.1, author: 1, treasury: 0.1 } }, 'fees.split.burn');
    bad({ lengthFeePerByte: '-0.001' }, 'fees.lengthFeePerByte');
    bad({ weightFeeNumerator: 'abc' }, 'fees.weightFeeNumerator');
  });
});

describe('transaction priority (SUBSTRATE.md §2.3)', () => {
  it('(tip + 1) × max transactions per block, by the tighter of weight and length', () => {
    const r = new Runtime(runtimeConfigFromScenario({}), { endowed: [] });
    // weight-bound: 2e12 / 50e6 = 40,000 per block; length-bound: 3,932,160 / 100 = 39,321 -> 39,321
    expect(r.payment.priority(0n, 50_000_000n, 100)).toBe(39_321n);
    expect(r.payment.priority(9n, 50_000_000n, 100)).toBe(393_210n);
    // heavy call: 2e12 / 1e12 = 2 per block
    expect(r.payment.priority(0n, 1_000_000_000_000n, 10)).toBe(2n);
    expect(r.payment.priority(10n ** 30n, 1n, 1)).toBe((1n << 64n) - 1n); // saturates at u64::MAX
  });
});

describe('multiplier floor fast path is exact', () => {
  it('matches the full formula at the floor for any weight at or below target', () => {
    const full = (prev: bigint, used: bigint) => {
      // the formula without the fast path: prev − (v·d − v²/2·d²)·prev, clamped (floats suffice to see the clamp)
      const d = Number(cfg.normalMaxWeight / 4n - used) / Number(cfg.normalMaxWeight);
      const v = 0.000075;
      return Number(prev) * (1 - (v * d - (v * v / 2) * d * d)) <= Number(cfg.minMultiplier) ? cfg.minMultiplier : -1n;
    };
    const floor = cfg.minMultiplier;
    for (const used of [0n, 1n, cfg.normalMaxWeight / 8n, cfg.normalMaxWeight / 4n - 1n]) {
      expect(nextFeeMultiplier(floor, used, cfg)).toBe(full(floor, used));
    }
    expect(nextFeeMultiplier(floor, cfg.normalMaxWeight / 4n, cfg)).toBe(floor); // at target: unchanged
    expect(nextFeeMultiplier(floor, cfg.normalMaxWeight / 4n + 1_000_000n, cfg)).toBeGreaterThan(floor);
  });
});
