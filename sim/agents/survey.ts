// The per-era validator survey: what a staking dashboard publishes once per era and every agent reads (instead of
// each of 10k agents scanning chain storage). Built from chain state of the last completed era: each elected
// validator's reward pot (points share of the era reward), the commission it ran with, its own and total exposure;
// plus every current candidate's commission. Plain data (checkpointed), floats in BAI: behaviour, not ledger math.

import type { AccountId, Planck } from '../../protocol/primitives/units.js';
import type { Parts } from '../../protocol/primitives/perthing.js';
import { InvariantError } from '../../protocol/primitives/dispatch.js';

/** What the survey reads from chain state (an adapter over the staking pallet's storage). */
export interface SurveyReads {
  /** Elected validators of `era` (sorted or not: the survey sorts). */
  elected(era: number): readonly AccountId[];
  eraReward(era: number): Planck | undefined;
  points(era: number, v: AccountId): number;
  totalPoints(era: number): number;
  /** Exposure of v in `era`: own and total stake. */
  exposure(era: number, v: AccountId): { own: Planck; total: Planck } | undefined;
  /** Commission v ran with in `era` (parts per billion). */
  eraCommission(era: number, v: AccountId): Parts | undefined;
  /** Current validator candidates with their current commission (parts per billion). */
  candidates(): ReadonlyArray<readonly [AccountId, Parts]>;
}

export interface SurveyEntry {
  readonly id: AccountId;
  /** Current commission (fraction). */
  readonly commission: number;
  readonly elected: boolean;
  /** Last era's reward pot (BAI): commission + stakers' share; 0 when not elected. */
  readonly potBai: number;
  /** Commission it ran with last era (fraction). */
  readonly eraCommission: number;
  readonly ownBai: number;
  readonly stakeBai: number;
  /** Annualised yield a nominator would earn behind it at its CURRENT commission (observed pot; mean pot if not elected). */
  readonly yieldPerYear: number;
}

export interface Survey {
  /** The completed era described (-1: none yet). */
  readonly era: number;
  readonly entries: readonly SurveyEntry[];
  readonly meanPotBai: number;
  readonly meanStakeBai: number;
}

export const EMPTY_SURVEY: Survey = Object.freeze({ era: -1, entries: [], meanPotBai: 0, meanStakeBai: 0 });

const PARTS = 1e9;

/** Floating BAI of a planck amount (18 decimals by default); exact enough for behaviour. */
export function toBai(p: Planck, decimals: number): number { return Number(p) / 10 ** decimals; }

/**
 * Survey of completed era `era`. Yield of a nominator behind v per era = pot_v·(1 − c_v)/stake_v (all of the pot
 * after commission is shared pro rata over the exposure, own stake included), annualised by erasPerYear; a
 * candidate not elected last era is rated at the mean pot and mean stake of the elected ones.
 */
export function buildSurvey(r: SurveyReads, era: number, erasPerYear: number, decimals: number): Survey {
  if (era < 0) return EMPTY_SURVEY;
  const reward = r.eraReward(era) ?? 0n;
  const totalPoints = r.totalPoints(era);
  const observed = new Map<AccountId, { pot: number; c: number; own: number; stake: number }>();
  let potSum = 0, stakeSum = 0;
  for (const v of r.elected(era)) {
    const e = r.exposure(era, v);
    if (e === undefined) continue;
    const pts = r.points(era, v);
    // the chain's pot is Perbill(points/total) × reward (exact bigint); this float is the same up to rounding
    const pot = totalPoints > 0 ? toBai(reward, decimals) * pts / totalPoints : 0;
    const stake = toBai(e.total, decimals);
    observed.set(v, { pot, c: Number(r.eraCommission(era, v) ?? 0n) / PARTS, own: toBai(e.own, decimals), stake });
    potSum += pot; stakeSum += stake;
  }
  const n = observed.size;
  const meanPotBai = n > 0 ? potSum / n : 0, meanStakeBai = n > 0 ? stakeSum / n : 0;
  const entries: SurveyEntry[] = [];
  const cands = [...r.candidates()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [id, parts] of cands) {
    const c = Number(parts) / PARTS;
    const o = observed.get(id);
    const pot = o?.pot ?? meanPotBai, stake = o?.stake ?? meanStakeBai;
    const y = stake > 0 ? pot * (1 - c) / stake * erasPerYear : 0;
    if (Number.isNaN(y)) throw new InvariantError(`survey: yield of ${id} is NaN`); // rankings need comparable yields
    entries.push({
      id, commission: c, elected: o !== undefined, potBai: o?.pot ?? 0, eraCommission: o?.c ?? c,
      ownBai: o?.own ?? 0, stakeBai: o?.stake ?? 0, yieldPerYear: y,
    });
  }
  return { era, entries, meanPotBai, meanStakeBai };
}

/** A validator's own income from the surveyed era (BAI): its commission plus its own stake's share of the rest. */
export function validatorIncomeBai(e: SurveyEntry): number {
  if (!e.elected || e.stakeBai <= 0) return 0;
  return e.potBai * e.eraCommission + e.potBai * (1 - e.eraCommission) * (e.ownBai / e.stakeBai);
}
