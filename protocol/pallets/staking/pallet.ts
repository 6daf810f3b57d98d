// pallet_staking for the lab: bonding with a staking freeze on the stash (Polkadot's legacy staking lock: the bonded
// total stays in `free` but can't be spent), validator/nominator intentions, sessions and eras, NPoS elections,
// exposures, era points, lazy era payouts, and slashing. Calls are in calls.ts; this class holds the logic they
// share with the era hooks. SUBSTRATE.md §3.

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import { OK, assert, type DispatchResult } from '../../primitives/dispatch.js';
import { ConfigError } from '../../primitives/config-error.js';
import type { Parts } from '../../primitives/perthing.js';
import type { Balances } from '../balances/index.js';
import type { StakingConfig } from './config.js';
import { StakingStorage, type RewardDestination, type StakingStats, type UnappliedSlash, type ValidatorPrefs } from './storage.js';
import { eraKey, pageKey } from './codec.js';
import { fail } from './errors.js';
import { stakingEvents as E } from './events.js';
import * as L from './ledger.js';
import type { StakingLedger } from './ledger.js';
import { compareAccount } from './election/result.js';
import { currencyToVoteFactor } from './election/currency-to-vote.js';
import { U64_MAX } from '../../primitives/units.js';
import type { VoterInput } from './election/graph.js';
import { InlineSolver, type ElectionInput, type ElectionSolver } from './solver.js';
import { AccountOrder, IterationPositions, VoterOrder } from './account-order.js';
import { claimablePages, collectExposures, type ValidatorExposure } from './exposure.js';
import { nominatorShare, pagePayout, validatorPageShare, validatorPot } from './payout.js';
import { computeSlash, disableLimit, type EraSlashStore, type SpanStore } from './slashing.js';
import { equivocationSlashFraction } from '../consensus/equivocation.js';

/** The freeze id of bonded funds (Polkadot STAKING_ID lock "staking "). */
export const STAKING_FREEZE_ID = 'staking';
export const ERA_POINTS_PER_BLOCK = 20;

export interface StakingDeps {
  readonly balances: Balances;
  /** OnSlash destination (BalanceAI: slashes go to the treasury account, BALANCEAI.md §2). */
  readonly treasuryAccount: AccountId;
  /**
   * The era's staker reward (EraPayout): called once when `era` ends, with its actual duration. The emissions
   * pallet accrues the stakers' share of emissions without minting it and hands it over here; staking mints it
   * lazily at claim time (SUBSTRATE.md §3.5/§7). Returns 0 when nothing was accrued.
   */
  readonly takeEraStakerReward: (era: EraIndex, totalStakedPlanck: Planck, eraDurationMs: number) => Planck;
  /** Where elections are computed (default: inline, in this thread). Never changes an outcome (solver.ts). */
  readonly solver?: ElectionSolver;
}

export interface GenesisStaker {
  readonly stash: AccountId;
  readonly bondPlanck: Planck;
  readonly role: 'validator' | 'nominator' | 'idle';
  readonly commission?: Parts;
  readonly targets?: readonly AccountId[];
  readonly payee?: RewardDestination;
}

export interface OffenceReport {
  readonly offenders: readonly AccountId[];
  /** Slash fraction (Perbill parts); or give kind 'equivocation' to use min((3k/n)^2, 1) with k = offenders.length. */
  readonly fraction?: Parts;
  readonly kind?: 'equivocation';
  /** Era of the offence (default: the active era). */
  readonly era?: EraIndex;
  /** n for the equivocation formula (default: the active set size). */
  readonly validatorSetSize?: number;
  readonly reporters?: readonly AccountId[];
}

const MAX_GENESIS_STAKERS = 1_000_000;

/** a + b without a new bigint when a is 0 (most payees are owed a single share). */
const plus = (a: Planck, b: Planck): Planck => (a === 0n ? b : a + b);
const POINTS_KEY_CACHE_MAX = 100_000;

export class Staking {
  readonly storage: StakingStorage;
  private readonly balances: Balances;
  private readonly solver: ElectionSolver;
  /** Tickets of submitted elections by era, with the input they were submitted for (checked on take). */
  private readonly inFlight = new Map<EraIndex, { readonly input: ElectionInput; readonly ticket: number }>();
  // Memos of pure functions of storage (not state: each is checked against its input on use, so they never change
  // an outcome and need no journal): the account-sorted key lists (validators, nominators, bonded stashes) and the
  // era-point keys of the active era.
  private readonly validatorOrder = new AccountOrder();
  private readonly nominatorOrder = new AccountOrder();
  private readonly stakerOrder = new AccountOrder();
  private readonly voterOrder = new VoterOrder();
  private readonly ledgerPositions = new IterationPositions();
  private readonly nominationPositions = new IterationPositions();
  private pointsKeys: { era: EraIndex; keys: Map<AccountId, string> } = { era: -1, keys: new Map() };

  constructor(journal: Journal, private readonly events: EventBuffer, readonly config: StakingConfig, private readonly deps: StakingDeps) {
    this.storage = new StakingStorage(journal);
    this.balances = deps.balances;
    this.solver = deps.solver ?? new InlineSolver();
  }

  // ------------------------------------------------------------------ reads

  ledger(stash: AccountId): StakingLedger | undefined { return this.storage.ledger.get(stash); }
  currentEra(): EraIndex { return this.storage.currentEra.get(); }
  activeEra(): EraIndex { return this.storage.activeEra.get().index; }
  activeValidators(): readonly AccountId[] { return this.storage.sessionValidators.get(); }
  /**
   * The validator set that will be active in block `n` (the next block to initialize): the queued set when block n
   * starts a new era, else the current one. Block authors must come from it, or the first block of an era earns
   * points for an author without exposure in that era (its share then expires, accounted).
   */
  validatorsForBlock(n: number): readonly AccountId[] {
    const c = this.config;
    if (n > 1 && (n - 1) % c.eraBlocks === 0) {
      const queued = this.storage.erasElected.get(this.currentEra());
      if (queued !== undefined && queued.length > 0 && this.currentEra() > this.activeEra()) return queued;
    }
    return this.storage.sessionValidators.get();
  }
  isDisabled(v: AccountId): boolean { return this.storage.disabledValidators.get().includes(v); }
  stats(): StakingStats { return this.storage.stats.get(); }
  /** Σ active over all ledgers (the "staked" amount for a staking ratio KPI). */
  totalActive(): Planck { let s = 0n; for (const l of this.storage.ledger.values()) s += l.active; return s; }
  eraTotalStake(era: EraIndex): Planck { return this.storage.erasTotalStake.get(era) ?? 0n; }
  eraReward(era: EraIndex): Planck | undefined { return this.storage.erasValidatorReward.get(era); }
  erasElected(era: EraIndex): readonly AccountId[] { return this.storage.erasElected.get(era) ?? []; }

  /** Existential deposit (the floor of every bond). */
  existentialDeposit(): Planck { return this.balances.ed; }
  emit(e: Parameters<EventBuffer['push']>[0]): void { this.events.push(e); }

  private bumpStats(f: (s: StakingStats) => Partial<StakingStats>): void {
    const s = this.storage.stats.get();
    this.storage.stats.set({ ...s, ...f(s) });
  }

  // ------------------------------------------------------------------ ledger helpers

  /** Writes the ledger and sets the staking freeze to its total (or removes both). */
  updateLedger(l: StakingLedger): void {
    L.checkLedger(l);
    this.storage.ledger.set(l.stash, l);
    const r = this.balances.setFreeze(STAKING_FREEZE_ID, l.stash, l.total);
    if (!r.ok) assert(false, `staking: freeze update failed for ${l.stash}`);
  }

  /** Removes every trace of a stash (kill_stash). */
  killStash(stash: AccountId): void {
    this.storage.ledger.delete(stash);
    this.storage.payee.delete(stash);
    this.storage.validators.delete(stash);
    this.storage.nominators.delete(stash);
    this.balances.thaw(STAKING_FREEZE_ID, stash);
  }

  /** Free funds that can still be bonded (the freeze covers what is already bonded). */
  stakeable(stash: AccountId, alreadyBonded: Planck): Planck {
    const free = this.balances.free(stash);
    return free > alreadyBonded ? free - alreadyBonded : 0n;
  }

  minActiveBond(stash: AccountId): Planck {
    if (this.storage.nominators.has(stash)) return this.config.minNominatorBondPlanck;
    if (this.storage.validators.has(stash)) return this.config.minValidatorBondPlanck;
    return 0n;
  }

  setValidatorPrefs(stash: AccountId, prefs: ValidatorPrefs): void {
    this.storage.nominators.delete(stash);
    this.storage.validators.set(stash, prefs);
    this.events.push(E.validatorPrefsSet(stash, prefs));
  }

  setNominations(stash: AccountId, targets: readonly AccountId[]): void {
    this.storage.validators.delete(stash);
    this.storage.nominators.set(stash, { targets, submittedIn: this.currentEra(), suppressed: false });
    this.events.push(E.nominated(stash, targets));
  }

  chill(stash: AccountId): void {
    const was = this.storage.validators.has(stash) || this.storage.nominators.has(stash);
    this.storage.validators.delete(stash);
    this.storage.nominators.delete(stash);
    if (was) this.events.push(E.chilled(stash));
  }

  // ------------------------------------------------------------------ genesis

  /** Bond genesis stakers (their free balance must already exist) and elect the era-0 set. */
  genesis(stakers: readonly GenesisStaker[], genesisMs: number): void {
    // Genesis stakers come from scenario input: reject bad ones with a ConfigError (exit 2), not an invariant failure.
    const bad = (path: string, reason: string, allowed: string): never => { throw new ConfigError(path, reason, allowed); };
    if (stakers.length > MAX_GENESIS_STAKERS) bad('genesis.stakers', `${stakers.length} stakers`, `at most ${MAX_GENESIS_STAKERS}`);
    for (const s of stakers) {
      if (this.storage.ledger.has(s.stash)) bad('genesis.stakers', `${s.stash} bonded twice`, 'one bond per stash');
      if (s.bondPlanck < this.balances.ed) bad('genesis.stakers', `bond of ${s.stash} (${s.bondPlanck} planck) is below the existential deposit`, `>= ${this.balances.ed} planck`);
      if (this.balances.free(s.stash) < s.bondPlanck) bad('genesis.stakers', `${s.stash} has less free balance than its bond`, 'bond <= endowment');
      this.updateLedger(L.newLedger(s.stash, s.bondPlanck));
      this.storage.payee.set(s.stash, s.payee ?? 'Staked');
    }
    for (const s of stakers) {
      if (s.role === 'validator') this.setValidatorPrefs(s.stash, { commission: s.commission ?? 0n, blocked: false });
    }
    for (const s of stakers) {
      if (s.role !== 'nominator') continue;
      const targets = [...new Set(s.targets ?? [])].sort(compareAccount);
      if (targets.length === 0 || targets.length > this.config.maxNominations) {
        bad('staking.maxNominations', `genesis nominator ${s.stash} has ${targets.length} targets`, `1..${this.config.maxNominations} targets`);
      }
      for (const t of targets) if (!this.storage.validators.has(t)) bad('genesis.stakers', `${s.stash} nominates ${t}, which is not a genesis validator`, 'genesis validators');
      this.setNominations(s.stash, targets);
    }
    this.storage.activeEra.set({ index: 0, startMs: genesisMs });
    this.storage.currentEra.set(0);
    const elected = this.electAndStore(0);
    this.storage.sessionValidators.set(elected);
    // pallet_session genesis also plans session 1: with one session per era that is the election of era 1.
    if (this.config.electionAt === 'sessionBeforeEraEnd' && this.config.sessionsPerEra === 1) this.planNextEra();
  }

  // ------------------------------------------------------------------ hooks (called by the runtime)

  /** on_initialize of block `n` (n >= 1): session rotation, era end/start, election planning. */
  onInitialize(n: number, nowMs: number): void {
    const c = this.config;
    if (n > 1 && (n - 1) % c.sessionBlocks === 0) this.newSession((n - 1) / c.sessionBlocks, nowMs);
    if (c.electionAt === 'eraEnd' && n % c.eraBlocks === 0) this.planNextEra();
    if (c.electionLookaheadBlocks > 0 && this.plansEraAt(n + c.electionLookaheadBlocks)) this.openElection();
  }

  /** Whether block m plans the next era (runs its election): the same conditions as onInitialize/newSession. */
  private plansEraAt(m: number): boolean {
    const c = this.config;
    if (c.electionAt === 'eraEnd') return m % c.eraBlocks === 0;
    if (m <= 1 || (m - 1) % c.sessionBlocks !== 0) return false;
    return ((m - 1) / c.sessionBlocks + 1) % c.sessionsPerEra === 0;
  }

  /** Takes the next era's snapshot now and hands it to the solver; the solution is taken when the era is planned. */
  private openElection(): void {
    const era = this.currentEra() + 1;
    const input = this.electionInput();
    this.storage.pendingElection.set({ era, input });
    this.dropInFlight();
    this.inFlight.set(era, { input, ticket: this.solver.submit(input) });
  }

  /** Takes (and discards) the solutions of elections that will not be used, so no solver keeps them. */
  private dropInFlight(): void {
    for (const f of this.inFlight.values()) this.solver.take(f.ticket);
    this.inFlight.clear();
  }

  /** pallet_authorship note_author: 20 era points per authored block. */
  noteAuthor(author: AccountId): void {
    const era = this.activeEra();
    // The "era|stash" key of each author, built once per era (this runs every block).
    if (this.pointsKeys.era !== era) this.pointsKeys = { era, keys: new Map() };
    let k = this.pointsKeys.keys.get(author);
    if (k === undefined) {
      if (this.pointsKeys.keys.size >= POINTS_KEY_CACHE_MAX) this.pointsKeys.keys.clear();
      k = eraKey(era, author);
      this.pointsKeys.keys.set(author, k);
    }
    this.storage.erasRewardPoints.set(k, (this.storage.erasRewardPoints.get(k) ?? 0) + ERA_POINTS_PER_BLOCK);
    this.storage.erasTotalRewardPoints.set(era, (this.storage.erasTotalRewardPoints.get(era) ?? 0) + ERA_POINTS_PER_BLOCK);
  }

  private newSession(s: number, nowMs: number): void {
    const c = this.config;
    this.storage.currentSession.set(s);
    if (s % c.sessionsPerEra === 0) {
      const ended = this.activeEra();
      this.endEra(ended, nowMs);
      this.startEra(ended + 1, nowMs);
    }
    if (c.electionAt === 'sessionBeforeEraEnd' && (s + 1) % c.sessionsPerEra === 0) this.planNextEra();
  }

  private planNextEra(): void {
    const next = this.currentEra() + 1;
    this.electAndStore(next);
    this.storage.currentEra.set(next);
  }

  private startEra(era: EraIndex, nowMs: number): void {
    this.storage.activeEra.set({ index: era, startMs: nowMs });
    if (this.currentEra() < era) this.storage.currentEra.set(era); // no election happened (e.g. eraEnd mode edge)
    const elected = this.storage.erasElected.get(era);
    if (elected !== undefined && elected.length > 0) this.storage.sessionValidators.set(elected);
    else {
      // Election failed or produced nobody: keep the previous set, with its exposures copied forward.
      this.copyExposures(era - 1, era);
    }
    this.storage.disabledValidators.set([]);
    this.applyDeferredSlashes(era);
  }

  private endEra(era: EraIndex, nowMs: number): void {
    const duration = nowMs - this.storage.activeEra.get().startMs;
    const reward = this.deps.takeEraStakerReward(era, this.eraTotalStake(era), duration);
    assert(reward >= 0n, 'staking: negative era reward');
    this.storage.erasValidatorReward.set(era, reward);
    this.bumpStats((s) => ({ rewardAllocatedPlanck: s.rewardAllocatedPlanck + reward }));
    this.events.push(E.eraPaid(era, reward, 0n));
    if (this.config.autoPayout) this.autoPayout(era);
    this.expireEra(era + 1 - this.config.historyDepth - 1);
  }

  // ------------------------------------------------------------------ election

  /** The snapshot voters (self-votes of validators + nominators), top maxElectingVoters by weight, canonical order. */
  electionSnapshot(): { candidates: readonly AccountId[]; voters: VoterInput[] } {
    // CurrencyToVote: vote = min(active / factor, u64::MAX), factor = max(issuance / u64::MAX, 1), fixed per snapshot.
    const factor = currencyToVoteFactor(this.balances.totalIssuance());
    const toVote = (active: Planck): bigint => { const v = active / factor; return v > U64_MAX ? U64_MAX : v; };
    const candidates = this.validatorOrder.of(this.storage.validators);
    const nominators = this.nominatorOrder.of(this.storage.nominators);
    // Validators and nominators are disjoint sets of stashes, each sorted by account: merged, they give the
    // canonical (sorted) voter order without sorting 20k+ voters every era. Ledgers and nominations are read by
    // walking their maps (sequential, no lookup per voter) into that order's positions; a position without a
    // ledger (or with no vote weight) is no voter.
    const order = this.voterOrder.of(candidates, nominators);
    const n = order.who.length;
    const weights = new Array<bigint>(n).fill(0n);
    this.ledgerPositions.visit(this.storage.ledger, order.who, order.index, (l, p) => { weights[p] = toVote(l.active); });
    const targets = new Array<readonly AccountId[] | null>(n).fill(null);
    this.nominationPositions.visit(this.storage.nominators, order.who, order.index, (x, p) => { targets[p] = x.targets; });
    let voters: VoterInput[] = [];
    for (let p = 0; p < n; p++) {
      const weight = weights[p]!;
      if (weight === 0n) continue;
      const who = order.who[p]!;
      voters.push({ who, weight, targets: order.isValidator[p] === 1 ? [who] : targets[p]! });
    }
    if (voters.length > this.config.maxElectingVoters) {
      voters.sort((a, b) => (a.weight > b.weight ? -1 : a.weight < b.weight ? 1 : compareAccount(a.who, b.who)));
      voters = voters.slice(0, this.config.maxElectingVoters);
      voters.sort((a, b) => compareAccount(a.who, b.who));
    }
    return { candidates, voters };
  }

  private electionInput(): ElectionInput {
    const c = this.config;
    const snap = this.electionSnapshot();
    return { algorithm: c.election, toElect: c.validatorCount, candidates: snap.candidates, voters: snap.voters,
      balancing: c.balancing, reduce: c.reduce };
  }

  /**
   * The solution for `era`: from the snapshot taken electionLookaheadBlocks ago when there is one (re-submitted if
   * its ticket was lost, e.g. after a checkpoint restore), else from a snapshot taken now.
   */
  private solutionFor(era: EraIndex) {
    const pending = this.storage.pendingElection.get();
    if (pending !== null) this.storage.pendingElection.set(null);
    const input = pending !== null && pending.era === era ? pending.input : this.electionInput();
    const f = this.inFlight.get(era);
    const submitted = f !== undefined && f.input === input ? f.ticket : null;
    if (submitted !== null) this.inFlight.delete(era);
    this.dropInFlight(); // anything else in flight is stale
    return this.solver.take(submitted ?? this.solver.submit(input));
  }

  /** Runs the election for `era` and stores its exposures; returns the elected set (canonical order). */
  electAndStore(era: EraIndex): AccountId[] {
    const c = this.config;
    // Voters' stakes in the election are their vote weights, so the fused pipeline (electSupports) equals
    // resultToSupports(seqPhragmen|phragmms(...), stakeOf) step for step (proven in the election tests).
    const { supports } = this.solutionFor(era);
    const exposures = collectExposures(supports, this.balances.totalIssuance(), c.maxExposurePageSize);
    this.storeExposures(era, exposures);
    this.bumpStats((s) => ({ elections: s.elections + 1 }));
    const elected = exposures.map((e) => e.validator);
    this.events.push(E.stakersElected(era, elected.length));
    return elected;
  }

  private storeExposures(era: EraIndex, exposures: readonly ValidatorExposure[]): void {
    const s = this.storage;
    let total = 0n;
    for (const e of exposures) {
      const k = eraKey(era, e.validator);
      s.erasStakersOverview.set(k, e.overview);
      e.pages.forEach((p, i) => s.erasStakersPaged.set(pageKey(era, e.validator, i), p));
      s.erasValidatorPrefs.set(k, s.validators.get(e.validator) ?? { commission: 0n, blocked: false });
      total += e.overview.total;
    }
    s.erasTotalStake.set(era, total);
    s.erasElected.set(era, exposures.map((e) => e.validator));
  }

  private copyExposures(from: EraIndex, to: EraIndex): void {
    const s = this.storage;
    const set = s.erasElected.get(from) ?? [];
    const exposures: ValidatorExposure[] = set.map((v) => {
      const overview = s.erasStakersOverview.get(eraKey(from, v))!;
      const pages = Array.from({ length: overview.pageCount }, (_, i) => s.erasStakersPaged.get(pageKey(from, v, i))!);
      return { validator: v, overview, pages };
    });
    this.storeExposures(to, exposures);
    for (const v of set) { const p = s.erasValidatorPrefs.get(eraKey(from, v)); if (p) s.erasValidatorPrefs.set(eraKey(to, v), p); }
  }

  // ------------------------------------------------------------------ payouts

  /** payout_stakers_by_page without the origin: pays one page of `validator`'s reward for `era`. */
  payoutStakersByPage(validator: AccountId, era: EraIndex, page: number): DispatchResult {
    const s = this.storage;
    const active = this.activeEra();
    if (!Number.isInteger(era) || era >= active || era + this.config.historyDepth < active) return fail('InvalidEraToReward');
    const reward = s.erasValidatorReward.get(era);
    if (reward === undefined) return fail('InvalidEraToReward');
    const k = eraKey(era, validator);
    const overview = s.erasStakersOverview.get(k);
    if (overview === undefined) return fail('NotStash');
    if (!Number.isInteger(page) || page < 0 || page >= claimablePages(overview)) return fail('InvalidPage');
    const claimed = s.claimedRewards.get(k) ?? [];
    if (claimed.includes(page)) return fail('AlreadyClaimed');
    s.claimedRewards.set(k, [...claimed, page].sort((a, b) => a - b));
    const pot = this.potOf(era, validator, reward);
    const pp = pagePayout(pot, overview, page, s.erasStakersPaged.get(pageKey(era, validator, page)));
    const next = page + 1 < claimablePages(overview) ? page + 1 : null;
    this.events.push(E.payoutStarted(era, validator, page, next));
    let paid = this.makePayout(validator, pp.validator);
    for (const [who, amount] of pp.nominators) paid += this.makePayout(who, amount);
    this.notePaid(era, paid);
    return OK;
  }

  private potOf(era: EraIndex, validator: AccountId, reward: Planck, k = eraKey(era, validator)) {
    const s = this.storage;
    const points = s.erasRewardPoints.get(k) ?? 0;
    const total = s.erasTotalRewardPoints.get(era) ?? 0;
    const commission = s.erasValidatorPrefs.get(k)?.commission ?? 0n;
    return validatorPot(reward, BigInt(points), BigInt(total), commission);
  }

  private notePaid(era: EraIndex, paid: Planck): void {
    if (paid === 0n) return;
    this.storage.erasRewardPaid.set(era, (this.storage.erasRewardPaid.get(era) ?? 0n) + paid);
    this.bumpStats((x) => ({ rewardPaidPlanck: x.rewardPaidPlanck + paid }));
  }

  /** make_payout: mints to the stash (Stash) or mints and bonds it (Staked); returns the amount minted. */
  private makePayout(stash: AccountId, amount: Planck): Planck {
    if (amount === 0n) return 0n;
    const dest = this.storage.payee.get(stash);
    const l = this.storage.ledger.get(stash);
    if (dest === undefined || l === undefined) return 0n; // not a staker any more: the reward is not minted
    // mint_into_existing: a reaped stash gets nothing (the balances calls check it with their own account read)
    if (dest === 'Staked') {
      // mint, then bond it: the ledger grows and the freeze follows its total (updateLedger), the account written once
      const bonded = L.bondExtra(l, amount);
      L.checkLedger(bonded);
      const r = this.balances.mintAndFreeze(stash, amount, STAKING_FREEZE_ID, bonded.total);
      if (!r.ok) return 0n; // no account or the mint failed (nothing written); a freeze that can't follow throws
      this.storage.ledger.set(stash, bonded);
    } else {
      const r = this.balances.mintIntoExisting(stash, amount);
      if (!r.ok) return 0n;
    }
    if (this.events.enabled) this.events.push(E.rewarded(stash, dest, amount)); // no event object when nobody reads them
    return amount;
  }

  /**
   * Lab helper (staking.autoPayout): claims every page of every validator of `era`, as a payout bot would, without
   * extrinsics (no fees). Per-page amounts are computed exactly as payout_stakers_by_page; each payee then receives
   * its era total in one mint (one Rewarded event per payee), which leaves every balance identical to paging claims
   * one by one because exposures, points and prefs of a past era never change.
   */
  autoPayout(era: EraIndex): void {
    const s = this.storage;
    const reward = s.erasValidatorReward.get(era);
    if (reward === undefined || reward === 0n) return;
    // Amounts owed are summed per bonded stash, by its position in account order. A payee without a ledger is
    // skipped: makePayout would mint nothing for it and change nothing. Walking the positions in order then pays
    // in account order (the order of the Rewarded events) without sorting the payees every era.
    const { order, index } = this.stakerOrder.indexed(s.ledger);
    const owed: Planck[] = new Array<Planck>(order.length).fill(0n);
    for (const v of s.erasElected.get(era) ?? []) {
      const k = eraKey(era, v);
      const overview = s.erasStakersOverview.get(k)!;
      const claimed = s.claimedRewards.get(k) ?? [];
      const pages = claimablePages(overview);
      if (claimed.length === pages) continue;
      const pot = this.potOf(era, v, reward, k);
      const vi = index.get(v);
      const all: number[] = [];
      for (let p = 0; p < pages; p++) {
        all.push(p);
        if (claimed.includes(p)) continue;
        const page = s.erasStakersPaged.get(pageKey(era, v, p));
        if (vi !== undefined) owed[vi] = plus(owed[vi]!, validatorPageShare(pot, overview, p, page));
        if (page === undefined) continue;
        const others = page.others;
        for (let j = 0; j < others.length; j++) {
          const n = others[j]!;
          const i = index.get(n.who);
          if (i !== undefined) owed[i] = plus(owed[i]!, nominatorShare(pot, overview.total, n.value));
        }
      }
      s.claimedRewards.set(k, all);
    }
    let paid = 0n;
    for (let i = 0; i < owed.length; i++) if (owed[i]! > 0n) paid += this.makePayout(order[i]!, owed[i]!);
    this.notePaid(era, paid);
  }

  /** Drops era data older than HistoryDepth; what was allocated but never minted is counted as expired. */
  private expireEra(era: EraIndex): void {
    if (era < 0) return;
    const s = this.storage;
    const reward = s.erasValidatorReward.get(era) ?? 0n;
    const paid = s.erasRewardPaid.get(era) ?? 0n;
    assert(paid <= reward, `staking: era ${era} paid ${paid} > reward ${reward}`);
    if (reward - paid > 0n) {
      this.bumpStats((x) => ({ rewardExpiredPlanck: x.rewardExpiredPlanck + (reward - paid) }));
      this.events.push(E.rewardExpired(era, reward - paid));
    }
    let pointsDropped = 0;
    for (const v of s.erasElected.get(era) ?? []) {
      const k = eraKey(era, v);
      const o = s.erasStakersOverview.get(k);
      for (let p = 0; p < (o?.pageCount ?? 0); p++) s.erasStakersPaged.delete(pageKey(era, v, p));
      s.erasStakersOverview.delete(k);
      s.erasValidatorPrefs.delete(k);
      s.claimedRewards.delete(k);
      pointsDropped += s.erasRewardPoints.get(k) ?? 0;
      s.erasRewardPoints.delete(k);
    }
    // Points of authors outside the elected set (rare): found by a scan only when the totals say they exist.
    if (pointsDropped !== (s.erasTotalRewardPoints.get(era) ?? 0)) {
      for (const k of [...s.erasRewardPoints.keys()]) if (k.startsWith(`${era}|`)) s.erasRewardPoints.delete(k);
    }
    s.erasTotalRewardPoints.delete(era);
    s.erasValidatorReward.delete(era);
    s.erasRewardPaid.delete(era);
    s.erasTotalStake.delete(era);
    s.erasElected.delete(era);
    for (const k of [...s.validatorSlashInEra.keys()]) if (k.startsWith(`${era}|`)) s.validatorSlashInEra.delete(k);
    for (const k of [...s.nominatorSlashInEra.keys()]) if (k.startsWith(`${era}|`)) s.nominatorSlashInEra.delete(k);
  }

  // ------------------------------------------------------------------ slashing

  /**
   * on_offence: computes each offender's slash for the offence era and either applies it now
   * (slashDeferDurationEras = 0) or queues it for the start of era offenceEra + slashDeferDurationEras (the paged
   * slashing.rs timing; a late report whose date has passed is applied at the next era start). Offenders of the
   * active era are disabled, up to (n − 1)/3 of the set. Reports older than BondingDuration eras are discarded.
   */
  reportOffence(o: OffenceReport): void {
    const active = this.activeEra();
    const slashEra = o.era ?? active;
    const windowStart = Math.max(active - this.config.bondingDurationEras, 0);
    if (slashEra < windowStart || slashEra > active) {
      this.events.push(E.oldSlashingReportDiscarded(this.storage.currentSession.get()));
      return;
    }
    const n = o.validatorSetSize ?? this.activeValidators().length;
    const fraction = o.fraction ?? (o.kind === 'equivocation' ? equivocationSlashFraction(o.offenders.length, Math.max(n, 1)) : 0n);
    assert(fraction >= 0n && fraction <= 1_000_000_000n, 'staking: slash fraction out of range');
    const offenders = [...new Set(o.offenders)].sort(compareAccount);
    for (const stash of offenders) {
      const overview = this.storage.erasStakersOverview.get(eraKey(slashEra, stash));
      if (overview === undefined) continue; // not exposed in that era
      this.events.push(E.slashReported(stash, fraction, slashEra));
      if (slashEra === active) this.disable(stash);
      const others = [];
      for (let p = 0; p < overview.pageCount; p++) others.push(...this.storage.erasStakersPaged.get(pageKey(slashEra, stash, p))!.others);
      const unapplied = computeSlash({
        stash, fraction, own: overview.own, total: overview.total, others, slashEra, windowStart, now: active,
        rewardProportion: this.config.slashRewardFraction,
      }, this.spanStore(), this.eraSlashStore());
      if (unapplied === null) continue;
      const slash: UnappliedSlash = { ...unapplied, reporters: [...(o.reporters ?? [])], slashEra };
      if (this.config.slashDeferDurationEras === 0) this.applySlash(slash);
      else {
        const at = Math.max(slashEra + this.config.slashDeferDurationEras, active + 1);
        this.storage.unappliedSlashes.set(at, [...(this.storage.unappliedSlashes.get(at) ?? []), slash]);
      }
    }
  }

  private disable(stash: AccountId): void {
    const d = this.storage.disabledValidators.get();
    if (d.includes(stash) || d.length >= disableLimit(this.activeValidators().length)) return;
    this.storage.disabledValidators.set([...d, stash].sort(compareAccount));
    this.events.push(E.validatorDisabled(stash));
  }

  private applyDeferredSlashes(era: EraIndex): void {
    const list = this.storage.unappliedSlashes.get(era);
    if (list === undefined) return;
    for (const u of list) this.applySlash(u);
    this.storage.unappliedSlashes.delete(era);
  }

  /** apply_slash: slash the validator and its nominators, pay reporters out of the slashed funds, rest to treasury. */
  applySlash(u: UnappliedSlash): void {
    let slashedTotal = 0n;
    slashedTotal += this.doSlash(u.validator, u.own, u.slashEra);
    for (const [who, amount] of u.others) slashedTotal += this.doSlash(who, amount, u.slashEra);
    const reward = u.reporters.length === 0 ? 0n : (u.payout < slashedTotal ? u.payout : slashedTotal);
    if (reward > 0n) {
      const each = reward / BigInt(u.reporters.length);
      let given = 0n;
      for (const r of u.reporters) {
        if (each === 0n) break;
        if (this.balances.transfer(this.deps.treasuryAccount, r, each, 'Expendable').ok) given += each;
      }
      this.bumpStats((x) => ({ slashReporterRewardPlanck: x.slashReporterRewardPlanck + given, slashToTreasuryPlanck: x.slashToTreasuryPlanck - given }));
    }
  }

  /** do_slash: ledger first (StakingLedger::slash), then the balance (to the treasury), then the freeze. */
  private doSlash(stash: AccountId, value: Planck, slashEra: EraIndex): Planck {
    const l = this.storage.ledger.get(stash);
    if (l === undefined || value === 0n) return 0n;
    const r = L.slashLedger(l, value, this.balances.ed, slashEra, this.config.bondingDurationEras);
    if (r.slashed === 0n) return 0n;
    const out = this.balances.slash(stash, r.slashed, this.deps.treasuryAccount);
    // A stash slashed below ED is reaped by balances; the lab then removes its staking records at once (on chain
    // anyone may call reap_stash for it), so no ledger ever points at a dead account.
    if (this.balances.exists(stash)) this.updateLedger(r.ledger);
    else this.killStash(stash);
    this.events.push(E.slashed(stash, out.slashedPlanck));
    this.bumpStats((x) => ({
      slashedPlanck: x.slashedPlanck + out.slashedPlanck,
      slashToTreasuryPlanck: x.slashToTreasuryPlanck + out.toDestPlanck,
      slashBurnedPlanck: x.slashBurnedPlanck + out.burnedPlanck,
    }));
    return out.slashedPlanck;
  }

  private spanStore(): SpanStore {
    const s = this.storage;
    return {
      getSpans: (stash) => s.slashingSpans.get(stash),
      setSpans: (stash, v) => s.slashingSpans.set(stash, v),
      getSpanRecord: (stash, i) => s.spanSlash.get(eraKey(i, stash)) ?? { slashed: 0n, paidOut: 0n },
      setSpanRecord: (stash, i, r) => s.spanSlash.set(eraKey(i, stash), r),
      deleteSpanRecord: (stash, i) => s.spanSlash.delete(eraKey(i, stash)),
    };
  }

  private eraSlashStore(): EraSlashStore {
    const s = this.storage;
    return {
      getValidatorSlash: (era, stash) => s.validatorSlashInEra.get(eraKey(era, stash)),
      setValidatorSlash: (era, stash, v) => s.validatorSlashInEra.set(eraKey(era, stash), v),
      getNominatorSlash: (era, stash) => s.nominatorSlashInEra.get(eraKey(era, stash)) ?? 0n,
      setNominatorSlash: (era, stash, v) => s.nominatorSlashInEra.set(eraKey(era, stash), v),
    };
  }

  // ------------------------------------------------------------------ invariants

  /** Every ledger is consistent and its freeze equals its total; stats balance. O(stakers): call at era boundaries. */
  checkInvariants(): void {
    // One visit per ledger without an [stash, ledger] tuple each (this audits every staker once per day or era); the
    // freeze is read first and the account's existence only when it differs (a ledger of a reaped account holds no
    // freeze), so the common case costs one lookup in balances.
    this.storage.ledger.forEach((l, stash) => {
      L.checkLedger(l);
      if (l.stash !== stash) assert(false, `staking: ledger under ${stash} is for ${l.stash}`);
      if (this.balances.balanceFrozen(STAKING_FREEZE_ID, stash) !== l.total && this.balances.exists(stash)) {
        assert(false, `staking: freeze of ${stash} != ledger total`); // message built only on failure
      }
    });
    const st = this.stats();
    assert(st.rewardPaidPlanck + st.rewardExpiredPlanck <= st.rewardAllocatedPlanck, 'staking: paid + expired > allocated');
  }
}
