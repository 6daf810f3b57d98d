// The marketplace population: account ids, roles, genesis endowments and hidden model traits, as a pure function
// of the scenario and the engine's seeded streams (stream "market.traits", one agent id per provider account).

import type { AccountId, Planck } from '../../../protocol/primitives/units.js';
import type { MarketplaceConfig } from '../../../protocol/pallets/marketplace/index.js';
import type { CurationConfig } from '../../../protocol/pallets/curation/index.js';
import { fromFloat, PERBILL } from '../../../protocol/primitives/perthing.js';
import type { MarketAgentsConfig } from './config.js';
import { cabalBondEach, drawModelTraits, drawPrice, type AgentRng, type ModelTraits } from './behaviours.js';

export type ProviderKind = 'honest' | 'cabal' | 'wash' | 'sybil';
export interface ProviderSpec {
  readonly id: AccountId;
  readonly kind: ProviderKind;
  readonly index: number;                  // agent index of its rng streams
  readonly models: ReadonlyArray<{ readonly traits: ModelTraits; readonly pricePlanck: Planck }>;
}
export type CuratorKind = 'honest' | 'lazy' | 'cabal';
export interface CuratorSpec { readonly id: AccountId; readonly kind: CuratorKind; readonly index: number; readonly bondPlanck: Planck }
export interface WashGroup { readonly provider: AccountId; readonly accounts: readonly AccountId[] }

export interface Population {
  readonly providers: readonly ProviderSpec[];
  readonly consumers: readonly AccountId[];
  readonly curators: readonly CuratorSpec[];
  readonly wash: readonly WashGroup[];
  readonly genesis: ReadonlyArray<{ readonly id: AccountId; readonly free: Planck }>;
}

/** Build the population. `stream(i)` is the traits stream of provider agent i. */
export function buildPopulation(cfg: MarketAgentsConfig, market: MarketplaceConfig, curation: CurationConfig,
                                stream: (i: number) => AgentRng): Population {
  const s = cfg.s;
  const providers: ProviderSpec[] = [];
  const add = (id: AccountId, kind: ProviderKind, n: number, quality: { mean: number; sd: number }, price: [Planck, Planck]) => {
    const rng = stream(providers.length);
    const models = Array.from({ length: n }, () => ({
      traits: drawModelTraits(rng, quality.mean, quality.sd, s.latencyMedianMs, s.latencySigma),
      pricePlanck: drawPrice(rng, price[0], price[1]),
    }));
    providers.push({ id, kind, index: providers.length, models });
  };
  const honestPrice: [Planck, Planck] = [cfg.priceMinPlanck, cfg.priceMaxPlanck];
  for (let i = 0; i < s.providers; i++) add(`provider/${i}`, 'honest', s.modelsPerProvider, { mean: s.qualityMean, sd: s.qualitySd }, honestPrice);
  for (let i = 0; i < s.cabal.providers && (s.cabal.curators > 0); i++) add(`cabal/provider/${i}`, 'cabal', 1, { mean: s.cabal.quality, sd: 0 }, honestPrice);
  for (let i = 0; i < s.wash.providers; i++) add(`wash/provider/${i}`, 'wash', 1, { mean: s.wash.quality, sd: 0 }, honestPrice);
  for (let e = 0; e < s.sybil.entities; e++) {
    for (let k = 0; k < s.sybil.accountsPerEntity; k++) add(`sybil/${e}/${k}`, 'sybil', 1, { mean: s.sybil.quality, sd: 0 }, honestPrice);
  }
  const consumers = Array.from({ length: s.consumers }, (_, i) => `consumer/${i}`);
  const wash: WashGroup[] = providers.filter((p) => p.kind === 'wash').map((p, i) => ({
    provider: p.id, accounts: Array.from({ length: s.wash.accountsPerProvider }, (_, k) => `wash/${i}/${k}`),
  }));

  const curators: CuratorSpec[] = [];
  for (let i = 0; i < s.curators; i++) curators.push({ id: `curator/${i}`, kind: 'honest', index: curators.length, bondPlanck: cfg.curatorBondPlanck });
  for (let i = 0; i < s.lazyCurators; i++) curators.push({ id: `lazy/${i}`, kind: 'lazy', index: curators.length, bondPlanck: cfg.curatorBondPlanck });
  const honestStake = cfg.curatorBondPlanck * BigInt(curators.length);
  const cabalEach = cabalBondEach(fromFloat(PERBILL, s.cabal.stakeShare), honestStake, s.cabal.curators);
  const cabalBond = cabalEach > curation.minCuratorBondPlanck ? cabalEach : curation.minCuratorBondPlanck;
  for (let i = 0; i < s.cabal.curators; i++) curators.push({ id: `cabal/curator/${i}`, kind: 'cabal', index: curators.length, bondPlanck: cabalBond });

  // Genesis: what each account needs to act, with headroom for fees (10 BAI-scale = consumerBalance for payers).
  const providerFree = (p: ProviderSpec) => cfg.providerBalancePlanck + market.nodeMinBondPlanck
    + market.registrationDepositPlanck * BigInt(p.models.length);
  const genesis = [
    ...providers.map((p) => ({ id: p.id, free: providerFree(p) })),
    ...consumers.map((id) => ({ id, free: cfg.consumerBalancePlanck + cfg.consumerStakePlanck })),
    ...wash.flatMap((g) => g.accounts.map((id) => ({ id, free: cfg.consumerBalancePlanck + cfg.consumerStakePlanck }))),
    ...curators.map((c) => ({ id: c.id, free: c.bondPlanck + cfg.providerBalancePlanck })),
  ];
  return { providers, consumers, curators, wash, genesis };
}
