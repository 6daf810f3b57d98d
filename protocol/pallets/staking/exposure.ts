// Exposures (collect_exposures + Exposure::into_pages): turn election supports (vote units) into each validator's
// exposure in currency units: `own` from its self-vote, `others` in election (voter) order, total = own + Σothers,
// split into pages of `pageSize` nominators (not sorted, SUBSTRATE.md §3.3). ErasTotalStake = Σ totals.

import type { AccountId, Planck } from '../../primitives/units.js';
import { assert } from '../../primitives/dispatch.js';
import type { Support } from './election/result.js';
import { currencyToVoteFactor } from './election/currency-to-vote.js';

export interface IndividualExposure { readonly who: AccountId; readonly value: Planck }
export interface ExposureOverview {
  readonly total: Planck;
  readonly own: Planck;
  readonly nominatorCount: number;
  /** Number of nominator pages (0 when only own stake); claimable pages = max(pageCount, 1). */
  readonly pageCount: number;
}
export interface ExposurePage { readonly pageTotal: Planck; readonly others: readonly IndividualExposure[] }
export interface ValidatorExposure { readonly validator: AccountId; readonly overview: ExposureOverview; readonly pages: readonly ExposurePage[] }

export function collectExposures(supports: ReadonlyArray<readonly [AccountId, Support]>, totalIssuance: Planck,
                                 pageSize: number): ValidatorExposure[] {
  assert(Number.isInteger(pageSize) && pageSize >= 1, 'exposure: page size must be >= 1');
  const factor = currencyToVoteFactor(totalIssuance); // to_currency(v) = v * factor, factor fixed for the era
  return supports.map(([validator, support]) => {
    // One pass straight into pages (Exposure::into_pages over the whole list): each page's total is summed
    // as its entries are made, and total = own + Σ page totals, so no second bigint sum over every nominator and no
    // copy of the list into page slices (integer sums are exact, so the grouping gives the same total).
    const voters = support.voters;
    const pages: ExposurePage[] = [];
    let own = 0n, pageTotal = 0n, count = 0;
    let chunk: IndividualExposure[] = [];
    for (let i = 0; i < voters.length; i++) {
      const edge = voters[i]!;
      const who = edge[0], stake = edge[1] * factor;
      if (who === validator) { own += stake; continue; }
      chunk.push({ who, value: stake });
      pageTotal += stake;
      count++;
      if (chunk.length === pageSize) { pages.push({ pageTotal, others: chunk }); chunk = []; pageTotal = 0n; }
    }
    if (chunk.length > 0) pages.push({ pageTotal, others: chunk });
    let total = own;
    for (let p = 0; p < pages.length; p++) total += pages[p]!.pageTotal;
    return { validator, overview: { total, own, nominatorCount: count, pageCount: pages.length }, pages };
  });
}

export function claimablePages(o: ExposureOverview): number { return Math.max(o.pageCount, 1); }
