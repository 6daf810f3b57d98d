// Marketplace KPIs (BALANCEAI.md §5 questions 3–5): who captures the grant pool, whether wash usage and sybil
// providers pay, how provider count and income concentration evolve. Each KPI is defined once here.
//
// Cumulative amounts are read from chain state (grants.ProviderGrants / CuratorDividends, marketplace.Revenue and
// CallLog); group KPIs (cabal, wash, sybil) need the population's role map, which the marketplace plugin supplies.

import type { AccountId, Planck } from '../../../protocol/primitives/units.js';
import type { KpiDef, KpiSource, KpiValues } from '../kpi.js';

export const MARKETPLACE_KPIS: readonly KpiDef[] = [
  { name: 'grantShareByCabal', unit: 'ratio', series: true,
    description: 'Share of all grants paid so far (provider grants + curator dividends) received by the curator cabal\'s accounts (its curators and providers).' },
  { name: 'washProfit', unit: 'planck', series: true,
    description: 'Net wealth change (free + reserved, vs genesis) of the wash-usage groups (wash providers and the consumer accounts paying them): grants and outside revenue minus network and inclusion fees. Negative = wash usage does not pay.' },
  { name: 'sybilProfit', unit: 'planck', series: true,
    description: 'Net wealth change (vs genesis) of all sybil provider accounts: grants and revenue minus fees (bonds and deposits are held, not lost).' },
  { name: 'providerCount', unit: 'count', series: true, description: 'Provider accounts with at least one served model (AI node bonded).' },
  { name: 'grantGini', unit: 'ratio', series: true, description: 'Gini coefficient of cumulative provider grants over every provider account of the population (0 = equal, 1 = one takes all).' },
  { name: 'topProviderShare', unit: 'ratio', series: true, description: 'Largest single provider\'s share of cumulative provider grants.' },
  { name: 'consumerCalls', unit: 'count', series: true, description: 'Cumulative paid model calls (single and aggregated).' },
  { name: 'providerRevenue', unit: 'planck', series: true, description: 'Cumulative call revenue (prices paid) received by providers.' },
  { name: 'curatorDividends', unit: 'planck', series: true, description: 'Cumulative grant dividends paid to curators.' },
  { name: 'lazyCuratorShare', unit: 'ratio', series: true,
    description: 'Share of curator dividends received by lazy curators (who copy the published consensus instead of evaluating models).' },
];

/** What the marketplace KPIs read from the chain (an adapter over the runtime's pallets). */
export interface MarketplaceReads {
  callCount(): bigint;
  revenue(): Iterable<Planck>;
  providerGrants(): Iterable<readonly [AccountId, Planck]>;
  curatorDividends(): Iterable<readonly [AccountId, Planck]>;
  providerCount(): number;
  /** free + reserved */
  wealth(who: AccountId): Planck;
}

/** The population's roles: which accounts belong to which group, and their genesis endowment. */
export interface MarketplaceRoles {
  readonly providers: readonly AccountId[];
  readonly cabal: ReadonlySet<AccountId>;
  readonly wash: readonly AccountId[];
  readonly sybil: readonly AccountId[];
  readonly lazy: ReadonlySet<AccountId>;
  readonly genesisWealth: ReadonlyMap<AccountId, Planck>;
}

/** Gini of non-negative amounts: Σ_i Σ_j |x_i − x_j| / (2 n Σx), via the sorted form (2 Σ i·x_(i) / (n Σx) − (n+1)/n). */
export function gini(xs: readonly Planck[]): number {
  const n = xs.length;
  const total = xs.reduce((a, x) => a + x, 0n);
  if (n === 0 || total === 0n) return 0;
  const sorted = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let weighted = 0n;
  sorted.forEach((x, i) => { weighted += BigInt(i + 1) * x; });
  // exact rational 2·W/(n·T) − (n+1)/n = (2W − (n+1)T) / (nT), converted once
  return Number((2n * weighted - BigInt(n + 1) * total) * 1_000_000_000_000n / (BigInt(n) * total)) / 1e12;
}

const ratio = (a: Planck, b: Planck) => (b === 0n ? 0 : Number((a * 1_000_000_000_000n) / b) / 1e12);

export class MarketplaceSource implements KpiSource {
  readonly defs = MARKETPLACE_KPIS;
  constructor(private readonly reads: MarketplaceReads, private readonly roles: MarketplaceRoles) {}

  sample(): KpiValues {
    const r = this.reads, roles = this.roles;
    const grants = new Map<AccountId, Planck>();
    let providerTotal = 0n, curatorTotal = 0n, cabal = 0n, lazy = 0n;
    for (const [who, v] of r.providerGrants()) { grants.set(who, v); providerTotal += v; if (roles.cabal.has(who)) cabal += v; }
    for (const [who, v] of r.curatorDividends()) { curatorTotal += v; if (roles.cabal.has(who)) cabal += v; if (roles.lazy.has(who)) lazy += v; }
    let revenue = 0n;
    for (const v of r.revenue()) revenue += v;
    const perProvider = roles.providers.map((p) => grants.get(p) ?? 0n);
    const top = perProvider.reduce((m, x) => (x > m ? x : m), 0n);
    return {
      grantShareByCabal: ratio(cabal, providerTotal + curatorTotal),
      washProfit: this.netChange(roles.wash),
      sybilProfit: this.netChange(roles.sybil),
      providerCount: r.providerCount(),
      grantGini: gini(perProvider),
      topProviderShare: ratio(top, providerTotal),
      consumerCalls: Number(r.callCount()),
      providerRevenue: revenue,
      curatorDividends: curatorTotal,
      lazyCuratorShare: ratio(lazy, curatorTotal),
    };
  }

  private netChange(accounts: readonly AccountId[]): Planck {
    let d = 0n;
    for (const a of accounts) d += this.reads.wealth(a) - (this.roles.genesisWealth.get(a) ?? 0n);
    return d;
  }

  snapshot(): unknown { return null; } // stateless: every value is read from chain state and the role map
  restoreSnapshot(_s: unknown): void {}
}
