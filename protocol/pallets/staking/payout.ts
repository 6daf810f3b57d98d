// Splitting a validator's era reward (do_payout_stakers_by_page, SUBSTRATE.md §3.6), with the chain's rounding:
// every Perbill::from_rational rounds down and every Perbill * x rounds to nearest; whatever is lost to rounding
// stays unminted (the lab counts it when the era expires).
//   V_total    = Perbill(points_v / Σpoints) * era_reward
//   commission = commission_v * V_total ; leftover = V_total - commission
//   page p: validator gets Perbill(own_p/total)*leftover + Perbill((own_p + page_total_p)/total)*commission
//           (own_p = own on page 0, else 0); each nominator n: Perbill(value_n/total)*leftover

import type { AccountId, Planck } from '../../primitives/units.js';
import { PERBILL, fromRational, mulRound, type Parts } from '../../primitives/perthing.js';
import type { ExposureOverview, ExposurePage } from './exposure.js';

export interface ValidatorPot { readonly total: Planck; readonly commission: Planck; readonly leftover: Planck }

export function validatorPot(eraReward: Planck, points: bigint, totalPoints: bigint, commission: Parts): ValidatorPot {
  // "Nothing to do if they have no reward points" (the chain returns before Perbill(0/0) = 100% could apply).
  if (points === 0n) return { total: 0n, commission: 0n, leftover: 0n };
  const total = mulRound(PERBILL, fromRational(PERBILL, points, totalPoints), eraReward);
  const c = mulRound(PERBILL, commission, total);
  return { total, commission: c, leftover: total - c };
}

export interface PagePayout {
  readonly validator: Planck;
  readonly nominators: ReadonlyArray<readonly [AccountId, Planck]>;
}

export function pagePayout(pot: ValidatorPot, overview: ExposureOverview, page: number, exposurePage: ExposurePage | undefined): PagePayout {
  const others = exposurePage?.others ?? [];
  const nominators = others.map((n) => [n.who, nominatorShare(pot, overview.total, n.value)] as const);
  return { validator: validatorPageShare(pot, overview, page, exposurePage), nominators };
}

/** The validator's part of page `page`: its own stake's share (page 0 only) plus the page's share of commission. */
export function validatorPageShare(pot: ValidatorPot, overview: ExposureOverview, page: number, exposurePage: ExposurePage | undefined): Planck {
  const own = page === 0 ? overview.own : 0n;
  const pageTotal = (exposurePage?.pageTotal ?? 0n) + own;
  const staking = mulRound(PERBILL, fromRational(PERBILL, own, overview.total), pot.leftover);
  const commission = mulRound(PERBILL, fromRational(PERBILL, pageTotal, overview.total), pot.commission);
  return staking + commission;
}

/** A nominator's part of a page: Perbill(value / total) * leftover (auto payout sums these without a tuple each). */
export function nominatorShare(pot: ValidatorPot, total: Planck, value: Planck): Planck {
  return mulRound(PERBILL, fromRational(PERBILL, value, total), pot.leftover);
}
