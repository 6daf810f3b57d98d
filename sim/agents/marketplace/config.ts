// Scenario section for the marketplace population (agents.marketplace): providers, consumers, curators and the
// attackers of the attack scenarios (curator cabal, lazy copiers, wash users, sybil providers). Simulation
// parameters, not chain parameters: every default is a lab default, chosen to keep a run small and fast.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import type { Planck } from '../../../protocol/primitives/units.js';
import { TokenAmount, parseAmount, parseInteger } from '../../../protocol/chain-config.js';

const Count = (def: number, max: number, description: string) => Type.Integer({ minimum: 0, maximum: max, default: def, description });
const Unit = (def: number, description: string) => Type.Number({ minimum: 0, maximum: 1, default: def, description });

export const marketplaceAgentsSection = Type.Object({
  enabled: Type.Boolean({ default: false, description: 'Run the marketplace population (providers, consumers, curators, attackers).' }),
  providers: Count(20, 100_000, 'Honest providers (ids "provider/<i>"), each with an AI node and modelsPerProvider models.'),
  modelsPerProvider: Type.Integer({ minimum: 1, maximum: 64, default: 1, description: 'Models each honest provider registers.' }),
  consumers: Count(100, 1_000_000, 'Consumers (ids "consumer/<i>") that stake for access and call models.'),
  callsPerDay: Count(2000, 100_000_000, 'Mean calls per day over all honest consumers (each consumer an equal share, ±50% uniform noise).'),
  modelsPerConsumer: Type.Integer({ minimum: 1, maximum: 64, default: 3, description: 'Each day a consumer spreads its calls over its best this-many models by perceived value.' }),
  choiceSample: Type.Integer({ minimum: 1, maximum: 10_000, default: 32, description: 'Models a consumer looks at each day (random sample) before choosing.' }),
  priceSensitivity: Type.Number({ minimum: 0, maximum: 1e6, default: 20, description: 'Utility = quality − priceSensitivity × price (BAI) + noise: how much consumers care about price.' }),
  perceptionNoise: Type.Number({ minimum: 0, maximum: 10, default: 0.05, description: 'Sd of the noise on a consumer\'s quality perception.' }),
  consumerStake: TokenAmount('100', 'Access stake (BAI) each consumer holds (sets its quota tier).'),
  consumerBalance: TokenAmount('10000', 'Genesis free balance (BAI) of each consumer, on top of its stake.'),
  providerBalance: TokenAmount('2000', 'Genesis free balance (BAI) of each provider account, on top of node bond and deposits.'),
  priceMin: TokenAmount('0.001', 'Lowest per-call price (BAI) an honest provider draws (uniform in [priceMin, priceMax]).'),
  priceMax: TokenAmount('0.01', 'Highest per-call price (BAI) an honest provider draws.'),
  qualityMean: Unit(0.6, 'Mean hidden true quality of honest models (normal, clipped to [0, 1]).'),
  qualitySd: Type.Number({ minimum: 0, maximum: 1, default: 0.15, description: 'Sd of hidden true quality of honest models.' }),
  latencyMedianMs: Type.Number({ minimum: 1, maximum: 600_000, default: 800, description: 'Median hidden latency (ms) of a model (lognormal).' }),
  latencySigma: Type.Number({ minimum: 0, maximum: 5, default: 0.5, description: 'Lognormal sigma of model latency.' }),
  latencyPenaltyPerSecond: Type.Number({ minimum: 0, maximum: 10, default: 0.05, description: 'Quality a consumer discounts per second of latency.' }),
  curators: Count(20, 100_000, 'Honest curators (ids "curator/<i>") scoring observed quality with noise.'),
  curatorBond: TokenAmount('1000', 'Bond (BAI) of each honest (and lazy) curator.'),
  curatorNoise: Type.Number({ minimum: 0, maximum: 10, default: 0.1, description: 'Sd of an honest curator\'s observation noise on true quality.' }),
  curatorCoverage: Type.Integer({ minimum: 1, maximum: 65_535, default: 64, description: 'Models an honest curator scores each era (random sample, capped by curation.maxScoresPerCurator).' }),
  lazyCurators: Count(0, 100_000, 'Lazy curators (ids "lazy/<i>") that copy the last published consensus instead of evaluating.'),
  cabal: Type.Object({
    curators: Count(0, 10_000, 'Cabal curators (ids "cabal/curator/<i>"); they score only the cabal\'s models, at the maximum.'),
    stakeShare: Type.Number({ minimum: 0, maximum: 0.99, default: 0, description: 'Cabal share s of all curator stake (the sweep parameter of the cabal scenario).' }),
    providers: Count(1, 10_000, 'Cabal provider accounts (ids "cabal/provider/<i>"), one model each.'),
    quality: Unit(0.2, 'Hidden true quality of the cabal\'s models.'),
  }, { additionalProperties: false, default: {} }),
  wash: Type.Object({
    providers: Count(0, 10_000, 'Wash providers (ids "wash/provider/<i>") that pay themselves through their own consumer accounts.'),
    accountsPerProvider: Type.Integer({ minimum: 1, maximum: 1000, default: 4, description: 'Consumer accounts each wash provider controls (ids "wash/<i>/<k>"): many small payers inflate quadratic matching.' }),
    callsPerDay: Count(500, 10_000_000, 'Self-calls per wash provider per day (over its accounts).'),
    quality: Unit(0.3, 'Hidden true quality of wash providers\' models.'),
  }, { additionalProperties: false, default: {} }),
  sybil: Type.Object({
    entities: Count(0, 10_000, 'Sybil entities, each running many provider accounts with one cheap model each.'),
    accountsPerEntity: Type.Integer({ minimum: 1, maximum: 10_000, default: 10, description: 'Provider accounts per sybil entity (ids "sybil/<e>/<k>").' }),
    quality: Unit(0.3, 'Hidden true quality of sybil models.'),
  }, { additionalProperties: false, default: {} }),
  providerCostPerDay: TokenAmount('0', 'Operating cost (BAI/day) a provider weighs against its income; 0 = never exits.'),
  exitPatienceDays: Type.Integer({ minimum: 1, maximum: 3650, default: 30, description: 'A provider exits after its trailing income over this many days falls below its cost.' }),
  aggregateCalls: Type.Boolean({ default: true,
    description: 'true: each consumer settles its day\'s calls in one calls_batch (same fees as single calls, one record); ' +
      'false: every call is its own call_model extrinsic with request/response bodies (fidelity, slow).' }),
  bodyRetentionDays: Type.Integer({ minimum: 1, maximum: 3650, default: 7, description: 'Call bodies stay in the Storage port this many days (bounded memory).' }),
}, { additionalProperties: false, default: {}, description: 'Marketplace population (simulation): providers, consumers, curators, attackers.' });
export type MarketplaceAgentsSection = Static<typeof marketplaceAgentsSection>;

export interface MarketAgentsConfig {
  readonly s: MarketplaceAgentsSection;
  readonly consumerStakePlanck: Planck;
  readonly consumerBalancePlanck: Planck;
  readonly providerBalancePlanck: Planck;
  readonly priceMinPlanck: Planck;
  readonly priceMaxPlanck: Planck;
  readonly curatorBondPlanck: Planck;
  readonly providerCostPerDayPlanck: Planck;
}

const P = 'agents.marketplace';

export function marketAgentsFromScenario(s: MarketplaceAgentsSection, decimals: number): MarketAgentsConfig {
  const amt = (k: keyof MarketplaceAgentsSection, v: unknown) => parseAmount(`${P}.${String(k)}`, v, decimals);
  const priceMinPlanck = amt('priceMin', s.priceMin), priceMaxPlanck = amt('priceMax', s.priceMax);
  if (priceMaxPlanck < priceMinPlanck) throw new ConfigError(`${P}.priceMax`, 'priceMax is below priceMin', 'priceMax >= priceMin');
  parseInteger(`${P}.curatorCoverage`, s.curatorCoverage, 1, 65_535);
  if (s.cabal.stakeShare > 0 && s.cabal.curators === 0) {
    throw new ConfigError(`${P}.cabal.curators`, 'a cabal stake share needs at least one cabal curator', '>= 1 when cabal.stakeShare > 0');
  }
  return {
    s, priceMinPlanck, priceMaxPlanck,
    consumerStakePlanck: amt('consumerStake', s.consumerStake),
    consumerBalancePlanck: amt('consumerBalance', s.consumerBalance),
    providerBalancePlanck: amt('providerBalance', s.providerBalance),
    curatorBondPlanck: amt('curatorBond', s.curatorBond),
    providerCostPerDayPlanck: amt('providerCostPerDay', s.providerCostPerDay),
  };
}
