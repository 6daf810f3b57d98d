// Grants storage: the last era's distribution, cumulative totals, and what each account has received.
import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { accountIdCodec, codec, concat, encodeU128, encodeU32, u128Codec } from '../../types/codecs.js';
import type { EraDistribution } from './events.js';

export interface GrantsTotals { readonly providers: Planck; readonly curators: Planck; readonly treasury: Planck; readonly eras: number }
export const ZERO_TOTALS: GrantsTotals = Object.freeze({ providers: 0n, curators: 0n, treasury: 0n, eras: 0 });
export const NO_DISTRIBUTION: EraDistribution = Object.freeze({ era: 0, poolPlanck: 0n, paidProvidersPlanck: 0n,
  paidCuratorsPlanck: 0n, toTreasuryPlanck: 0n, carriedPlanck: 0n });

export const encodeDistribution = (d: EraDistribution) => concat([encodeU32(d.era), encodeU128(d.poolPlanck),
  encodeU128(d.paidProvidersPlanck), encodeU128(d.paidCuratorsPlanck), encodeU128(d.toTreasuryPlanck), encodeU128(d.carriedPlanck)]);
export const encodeTotals = (t: GrantsTotals) => concat([encodeU128(t.providers), encodeU128(t.curators), encodeU128(t.treasury), encodeU32(t.eras)]);

export class GrantsStorage {
  readonly lastDistribution: StorageValue<EraDistribution>;
  readonly totals: StorageValue<GrantsTotals>;
  readonly providerGrants: StorageMap<AccountId, Planck>;
  readonly curatorDividends: StorageMap<AccountId, Planck>;
  constructor(journal: Journal) {
    this.lastDistribution = new StorageValue('grants.LastDistribution', journal, NO_DISTRIBUTION, codec(encodeDistribution));
    this.totals = new StorageValue('grants.Totals', journal, ZERO_TOTALS, codec(encodeTotals));
    this.providerGrants = new StorageMap('grants.ProviderGrants', journal, accountIdCodec, u128Codec);
    this.curatorDividends = new StorageMap('grants.CuratorDividends', journal, accountIdCodec, u128Codec);
  }
  rootItems() { return [this.lastDistribution, this.totals, this.providerGrants, this.curatorDividends]; }
  snapshotItems() { return this.rootItems(); }
}
