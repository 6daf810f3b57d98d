// The marketplace population as a world plugin: providers register models and bond AI nodes, consumers stake for
// access and buy calls every day, curators score every era (honest with noise, lazy copiers, a cabal), wash groups
// pay themselves, sybil entities run many cheap providers; providers whose income stays below their operating cost
// exit. Agents talk to the chain only through extrinsics (world.mempool) and reads of chain state.
//
// Call bodies go through the Storage port under their CIDs (a SimStorage here; the chain keeps only record hashes),
// kept for bodyRetentionDays. Times: setup at tick 0 (lands in block 2), consumers at 01:00 each day, curators in
// the middle of each era (eraBlocks × blockTimeMs), so their scores count in the epoch run at the era's end.

import { Value } from '@sinclair/typebox/value';
import { EventClass, type Engine } from '../../engine/index.js';
import type { WorldPlugin, WorldPluginFactory } from '../../runner/plugins.js';
import type { World } from '../../runner/world.js';
import type { Scenario } from '../../../scenarios/schema.js';
import { SimStorage, type SimStorageSnapshot } from '../../adapters/sim/index.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import { assert } from '../../../protocol/primitives/dispatch.js';
import type { AccountId, Planck } from '../../../protocol/primitives/units.js';
import type { Runtime } from '../../../protocol/runtime.js';
import { runtimeConfigFromScenario } from '../../../protocol/runtime.js';
import { cidOf, cidV1Bytes, cidV1Text, dagJsonEncode, type BatchItem } from '../../../protocol/pallets/marketplace/index.js';
import { MarketplaceSource } from '../../metrics/kpis/marketplace.js';
import { marketAgentsFromScenario, marketplaceAgentsSection, type MarketAgentsConfig, type MarketplaceAgentsSection } from './config.js';
import { buildPopulation, type Population, type ProviderSpec } from './population.js';
import {
  cabalScores, consumerPlan, dailyCalls, honestScores, lazyScores, shouldExit, splitEvenly, type Offer,
} from './behaviours.js';

export const DAY_MS = 86_400_000;
const CONSUMER_OFFSET_MS = 3_600_000;
const LEN = 120;

/** The agents.marketplace section, defaults filled (the scenario schema may not compose it yet). */
export function marketSectionOf(s: Scenario): MarketplaceAgentsSection {
  const raw = (s as { agents?: { marketplace?: unknown } }).agents?.marketplace ?? {};
  const filled = Value.Default(marketplaceAgentsSection, structuredClone(raw)) as MarketplaceAgentsSection;
  const e = Value.Errors(marketplaceAgentsSection, filled).First();
  if (e) throw new ConfigError(`agents.marketplace${e.path.replace(/\//g, '.')}`, e.message);
  return filled;
}

const utf8 = new TextEncoder();

/**
 * The DAG-JSON bytes of a consumer's batch bodies document {consumer, day, nonce, items: [{modelId, count}]}, written
 * directly (one per consumer per day): equal to dagJsonEncode of that document (tested), without the generic walk.
 */
export function batchBodyBytes(consumer: AccountId, day: number, nonce: number, items: readonly BatchItem[]): Uint8Array {
  let list = '';
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    list += `${i === 0 ? '' : ','}{"count":${int(it.count)},"modelId":${int(it.modelId)}}`;
  }
  return utf8.encode(`{"consumer":${JSON.stringify(consumer)},"day":${int(day)},"items":[${list}],"nonce":${int(nonce)}}`);
}

/** Integers only, as dagJsonEncode requires. */
function int(v: number): string {
  if (!Number.isSafeInteger(v)) assert(false, `dag-json: only integers are encoded, got ${v}`);
  return String(v);
}

interface Context { readonly cfg: MarketAgentsConfig; readonly pop: Population }
const CONTEXTS = new WeakMap<Engine, Context>();

/** Population built once per engine (genesis and create must see the same draws). */
function contextOf(s: Scenario, engine: Engine, decimals: number): Context {
  let c = CONTEXTS.get(engine);
  if (c === undefined) {
    const rc = runtimeConfigFromScenario(s as never);
    const cfg = marketAgentsFromScenario(marketSectionOf(s), decimals);
    const pop = buildPopulation(cfg, rc.marketplace, rc.curation, (i) => engine.rng.stream('market.traits', i));
    c = { cfg, pop };
    CONTEXTS.set(engine, c);
  }
  return c;
}

export const marketplacePlugin: WorldPluginFactory = {
  name: 'marketplace',
  enabled: (s) => marketSectionOf(s).enabled,
  genesis: (s, engine, decimals) => ({
    accounts: contextOf(s, engine, decimals).pop.genesis.map((g) => ({ id: g.id, free: g.free })), validators: [], nominators: [],
  }),
  create: (world) => new MarketplacePopulation(world, contextOf(world.scenario, world.engine, world.binding.token.decimals)),
};

interface PopulationState {
  exited: AccountId[];
  income: Array<[AccountId, Planck[]]>;
  lastTotal: Array<[AccountId, Planck]>;
  bodies: Array<[number, string]>;
  storage: SimStorageSnapshot;
  submitted: number;
}

export class MarketplacePopulation implements WorldPlugin {
  readonly kpiSources;
  readonly storage = new SimStorage();
  private readonly rt: Runtime;
  private readonly setupKind: number;
  private readonly dayKind: number;
  private readonly eraKind: number;
  private readonly eraMs: number;
  private readonly byOwner = new Map<AccountId, ProviderSpec>();
  private exited = new Set<AccountId>();
  private income = new Map<AccountId, Planck[]>();
  private lastTotal = new Map<AccountId, Planck>();
  private bodies: Array<[number, string]> = [];
  submitted = 0;

  constructor(private readonly world: World, private readonly ctx: Context) {
    const rt = (world.chain as { runtime?: Runtime }).runtime;
    if (rt === undefined) throw new Error('marketplace plugin: the chain is not protocol/runtime.ts');
    this.rt = rt;
    for (const p of ctx.pop.providers) this.byOwner.set(p.id, p);
    this.eraMs = rt.config.marketEraBlocks * world.binding.blockTimeMs;
    const e = world.engine;
    this.setupKind = e.defineKind('market.setup', () => this.setup());
    this.dayKind = e.defineKind('market.day', () => this.day());
    this.eraKind = e.defineKind('market.era', () => this.era());
    const pop = ctx.pop;
    const cabal = new Set<AccountId>([...pop.providers.filter((p) => p.kind === 'cabal').map((p) => p.id),
      ...pop.curators.filter((c) => c.kind === 'cabal').map((c) => c.id)]);
    this.kpiSources = [new MarketplaceSource({
      callCount: () => rt.marketplace.callCount(),
      revenue: () => rt.marketplace.storage.revenue.values(),
      providerGrants: () => rt.grants.storage.providerGrants.entries(),
      curatorDividends: () => rt.grants.storage.curatorDividends.entries(),
      providerCount: () => new Set(rt.marketplace.servedModelIds().map((id) => rt.marketplace.owner(id))).size,
      wealth: (who) => rt.balances.total(who),
    }, {
      providers: pop.providers.map((p) => p.id), cabal,
      wash: pop.wash.flatMap((g) => [g.provider, ...g.accounts]),
      sybil: pop.providers.filter((p) => p.kind === 'sybil').map((p) => p.id),
      lazy: new Set(pop.curators.filter((c) => c.kind === 'lazy').map((c) => c.id)),
      genesisWealth: new Map(pop.genesis.map((g) => [g.id, g.free])),
    })];
  }

  start(): void {
    const e = this.world.engine;
    e.schedule(0, EventClass.Agent, 0, this.setupKind, 0);
    e.schedule(CONSUMER_OFFSET_MS, EventClass.Agent, 0, this.dayKind, 0);
    e.schedule(Math.floor(this.eraMs / 2), EventClass.Agent, 0, this.eraKind, 0);
  }

  private submit(signer: AccountId, pallet: string, name: string, args: Record<string, unknown>, lengthBytes = LEN): void {
    this.world.mempool.submit({ signer, lengthBytes, call: { pallet, name, args } });
    this.submitted++;
  }

  // ---------------------------------------------------------------- setup (tick 0)

  private setup(): void {
    const { pop, cfg } = this.ctx;
    const meta = (p: ProviderSpec, k: number) => cidOf(dagJsonEncode({ provider: p.id, model: k, kind: p.kind }), 'dag-json', 'sha2-256').toString();
    for (const p of pop.providers) {
      this.submit(p.id, 'marketplace', 'bond_node', { amount: this.rt.config.marketplace.nodeMinBondPlanck });
      p.models.forEach((m, k) => this.submit(p.id, 'marketplace', 'register_model', { kind: 'model', metadataCid: meta(p, k), price: m.pricePlanck }));
    }
    for (const c of pop.consumers) this.submit(c, 'marketplace', 'stake_access', { amount: cfg.consumerStakePlanck });
    for (const g of pop.wash) for (const a of g.accounts) this.submit(a, 'marketplace', 'stake_access', { amount: cfg.consumerStakePlanck });
    for (const c of pop.curators) this.submit(c.id, 'curation', 'bond_curator', { amount: c.bondPlanck });
  }

  /** Served models with the hidden traits of each (the k-th model of an owner, in id order, has its k-th traits). */
  private offers(): Offer[] {
    const mp = this.rt.marketplace;
    const seen = new Map<AccountId, number>();
    const out: Offer[] = [];
    for (const id of mp.servedModelIds()) {
      const m = mp.model(id)!;
      const k = seen.get(m.owner) ?? 0;
      seen.set(m.owner, k + 1);
      const traits = this.byOwner.get(m.owner)?.models[k]?.traits;
      if (traits === undefined) continue; // a model outside the population
      out.push({ modelId: id, quality: traits.quality, latencyMs: traits.latencyMs, priceBai: Number(m.pricePlanck) / 1e18 });
    }
    return out;
  }

  // ---------------------------------------------------------------- consumers, wash groups, provider exits (daily)

  private day(): void {
    const { pop, cfg } = this.ctx;
    const s = cfg.s;
    const e = this.world.engine;
    const dayIndex = Math.floor(e.nowMs() / DAY_MS);
    const offers = this.offers();
    const mp = this.rt.marketplace;
    const meanCalls = s.consumers > 0 ? s.callsPerDay / s.consumers : 0;
    const params = s;
    pop.consumers.forEach((who, i) => {
      const rng = e.rng.stream('market.consumer', i);
      const room = Math.max(0, mp.quota(who) - mp.callsUsed(who));
      const plan = consumerPlan(rng, offers, params, Math.min(room, dailyCalls(rng, meanCalls)));
      this.pay(who, plan, dayIndex, rng.int32());
    });
    const byOwner = new Map<AccountId, number[]>();
    for (const o of offers) { const m = mp.model(o.modelId)!; byOwner.set(m.owner, [...(byOwner.get(m.owner) ?? []), o.modelId]); }
    for (const g of pop.wash) {
      const models = byOwner.get(g.provider) ?? [];
      if (models.length === 0) continue;
      splitEvenly(s.wash.callsPerDay, g.accounts.length).forEach((n, k) => {
        const who = g.accounts[k]!;
        const count = Math.min(n, Math.max(0, mp.quota(who) - mp.callsUsed(who)));
        if (count > 0) this.pay(who, [{ modelId: models[0]!, count }], dayIndex, k);
      });
    }
    this.providerExits();
    this.expireBodies(dayIndex);
    e.scheduleIn(DAY_MS, EventClass.Agent, 0, this.dayKind, 0);
  }

  /** Store the bodies under their CIDs and submit the calls (one batch, or one call_model per call). */
  private pay(who: AccountId, plan: readonly BatchItem[], dayIndex: number, nonce: number): void {
    if (plan.length === 0) return;
    if (this.ctx.cfg.s.aggregateCalls) {
      const cid = this.storeBytes(batchBodyBytes(who, dayIndex, nonce, plan), dayIndex);
      // Submitted at the length of one call_model: the batch then costs exactly what its calls one by one cost.
      this.submit(who, 'marketplace', 'calls_batch', { items: plan, bodiesCid: cid }, this.rt.config.marketplace.callLengthBytes);
      return;
    }
    let seq = 0;
    for (const it of plan) {
      for (let k = 0; k < it.count; k++, seq++) {
        const requestCid = this.store({ consumer: who, day: dayIndex, nonce, seq, modelId: it.modelId, kind: 'request' }, dayIndex);
        const responseCid = this.store({ consumer: who, day: dayIndex, nonce, seq, modelId: it.modelId, kind: 'response' }, dayIndex);
        this.submit(who, 'marketplace', 'call_model', { modelId: it.modelId, requestCid, responseCid }, this.rt.config.marketplace.callLengthBytes);
      }
    }
  }

  private store(doc: Record<string, unknown>, dayIndex: number): string {
    return this.storeBytes(dagJsonEncode(doc as never), dayIndex);
  }

  private storeBytes(bytes: Uint8Array, dayIndex: number): string {
    const cid = cidV1Bytes(bytes, 'dag-json', 'sha2-256');
    this.storage.put(cid, bytes);
    this.bodies.push([dayIndex, Buffer.from(cid).toString('hex')]);
    return cidV1Text(cid);
  }

  private expireBodies(dayIndex: number): void {
    const keep = this.ctx.cfg.s.bodyRetentionDays;
    let drop = 0;
    while (drop < this.bodies.length && this.bodies[drop]![0] <= dayIndex - keep) {
      this.storage.delete(Uint8Array.from(Buffer.from(this.bodies[drop]![1], 'hex')));
      drop++;
    }
    if (drop > 0) this.bodies = this.bodies.slice(drop);
    // A commit hashes every stored body (the port's root): once per retention period, not daily.
    if (dayIndex % keep === 0) this.storage.commit();
  }

  private providerExits(): void {
    const { pop, cfg } = this.ctx;
    const rt = this.rt;
    for (const p of pop.providers) {
      if ((p.kind !== 'honest' && p.kind !== 'sybil') || this.exited.has(p.id)) continue;
      const total = rt.marketplace.revenue(p.id) + (rt.grants.storage.providerGrants.get(p.id) ?? 0n);
      const w = this.income.get(p.id) ?? [];
      w.push(total - (this.lastTotal.get(p.id) ?? 0n));
      if (w.length > cfg.s.exitPatienceDays) w.shift();
      this.income.set(p.id, w);
      this.lastTotal.set(p.id, total);
      if (!shouldExit(w, cfg.providerCostPerDayPlanck, cfg.s.exitPatienceDays)) continue;
      this.exited.add(p.id);
      for (const id of rt.marketplace.modelIds()) if (rt.marketplace.owner(id) === p.id) this.submit(p.id, 'marketplace', 'deregister_model', { modelId: id });
      this.submit(p.id, 'marketplace', 'unbond_node', {});
    }
  }

  // ---------------------------------------------------------------- curators (mid-era)

  private era(): void {
    const { pop, cfg } = this.ctx;
    const s = cfg.s;
    const e = this.world.engine;
    const cur = this.rt.curation;
    const maxScores = cur.config.maxScoresPerCurator, scoreMax = cur.config.scoreMax;
    const offers = this.offers();
    const ids = offers.map((o) => o.modelId);
    const quality = offers.map((o) => o.quality); // by index into ids
    const lastConsensus = cur.storage.lastConsensus.get();
    const copied = lastConsensus.length > 0 ? lastConsensus : cur.storage.lastIncentive.get();
    const cabalModels = ids.filter((id) => this.byOwner.get(this.rt.marketplace.owner(id)!)?.kind === 'cabal');
    for (const c of pop.curators) {
      if (!cur.hasPermit(c.id)) continue; // no voting permit: the chain would refuse the scores
      let scores;
      if (c.kind === 'honest') {
        scores = honestScores(e.rng.stream('market.curator', c.index), ids, (_id, i) => quality[i]!, s.curatorNoise,
          Math.min(s.curatorCoverage, maxScores), scoreMax);
      } else if (c.kind === 'lazy') scores = lazyScores(copied, maxScores, scoreMax);
      else scores = cabalScores(cabalModels, maxScores, scoreMax);
      this.submit(c.id, 'curation', 'set_scores', { scores }, 100 + 6 * scores.length);
    }
    e.scheduleIn(this.eraMs, EventClass.Agent, 0, this.eraKind, 0);
  }

  // ---------------------------------------------------------------- checkpoints

  snapshot(): PopulationState {
    return {
      exited: [...this.exited].sort(), income: [...this.income.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      lastTotal: [...this.lastTotal.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      bodies: this.bodies.map((b) => [b[0], b[1]]), storage: this.storage.snapshot(), submitted: this.submitted,
    };
  }

  restoreSnapshot(raw: unknown): void {
    const s = raw as PopulationState;
    this.exited = new Set(s.exited);
    this.income = new Map(s.income.map(([k, v]) => [k, [...v]]));
    this.lastTotal = new Map(s.lastTotal);
    this.bodies = s.bodies.map((b) => [b[0], b[1]]);
    this.storage.restoreSnapshot(s.storage);
    this.submitted = s.submitted;
  }
}
