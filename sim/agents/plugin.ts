// The staking agents as a world plugin: validator candidates and nominators that wake once per era (at a seeded
// moment of the era's wake window, never every block), read chain state and the era survey, and act only by
// submitting signed extrinsics to the mempool (bond, validate, nominate, chill, unbond, withdraw_unbonded), like
// real users. A daily event steps the exogenous BAI/USD price; an era event builds the survey the agents read.
//
// Event ordering inside an era: survey at offset (sourceId 0), agent wakes in [offset, offset + window)
// (sourceIds 1.. so a wake at the survey's tick runs after it). All agent state is plain data in snapshot().

import { dirname, isAbsolute, resolve } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { EventClass, type Engine, type RngStream } from '../engine/index.js';
import type { WorldPlugin, WorldPluginFactory } from '../runner/plugins.js';
import type { World } from '../runner/world.js';
import type { Scenario } from '../../scenarios/schema.js';
import { scenarioSource } from '../../scenarios/load.js';
import { validatorId } from '../runner/workload.js';
import { ConfigError } from '../../protocol/primitives/config-error.js';
import type { AccountId, Planck } from '../../protocol/primitives/units.js';
import { runtimeConfigFromScenario, type Runtime } from '../../protocol/runtime.js';
import { eraKey } from '../../protocol/pallets/staking/codec.js';
import { AgentsSource } from '../metrics/kpis/agents.js';
import { agentsFromScenario, agentsSection, outsideYieldOn, type AgentsConfig, type AgentsSection } from './config.js';
import { buildStakingPopulation, type StakingPopulation } from './population.js';
import { buildSurvey, EMPTY_SURVEY, type Survey, type SurveyReads } from './survey.js';
import { csvPriceOn, DAYS_PER_YEAR, gbmStep, readPriceCsv } from './price.js';
import {
  decideNominator, decideValidator, tally, voterChoice, type NominatorParams, type StakerStatus, type ValidatorMemory,
} from './behaviours.js';

export const DAY_MS = 86_400_000;
/** Encoded lengths (bytes) of the signed extrinsics agents send: ~100 bytes of signature/extensions + call data. */
const LEN = { bond: 150, validate: 120, nominateBase: 110, perTarget: 32, chill: 100, unbond: 120, withdraw: 104 } as const;
const PARTS = 1e9;

/** The agents section, defaults filled (tolerates scenarios built before the section was composed). */
export function agentsSectionOf(s: Scenario): AgentsSection {
  const raw = (s as { agents?: unknown }).agents ?? {};
  const filled = Value.Default(agentsSection, structuredClone(raw)) as AgentsSection;
  const e = Value.Errors(agentsSection, filled).First();
  if (e) throw new ConfigError(`agents${e.path.replace(/\//g, '.')}`, e.message);
  return filled;
}

interface Context { readonly cfg: AgentsConfig; readonly pop: StakingPopulation; readonly maxNominations: number }
const CONTEXTS = new WeakMap<Engine, Context>();

/** Population built once per engine (genesis and create must see the same trait draws). */
function contextOf(s: Scenario, engine: Engine, decimals: number): Context {
  let c = CONTEXTS.get(engine);
  if (c === undefined) {
    const cfg = agentsFromScenario(agentsSectionOf(s), decimals);
    const maxNominations = runtimeConfigFromScenario(s as never).staking.maxNominations;
    const w = (s as { workload?: { validators?: number } }).workload;
    const workloadValidators = Array.from({ length: w?.validators ?? 0 }, (_, i) => validatorId(i));
    const pop = buildStakingPopulation(cfg, maxNominations, workloadValidators,
      (i) => engine.rng.stream('agents.validator.traits', i), (i) => engine.rng.stream('agents.nominator.traits', i));
    c = { cfg, pop, maxNominations };
    CONTEXTS.set(engine, c);
  }
  return c;
}

export const stakingAgentsPlugin: WorldPluginFactory = {
  name: 'agents',
  enabled: (s) => agentsSectionOf(s).enabled,
  genesis: (s, engine, decimals) => contextOf(s, engine, decimals).pop.genesis,
  create: (world) => new StakingAgents(world, contextOf(world.scenario, world.engine, world.binding.token.decimals)),
};

type CounterName = 'validatorsEntered' | 'validatorsLeft' | 'commissionChanges' | 'nominatorsEntered' | 'nominatorsLeft' | 'nominatorsRebalanced' | 'spamTransfers' | 'proposals' | 'proposalsPassed';
const ZERO_COUNTERS: Record<CounterName, number> = {
  validatorsEntered: 0, validatorsLeft: 0, commissionChanges: 0, nominatorsEntered: 0, nominatorsLeft: 0, nominatorsRebalanced: 0, spamTransfers: 0,
  proposals: 0, proposalsPassed: 0,
};
const MINUTE_MS = 60_000;

/** Plain-data state of the population (checkpoints). */
export interface StakingAgentsState {
  priceDay: number;
  priceUsd: number;
  outsideYield: number;
  survey: Survey;
  validators: { commission: number[]; unprofitableEras: number[]; waitingEras: number[]; lastEra: number[]; costUsd: number[] };
  nominators: { lastEra: number[]; hurdle: number[] };
  counters: Record<CounterName, number>;
  submitted: number;
}

export class StakingAgents implements WorldPlugin {
  readonly kpiSources;
  private readonly rt: Runtime;
  private readonly s: AgentsSection;
  private readonly decimals: number;
  private readonly eraMs: number;
  private readonly erasPerYear: number;
  private readonly offsetMs: number;
  private readonly windowMs: number;
  private readonly priceKind: number;
  private readonly surveyKind: number;
  private readonly validatorKind: number;
  private readonly nominatorKind: number;
  private readonly spamKind: number;
  private readonly governanceKind: number;
  private readonly voterStreams: RngStream[];
  private readonly governanceStream: RngStream;
  private readonly vStreams: RngStream[];
  private readonly nStreams: RngStream[];
  private readonly priceStream: RngStream;
  private readonly csvPrices: readonly number[] | null;
  /** The nominators' decision parameters with nominations capped (built once, not per wake). */
  private readonly nominatorParams: NominatorParams;
  // ---- state (see snapshot)
  private priceDay = -1;
  private priceUsd: number;
  private outsideYield: number;
  private survey: Survey = EMPTY_SURVEY;
  private surveyIndex = new Map<AccountId, number>();
  private vMem: ValidatorMemory[];
  private vLastEra: number[];
  private costUsd: number[];
  private nLastEra: Int32Array;
  private hurdle: number[];
  private counters = { ...ZERO_COUNTERS };
  submitted = 0;

  constructor(private readonly world: World, private readonly ctx: Context) {
    const rt = (world.chain as { runtime?: Runtime }).runtime;
    if (rt === undefined) throw new Error('agents plugin: the chain is not protocol/runtime.ts');
    this.rt = rt;
    this.s = ctx.cfg.s;
    this.decimals = world.binding.token.decimals;
    this.eraMs = rt.config.staking.eraBlocks * world.binding.blockTimeMs;
    this.erasPerYear = DAYS_PER_YEAR * DAY_MS / this.eraMs;
    this.offsetMs = Math.floor(this.s.wake.offsetFraction * this.eraMs);
    this.windowMs = Math.max(1, Math.floor(this.s.wake.windowFraction * this.eraMs));
    this.nominatorParams = { ...this.s.nominators, nominations: Math.min(this.s.nominators.nominations, ctx.maxNominations) };
    const e = world.engine;
    this.priceKind = e.defineKind('agents.price', () => this.stepPrice());
    this.surveyKind = e.defineKind('agents.survey', () => this.takeSurvey());
    this.validatorKind = e.defineKind('agents.validator', (i) => this.wakeValidator(i));
    this.nominatorKind = e.defineKind('agents.nominator', (i) => this.wakeNominator(i));
    this.spamKind = e.defineKind('agents.spam', (k) => this.spam(k));
    this.governanceKind = e.defineKind('agents.governance', () => this.governance());
    const pop = ctx.pop;
    this.vStreams = pop.validatorIds.map((_, i) => e.rng.stream('agents.validator', i));
    this.nStreams = pop.nominatorIds.map((_, i) => e.rng.stream('agents.nominator', i));
    this.priceStream = e.rng.stream('agents.price');
    this.governanceStream = e.rng.stream('agents.governance');
    this.voterStreams = this.s.voters.enabled ? pop.nominatorIds.map((_, i) => e.rng.stream('agents.voter', i)) : [];
    this.csvPrices = this.s.price.model === 'csv' ? readPriceCsv(csvPath(world.scenario, this.s.price.csvFile)) : null;
    this.priceUsd = this.csvPrices ? this.csvPrices[0]! : this.s.price.initialUsd;
    this.outsideYield = outsideYieldOn(this.s.nominators, 0);
    this.vMem = pop.commission.map((c) => ({ commission: c, unprofitableEras: 0, waitingEras: 0 }));
    this.vLastEra = pop.validatorIds.map(() => -1);
    this.costUsd = pop.costUsd.slice();
    this.nLastEra = new Int32Array(pop.nominatorIds.length).fill(-1);
    this.hurdle = pop.hurdle.slice();
    const st = rt.staking.storage;
    this.kpiSources = [new AgentsSource({
      priceUsd: () => this.priceUsd,
      outsideYield: () => this.outsideYield,
      candidates: () => st.validators.size,
      nominators: () => st.nominators.size,
      meanCommission: () => {
        let sum = 0, n = 0;
        // sorted order: a float sum must not depend on Map insertion order (a resumed run rebuilds maps sorted)
        for (const id of st.validators.sortedKeysList()) { sum += Number(st.validators.get(id)!.commission) / PARTS; n++; }
        return n > 0 ? sum / n : 0;
      },
      counters: () => ({ ...this.counters }),
    })];
  }

  start(): void {
    const e = this.world.engine;
    e.schedule(0, EventClass.Agent, 0, this.priceKind, 0);
    e.schedule(this.offsetMs, EventClass.Agent, 0, this.surveyKind, 0);
    for (let i = 0; i < this.vStreams.length; i++) this.scheduleWake(this.validatorKind, 1 + i, i, this.vStreams[i]!, 0);
    const base = 1 + this.vStreams.length;
    for (let i = 0; i < this.nStreams.length; i++) this.scheduleWake(this.nominatorKind, base + i, i, this.nStreams[i]!, 0);
    const sp = this.s.spam;
    if (sp.enabled && sp.endDay > sp.startDay && sp.transfersPerMinute > 0) e.schedule(sp.startDay * DAY_MS, EventClass.Agent, 0, this.spamKind, 0);
    if (this.s.voters.enabled && this.voterStreams.length > 0) e.schedule(this.governanceAt(this.s.voters.proposalEveryEras), EventClass.Agent, 0, this.governanceKind, 0);
  }

  // ------------------------------------------------------------------ voters (minimal governance)

  /** After the wake window of era `era`: proposals see the agents' moves of that era. */
  private governanceAt(era: number): number { return era * this.eraMs + this.offsetMs + this.windowMs; }

  /**
   * A treasury proposal: a share of the pot (uniform in (0, proposalShareMax]) to a nominator agent; every nominator
   * agent may vote (its own stream), weighted by its active bond; a majority of stake approves it with a Root
   * treasury.spend (no governance pallet exists, so the vote is tallied off chain).
   */
  private governance(): void {
    const v = this.s.voters;
    const rng = this.governanceStream;
    const ids = this.ctx.pop.nominatorIds;
    const pot = this.rt.treasury.pot();
    const share = v.proposalShareMax * rng.float();
    const amount = BigInt(Math.floor(share * 1e9)) * pot / 1_000_000_000n;
    const beneficiary = ids[rng.int(ids.length)]!;
    const ledgers = this.rt.staking.storage.ledger;
    const votes = ids.map((id, i) => ({
      vote: voterChoice(this.voterStreams[i]!, v.turnout, share, v.sizeAversion), weight: ledgers.get(id)?.active ?? 0n,
    }));
    this.counters.proposals++;
    if (amount > 0n && tally(votes).passed) {
      const r = this.rt.applyRootCall({ pallet: 'treasury', name: 'spend', args: { amount, beneficiary } });
      if (r.ok) this.counters.proposalsPassed++;
    }
    this.world.engine.schedule(this.governanceAt(this.currentEraSlot() + v.proposalEveryEras), EventClass.Agent, 0, this.governanceKind, 0);
  }

  // ------------------------------------------------------------------ spammer

  /** Every minute while the spam runs: transfersPerMinute transfers, spammer k -> k + 1 round robin (`next` = k). */
  private spam(next: number): void {
    const sp = this.s.spam;
    const ids = this.ctx.pop.spammerIds;
    const e = this.world.engine;
    let k = next;
    for (let t = 0; t < sp.transfersPerMinute; t++) {
      const dest = ids[(k + 1) % ids.length]!;
      this.world.mempool.submit({ signer: ids[k]!, lengthBytes: sp.lengthBytes,
        call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest, value: this.ctx.cfg.spamValuePlanck } } });
      k = (k + 1) % ids.length;
    }
    this.counters.spamTransfers += sp.transfersPerMinute;
    this.submitted += sp.transfersPerMinute;
    if (e.nowMs() + MINUTE_MS < sp.endDay * DAY_MS) e.scheduleIn(MINUTE_MS, EventClass.Agent, 0, this.spamKind, k);
  }

  /** Wake in era `era`'s window at a moment drawn from the agent's own stream. */
  private scheduleWake(kind: number, sourceId: number, i: number, rng: RngStream, era: number): void {
    const at = era * this.eraMs + this.offsetMs + Math.floor(rng.float() * this.windowMs);
    this.world.engine.schedule(Math.max(at, this.world.engine.nowMs()), EventClass.Agent, sourceId, kind, i);
  }

  private currentEraSlot(): number { return Math.floor(this.world.engine.nowMs() / this.eraMs); }

  // ------------------------------------------------------------------ price and survey

  private stepPrice(): void {
    const e = this.world.engine;
    const day = Math.floor(e.nowMs() / DAY_MS);
    const p = this.s.price;
    if (this.csvPrices) this.priceUsd = csvPriceOn(this.csvPrices, day);
    else if (day > 0) this.priceUsd = gbmStep(this.priceUsd, p.driftPerYear, p.volatilityPerYear, this.priceStream.normal());
    this.priceDay = day;
    this.outsideYield = outsideYieldOn(this.s.nominators, day);
    e.schedule((day + 1) * DAY_MS, EventClass.Agent, 0, this.priceKind, 0);
  }

  private takeSurvey(): void {
    const era = this.rt.staking.activeEra() - 1;
    this.setSurvey(buildSurvey(this.surveyReads(), era, this.erasPerYear, this.decimals));
    this.world.engine.schedule((this.currentEraSlot() + 1) * this.eraMs + this.offsetMs, EventClass.Agent, 0, this.surveyKind, 0);
  }

  private setSurvey(s: Survey): void {
    this.survey = s;
    this.surveyIndex = new Map(s.entries.map((e, i) => [e.id, i]));
  }

  private surveyReads(): SurveyReads {
    const st = this.rt.staking.storage;
    return {
      elected: (era) => st.erasElected.get(era) ?? [],
      eraReward: (era) => st.erasValidatorReward.get(era),
      points: (era, v) => st.erasRewardPoints.get(eraKey(era, v)) ?? 0,
      totalPoints: (era) => st.erasTotalRewardPoints.get(era) ?? 0,
      exposure: (era, v) => st.erasStakersOverview.get(eraKey(era, v)),
      eraCommission: (era, v) => st.erasValidatorPrefs.get(eraKey(era, v))?.commission,
      candidates: () => [...st.validators.entries()].map(([id, p]) => [id, p.commission] as const),
    };
  }

  // ------------------------------------------------------------------ chain reads

  private status(id: AccountId, role: 'validator' | 'nominator'): StakerStatus {
    const st = this.rt.staking.storage;
    const l = st.ledger.get(id);
    if (l === undefined) return 'unbonded';
    if (role === 'validator' ? st.validators.has(id) : st.nominators.has(id)) return 'active';
    const era = this.rt.staking.currentEra();
    if (l.unlocking.some((c) => c.era <= era)) return 'withdrawable';
    return l.active > 0n ? 'bonded-idle' : 'unbonding';
  }

  private submit(signer: AccountId, name: string, args: Record<string, unknown>, lengthBytes: number): void {
    this.world.mempool.submit({ signer, lengthBytes, call: { pallet: 'staking', name, args } });
    this.submitted++;
  }

  private leave(id: AccountId): void {
    this.submit(id, 'chill', {}, LEN.chill);
    const l = this.rt.staking.storage.ledger.get(id);
    if (l !== undefined && l.active > 0n) this.submit(id, 'unbond', { value: l.total }, LEN.unbond);
  }

  /** Targets that are still candidates now (a nomination naming a departed validator fails as a whole). */
  private liveTargets(targets: readonly AccountId[]): AccountId[] {
    const v = this.rt.staking.storage.validators;
    return targets.filter((t) => v.has(t));
  }

  // ------------------------------------------------------------------ validators

  private wakeValidator(i: number): void {
    const id = this.ctx.pop.validatorIds[i]!;
    const rng = this.vStreams[i]!;
    const m = this.vMem[i]!;
    const status = this.status(id, 'validator');
    const fresh = this.survey.era > this.vLastEra[i]!;
    if (fresh) this.vLastEra[i] = this.survey.era;
    const act = fresh || status === 'withdrawable'
      ? decideValidator({
        status, entry: this.entryOf(id), survey: this.survey, priceUsd: this.priceUsd, costUsd: this.costUsd[i]!,
        bondBai: Number(this.ctx.cfg.validatorBondPlanck) / 10 ** this.decimals,
      }, m, this.s.validators, rng)
      : { kind: 'none' as const };
    switch (act.kind) {
      case 'withdraw': this.submit(id, 'withdraw_unbonded', {}, LEN.withdraw); break;
      case 'leave': this.leave(id); if (status === 'active') this.counters.validatorsLeft++; break; // not: late rewards re-unbonded
      case 'enter':
        this.submit(id, 'bond', { value: this.ctx.cfg.validatorBondPlanck, payee: 'Staked' }, LEN.bond);
        this.submit(id, 'validate', { commission: toParts(act.commission) }, LEN.validate);
        this.counters.validatorsEntered++;
        break;
      case 'set-commission':
        this.submit(id, 'validate', { commission: toParts(act.commission) }, LEN.validate);
        this.counters.commissionChanges++;
        break;
      case 'none': {
        // genesis validators start at the chain's default commission: publish the agent's own once
        const prefs = status === 'active' ? this.rt.staking.storage.validators.get(id) : undefined;
        if (prefs !== undefined && prefs.commission !== toParts(m.commission)) this.submit(id, 'validate', { commission: toParts(m.commission) }, LEN.validate);
        break;
      }
    }
    this.scheduleWake(this.validatorKind, 1 + i, i, rng, this.currentEraSlot() + 1);
  }

  private entryOf(id: AccountId) { const k = this.surveyIndex.get(id); return k === undefined ? undefined : this.survey.entries[k]; }

  // ------------------------------------------------------------------ nominators

  private wakeNominator(i: number): void {
    const id = this.ctx.pop.nominatorIds[i]!;
    const rng = this.nStreams[i]!;
    const status = this.status(id, 'nominator');
    const fresh = this.survey.era > this.nLastEra[i]!;
    if (fresh) this.nLastEra[i] = this.survey.era;
    if (fresh || status === 'withdrawable') {
      const targets = status === 'active' ? this.rt.staking.storage.nominators.get(id)!.targets : [];
      const act = decideNominator({
        status, targets, survey: this.survey, index: this.surveyIndex, outsideYield: this.outsideYield, hurdle: this.hurdle[i]!,
      }, this.nominatorParams, rng);
      this.actNominator(id, act, status);
    }
    this.scheduleWake(this.nominatorKind, 1 + this.vStreams.length + i, i, rng, this.currentEraSlot() + 1);
  }

  private actNominator(id: AccountId, act: ReturnType<typeof decideNominator>, status: StakerStatus): void {
    switch (act.kind) {
      case 'none': return;
      case 'withdraw': this.submit(id, 'withdraw_unbonded', {}, LEN.withdraw); return;
      case 'leave': this.leave(id); if (status === 'active') this.counters.nominatorsLeft++; return;
      case 'nominate':
      case 'enter': {
        const targets = this.liveTargets(act.targets);
        if (targets.length === 0) return;
        if (act.kind === 'enter') {
          this.submit(id, 'bond', { value: this.ctx.cfg.nominatorBondPlanck, payee: 'Staked' }, LEN.bond);
          this.counters.nominatorsEntered++;
        } else if (status === 'active') this.counters.nominatorsRebalanced++;
        this.submit(id, 'nominate', { targets }, LEN.nominateBase + LEN.perTarget * targets.length);
      }
    }
  }

  // ------------------------------------------------------------------ checkpoints

  snapshot(): StakingAgentsState {
    return {
      priceDay: this.priceDay, priceUsd: this.priceUsd, outsideYield: this.outsideYield, survey: this.survey,
      validators: {
        commission: this.vMem.map((m) => m.commission), unprofitableEras: this.vMem.map((m) => m.unprofitableEras),
        waitingEras: this.vMem.map((m) => m.waitingEras), lastEra: this.vLastEra.slice(), costUsd: this.costUsd.slice(),
      },
      nominators: { lastEra: Array.from(this.nLastEra), hurdle: this.hurdle.slice() },
      counters: { ...this.counters }, submitted: this.submitted,
    };
  }

  restoreSnapshot(raw: unknown): void {
    const s = raw as StakingAgentsState;
    const nv = this.vMem.length, nn = this.nLastEra.length;
    if (s === null || typeof s !== 'object' || !s.validators || !s.nominators || s.validators.commission.length !== nv
        || s.nominators.lastEra.length !== nn || !Number.isFinite(s.priceUsd)) {
      throw new Error(`agents snapshot: malformed or for another population (expected ${nv} validators, ${nn} nominators)`);
    }
    this.priceDay = s.priceDay; this.priceUsd = s.priceUsd; this.outsideYield = s.outsideYield;
    this.setSurvey(s.survey);
    this.vMem = s.validators.commission.map((c, i) => ({
      commission: c, unprofitableEras: s.validators.unprofitableEras[i]!, waitingEras: s.validators.waitingEras[i]!,
    }));
    this.vLastEra = s.validators.lastEra.slice();
    this.costUsd = s.validators.costUsd.slice();
    this.nLastEra = Int32Array.from(s.nominators.lastEra);
    this.hurdle = s.nominators.hurdle.slice();
    this.counters = { ...ZERO_COUNTERS, ...s.counters };
    this.submitted = s.submitted;
  }
}

function toParts(c: number): Planck { return BigInt(Math.round(c * PARTS)); }

/** The CSV path relative to the scenario file (library scenarios: scenarios/), else to the working directory. */
function csvPath(s: Scenario, file: string): string {
  if (isAbsolute(file)) return file;
  const src = scenarioSource(s)?.file;
  return src && !src.startsWith('<') ? resolve(dirname(src), file) : resolve(file);
}
