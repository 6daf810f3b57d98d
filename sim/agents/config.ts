// Scenario section `agents`: the synthetic population (simulation parameters, not chain parameters).
//   agents.validators   validator candidates: enter, leave and set commission by profitability (USD cost vs BAI income)
//   agents.nominators   yield-seeking nominators with inertia; unbond when staking APY < outside yield + own hurdle
//   agents.price        the exogenous BAI/USD price path (GBM, or a CSV of dates and prices)
//   agents.wake         when agents look at the chain (once per era, in a seeded window: never every block)
//   agents.marketplace  providers, consumers, curators, attackers (owned by sim/agents/marketplace)
// BalanceAI publishes none of these: every default is a lab default, chosen so the baseline economy is plausible,
// and named as such in its description.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../protocol/primitives/config-error.js';
import type { Planck } from '../../protocol/primitives/units.js';
import { TokenAmount, parseAmount } from '../../protocol/chain-config.js';
import { marketplaceAgentsSection } from './marketplace/config.js';

const Count = (def: number, max: number, description: string) => Type.Integer({ minimum: 0, maximum: max, default: def, description });
const Unit = (def: number, description: string) => Type.Number({ minimum: 0, maximum: 1, default: def, description });
const NonNeg = (def: number, max: number, description: string) => Type.Number({ minimum: 0, maximum: max, default: def, description });

export const validatorAgentsSection = Type.Object({
  count: Count(150, 100_000, 'Validator candidates (ids "agent/validator/<i>"), bonded or not. Lab default: 1.5 × staking.validatorCount.'),
  genesisActive: Count(0, 100_000, 'Candidates bonded and validating at genesis (the first this-many); the others enter when a seat pays its cost. Lab default 0: the genesis set is the workload\'s validators.'),
  bond: TokenAmount('20000', 'Self-bond (BAI) of each validator, at genesis or on entry. Lab default.'),
  balance: TokenAmount('500', 'Genesis free balance (BAI) on top of the bond (pays fees). Lab default.'),
  commissionMin: Unit(0.02, 'Initial commission is uniform in [commissionMin, commissionMax] (own stream). Lab default.'),
  commissionMax: Unit(0.10, 'Upper end of the initial commission draw. Lab default.'),
  commissionStep: Type.Number({ minimum: 0.0001, maximum: 1, default: 0.01, description: 'Commission change per era when a validator adjusts (absolute). Lab default.' }),
  commissionCap: Unit(0.5, 'Highest commission a validator raises to before it leaves instead. Lab default.'),
  costPerEraUsd: NonNeg(8, 1e9, 'Median operating cost (USD per era) of a validator; each draws lognormal(ln median, costSigma). Lab default.'),
  costSigma: NonNeg(0.5, 5, 'Lognormal sigma of the operating cost across validators.'),
  lowerMargin: NonNeg(1, 1e6, 'An elected validator lowers commission when its USD income exceeds cost × (1 + lowerMargin) (competes for nominators).'),
  patienceEras: Type.Integer({ minimum: 1, maximum: 10_000, default: 7, description: 'Eras a validator tolerates a loss at the commission cap, or not being elected, before it leaves.' }),
  entryProbability: Unit(0.1, 'Per era, the probability an unbonded candidate looks at entering (it enters when the expected income exceeds its cost).'),
}, { additionalProperties: false, default: {}, description: 'Validator candidates (staking agents).' });

export const nominatorAgentsSection = Type.Object({
  count: Count(10_000, 1_000_000, 'Nominators (ids "agent/nominator/<i>"). The baseline\'s 10k agents. Lab default.'),
  genesisBonded: Unit(0.8, 'Fraction of nominators bonded and nominating at genesis (the first ⌊count × this⌋). Lab default.'),
  bond: TokenAmount('200', 'Bond (BAI) of each nominator, at genesis or on entry. Lab default.'),
  balance: TokenAmount('20', 'Genesis free balance (BAI) on top of the bond (pays fees). Lab default.'),
  nominations: Type.Integer({ minimum: 1, maximum: 1000, default: 8, description: 'Targets each nominator picks (capped by staking.maxNominations and the candidates). Lab default.' }),
  inertia: Unit(0.8, 'Probability that a nominator does not reconsider at a wake (status quo bias). Lab default.'),
  outsideYield: NonNeg(0.05, 100, 'Annual yield of the outside option (e.g. a stablecoin rate) nominators compare staking APY with. Lab default 5%.'),
  outsideYieldSchedule: Type.Array(Type.Object({
    day: Type.Integer({ minimum: 0, maximum: 36_525, description: 'Day (0-based) from which the value applies.' }),
    value: NonNeg(0, 100, 'Annual outside yield from that day on.'),
  }, { additionalProperties: false }), { maxItems: 10_000, default: [], description: 'Step changes of the outside yield (days ascending); before the first step, outsideYield applies.' }),
  hurdleMax: NonNeg(0.04, 100, 'Each nominator requires APY > outside yield + its own hurdle, uniform in [0, hurdleMax] (own stream).'),
  rebalanceThreshold: NonNeg(0.1, 100, 'A nominator re-nominates when the best sampled targets beat its current APY by this relative margin.'),
  choiceSample: Type.Integer({ minimum: 1, maximum: 100_000, default: 32, description: 'Candidates a reconsidering nominator samples (with its own stream) before choosing its targets.' }),
}, { additionalProperties: false, default: {}, description: 'Nominators (staking agents).' });

export const PRICE_MODELS = ['gbm', 'csv'] as const;
export const priceSection = Type.Object({
  model: Type.Union([Type.Literal('gbm'), Type.Literal('csv')], { default: 'gbm', description: 'gbm: seeded geometric Brownian motion, one step per day; csv: a file of dates and prices.' }),
  initialUsd: Type.Number({ exclusiveMinimum: 0, maximum: 1e12, default: 1, description: 'BAI/USD price on day 0 (gbm). BalanceAI publishes none: lab default 1.' }),
  driftPerYear: Type.Number({ minimum: -100, maximum: 100, default: 0, description: 'GBM drift mu (annual, continuously compounded).' }),
  volatilityPerYear: NonNeg(0.8, 100, 'GBM volatility sigma (annual). Lab default 80%, of the order of small-cap tokens.'),
  csvFile: Type.String({ maxLength: 4096, default: '', description: 'csv model: path (relative to the scenario file) of a file "date,price" with a header, one row per day (YYYY-MM-DD ascending, price > 0); day d uses row d, the last row after the end.' }),
}, { additionalProperties: false, default: {}, description: 'Exogenous BAI/USD price path.' });

export const wakeSection = Type.Object({
  offsetFraction: Type.Number({ minimum: 0, maximum: 0.9, default: 0.1, description: 'Agents wake once per era, from this fraction of the era on (after the era\'s rewards are known).' }),
  windowFraction: Type.Number({ minimum: 0.01, maximum: 0.9, default: 0.5, description: 'Width of the wake window (fraction of the era); each agent draws its moment uniformly (own stream). Keep offset + window before the election (last session).' }),
}, { additionalProperties: false, default: {}, description: 'When staking agents wake (per era, seeded jitter).' });

export const spamSection = Type.Object({
  enabled: Type.Boolean({ default: false, description: 'Run a transfer spammer (fee-spam-floor scenario).' }),
  startDay: Type.Integer({ minimum: 0, maximum: 36_525, default: 0, description: 'Day (0-based) the spam starts.' }),
  endDay: Type.Integer({ minimum: 0, maximum: 36_525, default: 36_525, description: 'Day (0-based) the spam stops (exclusive).' }),
  accounts: Type.Integer({ minimum: 1, maximum: 100_000, default: 10, description: 'Spammer accounts (ids "agent/spammer/<i>"); each sends to the next, round robin.' }),
  transfersPerMinute: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 600, description: 'Transfers submitted every simulated minute while the spam runs.' }),
  balance: TokenAmount('1000', 'Genesis free balance (BAI) of each spammer account (pays the fees).'),
  value: TokenAmount('0.001', 'Value (BAI) of each spam transfer.'),
  lengthBytes: Type.Integer({ minimum: 1, maximum: 5_000_000, default: 140, description: 'Encoded length of a spam transfer (~140 bytes on Polkadot).' }),
}, { additionalProperties: false, default: {}, description: 'A transfer spammer: fixed-rate signed transfers from startDay to endDay.' });

export const votersSection = Type.Object({
  enabled: Type.Boolean({ default: false, description: 'Treasury proposals voted on by the nominator agents (stake-weighted, off chain: BalanceAI has no on-chain voting yet); a passed proposal is approved by a Root treasury.spend, the lab\'s governance stand-in.' }),
  proposalEveryEras: Type.Integer({ minimum: 1, maximum: 10_000, default: 7, description: 'A proposal every this many eras.' }),
  proposalShareMax: Unit(0.2, 'A proposal asks for a share of the treasury pot drawn uniformly in (0, this].'),
  turnout: Unit(0.3, 'Probability that a nominator agent votes on a proposal (own stream).'),
  sizeAversion: NonNeg(5, 1000, 'A voter approves with probability exp(−sizeAversion × share of the pot asked).'),
}, { additionalProperties: false, default: {}, description: 'Minimal treasury voters (no governance pallet exists: BALANCEAI.md §1).' });

export const agentsSection = Type.Object({
  enabled: Type.Boolean({ default: false, description: 'Run the staking agents (validators, nominators), the price path and the spammer (if agents.spam.enabled). The baseline enables them.' }),
  validators: validatorAgentsSection,
  nominators: nominatorAgentsSection,
  price: priceSection,
  wake: wakeSection,
  spam: spamSection,
  voters: votersSection,
  marketplace: marketplaceAgentsSection,
}, { additionalProperties: false, default: {}, description: 'Synthetic agents (simulation parameters, not chain parameters).' });

export type AgentsSection = Static<typeof agentsSection>;

export interface AgentsConfig {
  readonly s: AgentsSection;
  readonly validatorBondPlanck: Planck;
  readonly validatorBalancePlanck: Planck;
  readonly nominatorBondPlanck: Planck;
  readonly nominatorBalancePlanck: Planck;
  readonly spamBalancePlanck: Planck;
  readonly spamValuePlanck: Planck;
}

const P = 'agents';

/** Exact amounts and cross-field rules; throws ConfigError(path, reason, allowed). */
export function agentsFromScenario(s: AgentsSection, decimals: number): AgentsConfig {
  const v = s.validators, n = s.nominators;
  if (v.genesisActive > v.count) {
    throw new ConfigError(`${P}.validators.genesisActive`, `${v.genesisActive} exceeds agents.validators.count (${v.count})`, `0..${v.count}`);
  }
  if (v.commissionMax < v.commissionMin) {
    throw new ConfigError(`${P}.validators.commissionMax`, 'below commissionMin', `>= ${v.commissionMin}`);
  }
  if (v.commissionCap < v.commissionMax) {
    throw new ConfigError(`${P}.validators.commissionCap`, 'below commissionMax (validators would start above their cap)', `>= ${v.commissionMax}`);
  }
  for (let i = 1; i < n.outsideYieldSchedule.length; i++) {
    if (n.outsideYieldSchedule[i]!.day <= n.outsideYieldSchedule[i - 1]!.day) {
      throw new ConfigError(`${P}.nominators.outsideYieldSchedule.${i}.day`, 'days must be strictly ascending', `> ${n.outsideYieldSchedule[i - 1]!.day}`);
    }
  }
  if (s.wake.offsetFraction + s.wake.windowFraction > 0.95) {
    throw new ConfigError(`${P}.wake.windowFraction`, 'offsetFraction + windowFraction must leave room before the era ends', `<= ${(0.95 - s.wake.offsetFraction).toFixed(2)}`);
  }
  if (s.spam.endDay < s.spam.startDay) throw new ConfigError(`${P}.spam.endDay`, 'before startDay', `>= ${s.spam.startDay}`);
  if (s.price.model === 'csv' && s.price.csvFile === '') {
    throw new ConfigError(`${P}.price.csvFile`, 'the csv price model needs a file', 'a path relative to the scenario file');
  }
  const validatorBondPlanck = parseAmount(`${P}.validators.bond`, v.bond, decimals);
  const nominatorBondPlanck = parseAmount(`${P}.nominators.bond`, n.bond, decimals);
  if (s.enabled && v.count > 0 && validatorBondPlanck === 0n) throw new ConfigError(`${P}.validators.bond`, 'must be positive', '> 0');
  if (s.enabled && n.count > 0 && nominatorBondPlanck === 0n) throw new ConfigError(`${P}.nominators.bond`, 'must be positive', '> 0');
  return {
    s,
    validatorBondPlanck,
    validatorBalancePlanck: parseAmount(`${P}.validators.balance`, v.balance, decimals),
    nominatorBondPlanck,
    nominatorBalancePlanck: parseAmount(`${P}.nominators.balance`, n.balance, decimals),
    spamBalancePlanck: parseAmount(`${P}.spam.balance`, s.spam.balance, decimals),
    spamValuePlanck: parseAmount(`${P}.spam.value`, s.spam.value, decimals),
  };
}

/** The outside yield on `day` (0-based): the last schedule step at or before it, else outsideYield. */
export function outsideYieldOn(n: AgentsSection['nominators'], day: number): number {
  let y = n.outsideYield;
  for (const step of n.outsideYieldSchedule) { if (step.day <= day) y = step.value; else break; }
  return y;
}
