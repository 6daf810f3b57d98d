// Exposure::into_pages written out plainly (slices of the nominator list, each page's total summed): the tests'
// reference for collectExposures' one-pass paging, and a way to build exposures by hand for payout tests.
import type { ExposureOverview, ExposurePage, IndividualExposure } from '../../../protocol/pallets/staking/exposure.js';
import type { Planck } from '../../../protocol/primitives/units.js';

export function intoPages(own: Planck, total: Planck, others: readonly IndividualExposure[], pageSize: number):
    { overview: ExposureOverview; pages: ExposurePage[] } {
  const pages: ExposurePage[] = [];
  for (let i = 0; i < others.length; i += pageSize) {
    const chunk = others.slice(i, i + pageSize);
    let pageTotal = 0n;
    for (const x of chunk) pageTotal += x.value;
    pages.push({ pageTotal, others: chunk });
  }
  return { overview: { total, own, nominatorCount: others.length, pageCount: pages.length }, pages };
}
