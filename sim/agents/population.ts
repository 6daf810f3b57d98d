// The staking population: ids, hidden traits (validator cost and starting commission, nominator hurdle) and the
// genesis, as a pure function of the config and per-agent trait streams ("agents.validator.traits" i,
// "agents.nominator.traits" i): adding an agent never changes another agent's traits.

import type { AccountId, Planck } from '../../protocol/primitives/units.js';
import { internKey } from '../../protocol/primitives/storage.js';
import type { GenesisSpec } from '../runner/chain.js';
import type { AgentsConfig } from './config.js';
import type { AgentRng } from './behaviours.js';

// Interned: the agents look their own ids up in storage constantly, and storage compares canonical ids by pointer.
export const validatorAgentId = (i: number): AccountId => internKey(`agent/validator/${i}`);
export const nominatorAgentId = (i: number): AccountId => internKey(`agent/nominator/${i}`);
export const spammerId = (i: number): AccountId => internKey(`agent/spammer/${i}`);

export interface StakingPopulation {
  readonly validatorIds: readonly AccountId[];
  readonly nominatorIds: readonly AccountId[];
  readonly spammerIds: readonly AccountId[];
  /** Operating cost of each validator, USD per era. */
  readonly costUsd: readonly number[];
  /** Starting commission of each validator (fraction, Perbill-rounded). */
  readonly commission: readonly number[];
  /** Each nominator's required premium over the outside yield. */
  readonly hurdle: readonly number[];
  readonly genesis: GenesisSpec;
}

/** k distinct indices of [0, n) by Floyd's algorithm (k draws, no O(n) array), sorted. */
export function sampleDistinct(rng: AgentRng, n: number, k: number): number[] {
  const kk = Math.min(k, n);
  const chosen = new Set<number>();
  for (let j = n - kk; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** Standard normal from two uniforms (Box-Muller), for scripted test streams too. */
function normal(rng: AgentRng): number {
  return Math.sqrt(-2 * Math.log(rng.float())) * Math.cos(2 * Math.PI * rng.float());
}

/**
 * `otherGenesisValidators`: validators other populations bond at genesis (the runner's built-in workload); genesis
 * nominators pick their targets among those and this population's genesis validators.
 */
export function buildStakingPopulation(cfg: AgentsConfig, maxNominations: number, otherGenesisValidators: readonly AccountId[],
                                       validatorTraits: (i: number) => AgentRng, nominatorTraits: (i: number) => AgentRng): StakingPopulation {
  const v = cfg.s.validators, n = cfg.s.nominators;
  const validatorIds: AccountId[] = [], costUsd: number[] = [], commission: number[] = [];
  const accounts: Array<{ id: AccountId; free: Planck }> = [];
  const validators: Array<{ stash: AccountId; bond: Planck }> = [];
  const nominators: Array<{ stash: AccountId; bond: Planck; targets: AccountId[] }> = [];
  for (let i = 0; i < v.count; i++) {
    const rng = validatorTraits(i);
    const id = validatorAgentId(i);
    validatorIds.push(id);
    costUsd.push(v.costPerEraUsd * Math.exp(v.costSigma * normal(rng)));
    commission.push(Math.round((v.commissionMin + (v.commissionMax - v.commissionMin) * rng.float()) * 1e9) / 1e9);
    accounts.push({ id, free: cfg.validatorBondPlanck + cfg.validatorBalancePlanck });
    if (i < v.genesisActive) validators.push({ stash: id, bond: cfg.validatorBondPlanck });
  }
  const electable = [...validators.map((x) => x.stash), ...otherGenesisValidators];
  const k = Math.min(n.nominations, maxNominations, electable.length);
  const bonded = Math.floor(n.count * n.genesisBonded);
  const nominatorIds: AccountId[] = [], hurdle: number[] = [];
  for (let i = 0; i < n.count; i++) {
    const rng = nominatorTraits(i);
    const id = nominatorAgentId(i);
    nominatorIds.push(id);
    hurdle.push(n.hurdleMax * rng.float());
    accounts.push({ id, free: cfg.nominatorBondPlanck + cfg.nominatorBalancePlanck });
    if (i < bonded && k > 0) nominators.push({ stash: id, bond: cfg.nominatorBondPlanck, targets: sampleDistinct(rng, electable.length, k).map((j) => electable[j]!) });
  }
  const spammerIds: AccountId[] = [];
  if (cfg.s.spam.enabled) {
    for (let i = 0; i < cfg.s.spam.accounts; i++) { spammerIds.push(spammerId(i)); accounts.push({ id: spammerId(i), free: cfg.spamBalancePlanck }); }
  }
  return { validatorIds, nominatorIds, spammerIds, costUsd, commission, hurdle, genesis: { accounts, validators, nominators } };
}
