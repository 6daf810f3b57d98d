// The Grant Programme (BALANCEAI.md §1, §4): each era the grant pool (the grants share of emissions minted into the
// pool account every block, plus anything carried over) goes to providers by the curation rule's model incentive and
// to curators by dividends (grants.providerShare). Payouts are transfers out of the pool account with Preserve, so
// the pool account itself is never reaped; the distributable pool is its reducible balance (free − ED). A payout a
// recipient can't receive (a new account below ED) joins the remainder, which is carried over or sent to the
// treasury (grants.remainder). Every era: paid + toTreasury + carried == pool, asserted.

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { assert } from '../../primitives/dispatch.js';
import type { Balances } from '../balances/index.js';
import type { Curation } from '../curation/index.js';
import type { Marketplace } from '../marketplace/index.js';
import type { GrantsConfig } from './config.js';
import { GrantsStorage } from './storage.js';
import { grantsEvents as E, type EraDistribution } from './events.js';
import { planEra, type Payout, type Weighted } from './distribute.js';

export interface GrantsAccounts { readonly pool: AccountId; readonly treasury: AccountId }

export class Grants {
  readonly storage: GrantsStorage;

  constructor(journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: GrantsConfig, readonly accounts: GrantsAccounts,
              private readonly curation: Curation, private readonly marketplace: Marketplace) {
    this.storage = new GrantsStorage(journal);
  }

  /** The pool that would be distributed now: the pool account's balance above ED. */
  poolPlanck(): Planck { return this.balances.reducibleBalance(this.accounts.pool, 'Preserve', 'Polite'); }

  /** Era end: run the curation epoch, pay out, route the remainder, restart the marketplace's era tally. */
  onEraEnd(era: number): EraDistribution {
    const pool = this.poolPlanck();
    const epoch = this.curation.runEpoch(era);
    const providers: Weighted[] = [];
    epoch.modelIds.forEach((id, i) => {
      const owner = this.marketplace.model(id)?.owner;
      assert(owner !== undefined, 'grants: served model without owner');
      if (epoch.incentive[i]! > 0) providers.push({ who: owner, weight: BigInt(epoch.incentive[i]!) });
    });
    const curators: Weighted[] = epoch.curators.map((who, i) => ({ who, weight: BigInt(epoch.dividends[i]!) }));
    const plan = planEra(pool, this.config.providerShareParts, providers, curators);

    const paidProviders = this.pay(era, plan.providers, 'provider');
    const paidCurators = this.pay(era, plan.curators, 'curator');
    const undistributed = pool - paidProviders - paidCurators;
    let toTreasury = 0n;
    if (this.config.remainder === 'treasury' && undistributed > 0n
        && this.balances.transfer(this.accounts.pool, this.accounts.treasury, undistributed, 'Preserve').ok) {
      toTreasury = undistributed;
    }
    const carried = undistributed - toTreasury;
    const d: EraDistribution = { era, poolPlanck: pool, paidProvidersPlanck: paidProviders, paidCuratorsPlanck: paidCurators,
      toTreasuryPlanck: toTreasury, carriedPlanck: carried };
    assert(paidProviders + paidCurators + toTreasury + carried === pool, 'grants: pool not fully accounted');
    assert(this.poolPlanck() === carried, 'grants: pool account balance differs from the carried remainder');
    this.storage.lastDistribution.set(d);
    const t = this.storage.totals.get();
    this.storage.totals.set({ providers: t.providers + paidProviders, curators: t.curators + paidCurators,
      treasury: t.treasury + toTreasury, eras: t.eras + 1 });
    this.events.push(E.eraDistributed(d));
    this.marketplace.clearEraPayments();
    return d;
  }

  private pay(era: number, payouts: readonly Payout[], kind: 'provider' | 'curator'): Planck {
    let paid = 0n;
    const ledger = kind === 'provider' ? this.storage.providerGrants : this.storage.curatorDividends;
    for (const p of payouts) {
      if (!this.balances.transfer(this.accounts.pool, p.who, p.amount, 'Preserve').ok) {
        this.events.push(E.payoutSkipped(era, p.who, p.amount));
        continue;
      }
      paid += p.amount;
      ledger.set(p.who, (ledger.get(p.who) ?? 0n) + p.amount);
      this.events.push(kind === 'provider' ? E.providerGrant(era, p.who, p.amount) : E.curatorDividend(era, p.who, p.amount));
    }
    return paid;
  }
}
