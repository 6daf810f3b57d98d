// Decision rules of the staking agents, as pure functions of what the agent observes (its chain status, the era
// survey, the price) and its own random stream. The plugin turns the returned action into extrinsics.

import type { AccountId } from '../../protocol/primitives/units.js';
import type { Survey, SurveyEntry } from './survey.js';
import { validatorIncomeBai } from './survey.js';

/** The draws an agent makes: one RngStream of the engine (tests pass a scripted one). */
export interface AgentRng { float(): number; int(n: number): number }

/** A staker's status as read from chain state. */
export type StakerStatus =
  | 'unbonded'      // no ledger
  | 'active'        // validating (validators) / nominating (nominators)
  | 'bonded-idle'   // a ledger with active stake but no role (e.g. rewards that arrived after leaving)
  | 'unbonding'     // only unlocking chunks, none matured
  | 'withdrawable'; // no role, a chunk has matured

// ------------------------------------------------------------------------------------------------ validators

export interface ValidatorParams {
  readonly commissionStep: number;
  readonly commissionCap: number;
  readonly lowerMargin: number;
  readonly patienceEras: number;
  readonly entryProbability: number;
}

/** A validator agent's mutable state (plain data, checkpointed). */
export interface ValidatorMemory { commission: number; unprofitableEras: number; waitingEras: number }

export type ValidatorAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'set-commission'; readonly commission: number }
  | { readonly kind: 'enter'; readonly commission: number }
  | { readonly kind: 'leave' }
  | { readonly kind: 'withdraw' };

const NONE = { kind: 'none' } as const;
const round = (c: number) => Math.round(c * 1e9) / 1e9; // commissions are Perbill on chain

export interface ValidatorObservation {
  readonly status: StakerStatus;
  /** Its survey entry (undefined: not a candidate when surveyed). */
  readonly entry: SurveyEntry | undefined;
  readonly survey: Survey;
  readonly priceUsd: number;
  readonly costUsd: number;
  readonly bondBai: number;
}

/**
 * Profitability rules, once per era. Elected: a loss (income·price < cost) raises commission by a step; at the cap,
 * `patienceEras` loss-making eras in a row make it leave; a comfortable profit (income·price > cost·(1 + margin))
 * lowers commission by a step to attract nominators. Waiting (not elected): lower commission; leave after
 * `patienceEras` eras. Unbonded: with probability entryProbability, enter when an average seat would pay its cost.
 * Mutates `m` (its counters and commission) and returns the action.
 */
export function decideValidator(o: ValidatorObservation, m: ValidatorMemory, p: ValidatorParams, rng: AgentRng): ValidatorAction {
  switch (o.status) {
    case 'withdrawable': return { kind: 'withdraw' };
    case 'unbonding': return NONE;
    case 'bonded-idle': m.unprofitableEras = 0; m.waitingEras = 0; return { kind: 'leave' };
    case 'unbonded': {
      if (o.survey.era < 0 || !(rng.float() < p.entryProbability)) return NONE;
      const stake = Math.max(o.survey.meanStakeBai, o.bondBai);
      const pot = o.survey.meanPotBai;
      const expected = stake > 0 ? pot * m.commission + pot * (1 - m.commission) * (o.bondBai / stake) : 0;
      return expected * o.priceUsd > o.costUsd ? { kind: 'enter', commission: m.commission } : NONE;
    }
    case 'active': {
      if (o.survey.era < 0 || o.entry === undefined) return NONE;
      if (!o.entry.elected) {
        m.unprofitableEras = 0;
        m.waitingEras++;
        if (m.waitingEras >= p.patienceEras) { m.waitingEras = 0; return { kind: 'leave' }; }
        return lower(m, p);
      }
      m.waitingEras = 0;
      const incomeUsd = validatorIncomeBai(o.entry) * o.priceUsd;
      if (incomeUsd < o.costUsd) {
        m.unprofitableEras++;
        if (m.commission + p.commissionStep <= p.commissionCap + 1e-12) {
          m.commission = round(m.commission + p.commissionStep);
          return { kind: 'set-commission', commission: m.commission };
        }
        if (m.unprofitableEras >= p.patienceEras) { m.unprofitableEras = 0; return { kind: 'leave' }; }
        return NONE;
      }
      m.unprofitableEras = 0;
      return incomeUsd > o.costUsd * (1 + p.lowerMargin) ? lower(m, p) : NONE;
    }
  }
}

function lower(m: ValidatorMemory, p: ValidatorParams): ValidatorAction {
  if (m.commission <= 0) return NONE;
  m.commission = round(Math.max(0, m.commission - p.commissionStep));
  return { kind: 'set-commission', commission: m.commission };
}

// ------------------------------------------------------------------------------------------------ nominators

export interface NominatorParams {
  readonly inertia: number;
  readonly rebalanceThreshold: number;
  readonly choiceSample: number;
  /** Targets to pick (already capped by staking.maxNominations). */
  readonly nominations: number;
}

export interface NominatorObservation {
  readonly status: StakerStatus;
  /** Current targets (status 'active'). */
  readonly targets: readonly AccountId[];
  readonly survey: Survey;
  /** Survey index by id (derived from the survey). */
  readonly index: ReadonlyMap<AccountId, number>;
  readonly outsideYield: number;
  readonly hurdle: number;
}

export type NominatorAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'withdraw' }
  | { readonly kind: 'leave' }
  | { readonly kind: 'nominate'; readonly targets: readonly AccountId[] }
  | { readonly kind: 'enter'; readonly targets: readonly AccountId[] };

/** Mean surveyed yield of a target set; a target no longer surveyed (left, chilled) yields 0. */
export function meanYield(targets: readonly AccountId[], s: Survey, index: ReadonlyMap<AccountId, number>): number {
  if (targets.length === 0) return 0;
  let sum = 0;
  for (const t of targets) { const i = index.get(t); if (i !== undefined) sum += s.entries[i]!.yieldPerYear; }
  return sum / targets.length;
}

/**
 * The best `k` targets by surveyed yield among `sample` random candidates (drawn with replacement, duplicates
 * dropped) plus the current targets; ties broken by id. Sorted by id (as a nomination is stored).
 *
 * The ranking order (yield descending, then index) is total over distinct indices, so its top k is a set: kept in a
 * small sorted array while the pool is scanned once (duplicates marked in a reusable stamp array), instead of a Set,
 * a full sort of the pool and a second sort. Yields are never NaN (buildSurvey asserts it): the order needs them
 * comparable.
 */
export function bestTargets(s: Survey, index: ReadonlyMap<AccountId, number>, current: readonly AccountId[],
                            sample: number, k: number, rng: AgentRng): AccountId[] {
  const n = s.entries.length;
  if (n === 0 || k <= 0) return [];
  const pool = POOL;
  pool.length = 0;
  if (STAMP.length < n) STAMP = new Uint32Array(Math.max(n, STAMP.length * 2));
  if (++stampNow === 0xffff_ffff) { STAMP.fill(0); stampNow = 1; }
  const stamp = STAMP, now = stampNow;
  for (const t of current) { const i = index.get(t); if (i !== undefined && stamp[i] !== now) { stamp[i] = now; pool.push(i); } }
  for (let d = 0; d < sample; d++) { const i = rng.int(n); if (stamp[i] !== now) { stamp[i] = now; pool.push(i); } }
  const e = s.entries;
  const top: number[] = []; // best first: yield descending, then index ascending
  for (let p = 0; p < pool.length; p++) {
    const i = pool[p]!, y = e[i]!.yieldPerYear;
    if (top.length === k) { const last = top[k - 1]!, yl = e[last]!.yieldPerYear; if (y < yl || (y === yl && i > last)) continue; }
    let j = top.length < k ? top.length : k - 1; // insertion point, shifting worse entries down (the last falls off)
    while (j > 0) {
      const q = top[j - 1]!, yq = e[q]!.yieldPerYear;
      if (yq > y || (yq === y && q < i)) break;
      top[j] = q; j--;
    }
    top[j] = i;
  }
  top.sort((a, b) => a - b);
  const out = new Array<AccountId>(top.length);
  for (let j = 0; j < top.length; j++) out[j] = e[top[j]!]!.id;
  return out;
}
let STAMP = new Uint32Array(0);
let stampNow = 0;
const POOL: number[] = [];

/**
 * Yield seeking with inertia. Matured unbonding is always withdrawn. Otherwise, with probability `inertia` nothing
 * changes; a reconsidering nominator leaves (chill + unbond) when its APY is below outside yield + its hurdle,
 * re-nominates when the best sampled set beats its APY by the relative threshold, and an unbonded one enters when
 * the best sampled set clears outside yield + hurdle.
 */
export function decideNominator(o: NominatorObservation, p: NominatorParams, rng: AgentRng): NominatorAction {
  if (o.status === 'withdrawable') return { kind: 'withdraw' };
  if (o.status === 'unbonding' || o.survey.era < 0) return NONE;
  if (rng.float() < p.inertia) return NONE;
  const bar = o.outsideYield + o.hurdle;
  if (o.status === 'active') {
    const apy = meanYield(o.targets, o.survey, o.index);
    if (apy < bar) return { kind: 'leave' };
    const best = bestTargets(o.survey, o.index, o.targets, p.choiceSample, p.nominations, rng);
    const bestApy = meanYield(best, o.survey, o.index);
    return bestApy > apy * (1 + p.rebalanceThreshold) && !sameSet(best, o.targets) ? { kind: 'nominate', targets: best } : NONE;
  }
  const best = bestTargets(o.survey, o.index, [], p.choiceSample, p.nominations, rng);
  const attractive = best.length > 0 && meanYield(best, o.survey, o.index) > bar;
  if (o.status === 'bonded-idle') return attractive ? { kind: 'nominate', targets: best } : { kind: 'leave' };
  return attractive ? { kind: 'enter', targets: best } : NONE;
}

function sameSet(a: readonly AccountId[], b: readonly AccountId[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(b);
  return a.every((x) => s.has(x));
}

// ------------------------------------------------------------------------------------------------ voters

export type Vote = 'aye' | 'nay' | null;

/** A voter turns out with probability `turnout`, then approves with probability exp(−sizeAversion × share). */
export function voterChoice(rng: AgentRng, turnout: number, share: number, sizeAversion: number): Vote {
  if (!(rng.float() < turnout)) return null;
  return rng.float() < Math.exp(-sizeAversion * share) ? 'aye' : 'nay';
}

/** Stake-weighted simple majority: passes when the aye stake exceeds the nay stake (ties fail). */
export function tally(votes: ReadonlyArray<{ readonly vote: Vote; readonly weight: bigint }>): { aye: bigint; nay: bigint; passed: boolean } {
  let aye = 0n, nay = 0n;
  for (const v of votes) { if (v.vote === 'aye') aye += v.weight; else if (v.vote === 'nay') nay += v.weight; }
  return { aye, nay, passed: aye > nay };
}
