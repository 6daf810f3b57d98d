// Pure emission formulas: the halving schedule and the Substrate NPoS inflation curve (SUBSTRATE.md §3.5(a)).
import { PERQUINTILL, PERBILL, fromRational, mulRound, mulFloor } from '../../primitives/perthing.js';
import type { Planck } from '../../primitives/units.js';

/**
 * Reward of block n (n >= 1; genesis block 0 pays nothing): blockReward >> floor((n − 1) / interval), so blocks
 * 1..interval pay the full reward and each halving period emits exactly interval × its reward. Capped by `roomPlanck`.
 */
export function halvingReward(n: number, blockRewardPlanck: Planck, intervalBlocks: number, roomPlanck: Planck): Planck {
  if (n < 1 || roomPlanck <= 0n) return 0n;
  const halvings = Math.floor((n - 1) / intervalBlocks);
  const r = halvings >= 256 ? 0n : blockRewardPlanck >> BigInt(halvings);
  return r < roomPlanck ? r : roomPlanck;
}

export interface BudgetSplit { readonly stakers: Planck; readonly grants: Planck; readonly treasury: Planck }

/** Split by Perbill: grants and treasury shares are floored; stakers take the remainder, so the parts sum exactly. */
export function splitBudget(amount: Planck, split: { stakers: bigint; grants: bigint; treasury: bigint }): BudgetSplit {
  const grants = mulFloor(PERBILL, split.grants, amount);
  const treasury = mulFloor(PERBILL, split.treasury, amount);
  return { stakers: amount - grants - treasury, grants, treasury };
}

const Q = 10n ** 18n; // Perquintill accuracy
const LN2_Q36 = 693147180559945309417232121458176568n; // ln 2 · 10^36

/** 2^(−y) for y = num/den >= 0, in Perquintill parts (Taylor series of e^(−y·ln2) at 10^36 precision, rounded). */
export function pow2Neg(num: bigint, den: bigint): bigint {
  const P = 10n ** 36n;
  // reduce: 2^-y = 2^-k · 2^-f with k = floor(y), f in [0, 1)
  const k = num / den;
  if (k >= 128n) return 0n;
  const f = ((num % den) * P) / den;        // f · 10^36
  const z = (f * LN2_Q36) / P;              // f·ln2 · 10^36, in [0, 0.694)
  let term = P; let sum = P;
  for (let i = 1n; i < 60n && term !== 0n; i++) {
    term = (term * z) / P / i;
    sum += i % 2n === 1n ? -term : term;
  }
  const v = sum >> k;                          // · 2^-k
  return (v + 5n * 10n ** 17n) / 10n ** 18n;  // 10^36 -> 10^18, rounded to nearest
}

/** compute_inflation(stake, ideal, falloff) (pallet_staking_reward_fn): adjustment factor in Perquintill. */
export function nposAdjustment(stakePq: bigint, idealPq: bigint, falloffPq: bigint): bigint {
  if (stakePq < idealPq) return fromRational(PERQUINTILL, stakePq, idealPq);
  return pow2Neg(stakePq - idealPq, falloffPq);
}

export interface NposPayout { readonly stakingPayout: Planck; readonly maxPayout: Planck; readonly rest: Planck }

/** relay_era_payout (SUBSTRATE.md §3.5(a)), total stakable = total issuance, no auction adjustment. */
export function nposEraPayout(totalStaked: Planck, totalIssuance: Planck, eraDurationMs: number,
                              p: { minInflation: bigint; maxInflation: bigint; idealStake: bigint; falloff: bigint }): NposPayout {
  const x = fromRational(PERQUINTILL, totalStaked, totalIssuance);
  const adj = nposAdjustment(x, p.idealStake, p.falloff);
  const inflation = p.minInflation + mulRound(PERQUINTILL, adj, p.maxInflation - p.minInflation);
  const period = fromRational(PERQUINTILL, BigInt(eraDurationMs), 31_557_600_000n); // Julian year in ms
  const maxPayout = mulRound(PERQUINTILL, mulRound(PERQUINTILL, period, p.maxInflation), totalIssuance);
  const stakingPayout = mulRound(PERQUINTILL, mulRound(PERQUINTILL, period, inflation), totalIssuance);
  return { stakingPayout, maxPayout, rest: maxPayout > stakingPayout ? maxPayout - stakingPayout : 0n };
}
export { Q as PERQUINTILL_ONE };
