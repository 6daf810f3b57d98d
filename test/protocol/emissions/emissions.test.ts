import { describe, it, expect } from 'vitest';
import { halvingReward, splitBudget, nposEraPayout, pow2Neg, emissionsFromScenario } from '../../../protocol/pallets/emissions/index.js';
import { chainFromScenario } from '../../../protocol/chain-config.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import { Runtime, runtimeConfigFromScenario } from '../../../protocol/runtime.js';

const BAI = 10n ** 18n;
const chain = chainFromScenario({});
const cfg = emissionsFromScenario({}, chain);
const BIG = 1n << 200n;

describe('halving schedule (BALANCEAI.md §2)', () => {
  it('block 1..10,500,000 pay 1 BAI, then 0.5, 0.25 ...; genesis pays nothing', () => {
    const I = 10_500_000;
    expect(halvingReward(0, BAI, I, BIG)).toBe(0n);
    expect(halvingReward(1, BAI, I, BIG)).toBe(BAI);
    expect(halvingReward(I, BAI, I, BIG)).toBe(BAI);
    expect(halvingReward(I + 1, BAI, I, BIG)).toBe(BAI / 2n);
    expect(halvingReward(2 * I + 1, BAI, I, BIG)).toBe(BAI / 4n);
    expect(halvingReward(64 * I + 1, BAI, I, BIG)).toBe(0n);
  });
  it('per-period totals are hand values: 10.5M, 5.25M, 2.625M, 1.3125M BAI, and the whole schedule stays under 21M', () => {
    const I = 10_500_000n;
    const hand = [10_500_000n * BAI, 5_250_000n * BAI, 2_625_000n * BAI, 1_312_500n * BAI];
    for (let k = 0; k < 4; k++) expect(I * halvingReward(k * 10_500_000 + 1, BAI, 10_500_000, BIG)).toBe(hand[k]);
    let total = 0n;
    for (let k = 0; k < 70; k++) total += I * halvingReward(k * 10_500_000 + 1, BAI, 10_500_000, BIG);
    expect(total).toBeLessThanOrEqual(21_000_000n * BAI);
    expect(21_000_000n * BAI - total).toBeLessThan(BAI); // truncation of R >> k loses < 1 BAI overall
  });
  it('the room under max supply caps the reward', () => {
    expect(halvingReward(1, BAI, 10, 3n)).toBe(3n);
    expect(halvingReward(1, BAI, 10, 0n)).toBe(0n);
  });
  it('splits exactly: grants and treasury floored, stakers take the remainder (hand-computed)', () => {
    expect(splitBudget(BAI, cfg.split)).toEqual({ stakers: 440_000_000_000_000_000n, grants: 480_000_000_000_000_000n, treasury: 80_000_000_000_000_000n });
    // 1 BAI >> 20 = 953,674,316,406 planck: 0.48 × = 457,763,671,874.88 -> 457,763,671,874; 0.08 × = 76,293,945,312.48 -> 76,293,945,312
    expect(splitBudget(BAI >> 20n, cfg.split)).toEqual({ stakers: 419_616_699_220n, grants: 457_763_671_874n, treasury: 76_293_945_312n });
  });
});

describe('emissions in the runtime', () => {
  it('mints treasury and grant shares per block, accrues the stakers share for staking to take at era end', () => {
    const rt = new Runtime(runtimeConfigFromScenario({}), { endowed: [] });
    const t0 = rt.balances.free('pallet/treasury'), g0 = rt.balances.free('pallet/grants');
    for (let n = 1; n <= 100; n++) { rt.initializeBlock(n, 'author', n * 12_000); rt.finalizeBlock(); rt.checkInvariants(); }
    expect(rt.balances.free('pallet/treasury') - t0).toBe(8n * BAI);
    expect(rt.balances.free('pallet/grants') - g0).toBe(48n * BAI);
    expect(rt.stats.emittedTo).toEqual({ stakers: 44n * BAI, grants: 48n * BAI, treasury: 8n * BAI });
    expect(rt.stats.minted).toBe(56n * BAI); // stakers' share is minted lazily by staking at payout
    expect(rt.emissions.takeEraStakerReward(0)).toBe(44n * BAI);
    expect(rt.emissions.takeEraStakerReward(1)).toBe(0n);
  });
  it('never issues beyond maxSupply: a 15 BAI cap with 10-block halvings ends at exactly 15 BAI', () => {
    // genesis = 2 pallet accounts × ED 0.01 = 0.02 BAI; room 14.98: blocks 1..10 -> 10, 11..19 -> 4.5, block 20 -> 0.48 (capped)
    const rt = new Runtime(runtimeConfigFromScenario({ emissions: { maxSupply: '15', halvingIntervalBlocks: 10, split: { stakers: 0, grants: 0.5, treasury: 0.5 } } }), { endowed: [] });
    for (let n = 1; n <= 60; n++) {
      rt.initializeBlock(n, 'author', n * 12_000); rt.finalizeBlock();
      if (n === 19) expect(rt.balances.totalIssuance()).toBe(1452n * BAI / 100n);
    }
    expect(rt.balances.totalIssuance()).toBe(15n * BAI);
    expect(rt.emissions.remainingRoom()).toBe(0n);
    rt.checkInvariants();
  });
  it('burns do not reopen room under the cap', () => {
    const rt = new Runtime(runtimeConfigFromScenario({ emissions: { maxSupply: '2.02', halvingIntervalBlocks: 100, split: { stakers: 0, grants: 0, treasury: 1 } } }), { endowed: [] });
    for (let n = 1; n <= 2; n++) { rt.initializeBlock(n, 'a', n); rt.finalizeBlock(); }
    expect(rt.balances.totalIssuance()).toBe(202n * BAI / 100n);
    rt.initializeBlock(3, 'a', 3);
    rt.finalizeBlock();
    expect(rt.balances.burn('pallet/treasury', BAI, 'Preserve').ok).toBe(true);
    for (let n = 4; n <= 10; n++) { rt.initializeBlock(n, 'a', n); rt.finalizeBlock(); }
    expect(rt.balances.totalIssuance()).toBe(102n * BAI / 100n);
    rt.checkInvariants();
  });
});

describe('NPoS curve (SUBSTRATE.md §3.5(a))', () => {
  const p = cfg.npos;
  const day = 86_400_000;
  const ti = 1_000_000_000n * BAI;
  it('below ideal stake: I = 2.5% + 7.5% × x/0.75', () => {
    const r = nposEraPayout(ti / 2n, ti, day, p);
    const period = day / 31_557_600_000;
    const expected = 1e9 * period * (0.025 + 0.075 * (0.5 / 0.75));
    expect(Math.abs(Number(r.stakingPayout) / 1e18 / expected - 1)).toBeLessThan(1e-9);
    expect(Math.abs(Number(r.maxPayout) / 1e18 / (1e9 * period * 0.1) - 1)).toBeLessThan(1e-9);
    expect(r.rest).toBe(r.maxPayout - r.stakingPayout);
  });
  it('above ideal stake: falloff 2^((ideal − x)/d)', () => {
    const r = nposEraPayout((ti * 85n) / 100n, ti, day, p);
    const expected = 1e9 * (day / 31_557_600_000) * (0.025 + 0.075 * 0.25);
    expect(Math.abs(Number(r.stakingPayout) / 1e18 / expected - 1)).toBeLessThan(1e-9);
    expect(Number(pow2Neg(1n, 2n))).toBeCloseTo(Math.SQRT1_2 * 1e18, -3);
    expect(pow2Neg(0n, 1n)).toBe(10n ** 18n);
    expect(pow2Neg(3n, 1n)).toBe(125_000_000_000_000_000n);
  });
  it('npos model: staking takes the payout at era end, the rest is minted to grants/treasury by their share ratio', () => {
    const rt = new Runtime(runtimeConfigFromScenario({ emissions: { model: 'npos' } }), { endowed: [{ who: 'w', amountPlanck: 1_000_000n * BAI }] });
    rt.initializeBlock(1, 'a', 1);
    rt.finalizeBlock();
    expect(rt.stats.minted).toBe(0n);
    const ti0 = rt.balances.totalIssuance();
    const stakers = rt.emissions.onEraEnd(0, ti0 / 2n, day);
    const exp = nposEraPayout(ti0 / 2n, ti0, day, p);
    expect(stakers).toBe(exp.stakingPayout);
    expect(rt.balances.totalIssuance() - ti0).toBe(exp.rest);
    expect(rt.stats.emittedTo.grants).toBe((exp.rest * 48n) / 56n);
    rt.checkInvariants();
  });
});

describe('emissions section validation', () => {
  const bad = (s: object, path: string) => {
    let e: unknown = null;
    try { emissionsFromScenario(s as never, chain); } catch (x) { e = x; }
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).path).toBe(path);
  };
  it('rejects bad budgets and amounts with the parameter path', () => {
    bad({ split: { stakers: 0.44, grants: 0.48, treasury: 0.09 } }, 'emissions.split');
    bad({ split: { stakers: 0.44, grants: 0.48, treasury: 2 } }, 'emissions.split.treasury');
    bad({ blockReward: '-1' }, 'emissions.blockReward');
    bad({ maxSupply: -5 }, 'emissions.maxSupply');
    bad({ model: 'linear' }, 'emissions.model');
    bad({ halvingIntervalBlocks: 0 }, 'emissions.halvingIntervalBlocks');
  });
  it('rejects genesis issuance above max supply', () => {
    expect(() => new Runtime(runtimeConfigFromScenario({ emissions: { maxSupply: '1' } }), { endowed: [{ who: 'w', amountPlanck: 2n * BAI }] }))
      .toThrow(ConfigError);
  });
});
