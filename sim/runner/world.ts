// The World: engine + chain + block production + workload + metrics, wired for one run.
//
// Time: block n (n >= 1) is produced at tick (n - 1) * blockTimeMs by the event kind `chain.block`. Each block:
// author from the AuthorshipSource -> initializeBlock -> extrinsics from the mempool (oldest first, until the
// chain reports the block full) -> finalizeBlock -> invariant oracles (chain.checkInvariants) -> metrics -> block
// hooks. Day d (1-based) covers ticks [(d-1)·day, d·day); at its end the runner folds the state root into the trace.

import { Engine, EventClass, type TraceLogOptions } from '../engine/index.js';
import { engineConfigFromScenario } from '../engine/config.js';
import type { AccountId } from '../../protocol/primitives/units.js';
import { Collector } from '../metrics/collector.js';
import type { KpiSource } from '../metrics/kpi.js';
import { EconomicsSource, type EconomicsReads, type RewardTally } from '../metrics/kpis/economics.js';
import { ActivitySource } from '../metrics/kpis/activity.js';
import type { Scenario } from '../../scenarios/schema.js';
import { RotationAuthorship, type AuthorshipSource } from './authorship.js';
import type { Chain, ChainEvent, ChainReads, GenesisSpec } from './chain.js';
import { Mempool } from './mempool.js';
import { Workload, workloadGenesis } from './workload.js';
import { mergeGenesis, WORLD_PLUGINS, type WorldPlugin, type WorldPluginFactory } from './plugins.js';

export const MEMPOOL_CAPACITY = 1_000_000;
/** Safety bound on extrinsics per block; the chain's weight limit normally stops a block first. */
export const BLOCK_EXTRINSICS_MAX = 100_000;

/** Everything chain-specific the world needs: built by a ChainFactory from the scenario and the genesis. */
export interface ChainBinding {
  readonly chain: Chain;
  readonly reads: ChainReads;
  readonly economics: EconomicsReads;
  readonly token: { readonly symbol: string; readonly decimals: number };
  readonly blockTimeMs: number;
  /** Classify a block's events into validator / nominator rewards (for the yield KPIs). */
  rewards(events: readonly ChainEvent[]): RewardTally;
  /** True when `error` of applyExtrinsic means "block full": the extrinsic stays in the pool for the next block. */
  isBlockFull(error: { pallet: string; error: string }): boolean;
  /** Extra KPI sources of this chain (consensus, marketplace...). */
  readonly kpiSources?: readonly KpiSource[];
}

export type ChainFactory = (scenario: Scenario, genesis: GenesisSpec, decimals: number) => ChainBinding;

export interface WorldOptions {
  readonly seed: bigint;
  readonly chainFactory: ChainFactory;
  readonly traceLog?: TraceLogOptions | null;
  /** Replace block authorship (consensus). Default: a plugin's authorship, else rotation among active validators. */
  readonly authorship?: (world: World) => AuthorshipSource;
  /** Plugins to use instead of WORLD_PLUGINS (tests). */
  readonly plugins?: readonly WorldPluginFactory[];
}

export class World {
  readonly engine: Engine;
  readonly chain: Chain;
  readonly binding: ChainBinding;
  readonly mempool = new Mempool(MEMPOOL_CAPACITY);
  readonly workload: Workload;
  readonly authorship: AuthorshipSource;
  readonly collector: Collector;
  readonly economics: EconomicsSource;
  readonly plugins: ReadonlyArray<{ readonly name: string; readonly plugin: WorldPlugin }>;
  blockNumber = 0;
  extrinsicsApplied = 0;
  extrinsicsFailed = 0;
  private readonly blockKind: number;
  private readonly oraclesEveryBlocks: number;

  constructor(readonly scenario: Scenario, opts: WorldOptions) {
    this.engine = new Engine(engineConfigFromScenario(scenario.engine, opts.seed, opts.traceLog ?? null));
    this.oraclesEveryBlocks = scenario.oracles.everyBlocks;
    const decimals = tokenDecimalsOf(scenario);
    const factories = (opts.plugins ?? WORLD_PLUGINS).filter((f) => f.enabled(scenario));
    const genesis = mergeGenesis([
      workloadGenesis(scenario.workload, decimals, this.engine),
      ...factories.map((f) => f.genesis?.(scenario, this.engine, decimals) ?? { accounts: [], validators: [], nominators: [] }),
    ]);
    this.binding = opts.chainFactory(scenario, genesis, decimals);
    this.chain = this.binding.chain;
    this.workload = new Workload(scenario.workload, this.engine, this.binding.reads, this.mempool);
    this.blockKind = this.engine.defineKind('chain.block', () => this.produceBlock());
    this.plugins = factories.map((f) => ({ name: f.name, plugin: f.create(this) }));
    const fallback: AccountId = genesis.validators[0]?.stash ?? 'author/0';
    this.authorship = opts.authorship?.(this)
      ?? this.plugins.find((p) => p.plugin.authorship)?.plugin.authorship
      ?? new RotationAuthorship(() => this.binding.reads.activeValidators(), fallback);
    this.economics = new EconomicsSource(this.binding.economics, () => this.engine.nowMs());
    const activity = new ActivitySource({
      blocks: () => this.blockNumber, applied: () => this.extrinsicsApplied,
      failed: () => this.extrinsicsFailed, dropped: () => this.mempool.dropped,
    });
    this.collector = new Collector([
      this.economics, activity, ...(this.binding.kpiSources ?? []), ...this.plugins.flatMap((p) => p.plugin.kpiSources ?? []),
    ], decimals);
  }

  /** Schedule the first block and the workload (fresh runs; a resumed run restores the queue instead). */
  start(): void {
    this.engine.schedule(0, EventClass.Block, 0, this.blockKind, 0);
    this.workload.start();
    for (const p of this.plugins) p.plugin.start();
  }

  private produceBlock(): void {
    const n = this.blockNumber + 1;
    const now = this.engine.nowMs();
    const author = this.authorship.authorFor(n, now);
    if (author !== null) {
      this.chain.initializeBlock(n, author, now);
      this.applyPending();
      this.chain.finalizeBlock();
      this.blockNumber = n;
      // Oracles after every block: conservation and no negatives in O(1) (running sums kept by the pallets);
      // the full O(state) audit after every oracles.everyBlocks-th block and at every day end. An
      // InvariantError fails the run loudly.
      this.chain.checkBlockInvariants();
      if (n % this.oraclesEveryBlocks === 0) this.chain.checkInvariants();
      const events = this.chain.drainEvents();
      this.economics.addRewards(this.binding.rewards(events));
      this.collector.afterBlock(n);
      for (const p of this.plugins) p.plugin.afterBlock?.(n);
      this.engine.notifyBlock(n);
    }
    this.engine.scheduleIn(this.binding.blockTimeMs, EventClass.Block, 0, this.blockKind, 0);
  }

  private applyPending(): void {
    for (let i = 0; i < BLOCK_EXTRINSICS_MAX && this.mempool.size > 0; i++) {
      const xt = this.mempool.peek()!;
      const r = this.chain.applyExtrinsic(xt);
      // Block full: the extrinsic waits for the next block, unless it did not fit even into an empty block
      // (then it never will: drop it as invalid, or it would stall the pool forever).
      if (!r.ok && r.error && this.binding.isBlockFull(r.error) && i > 0) return;
      this.mempool.shift();
      if (r.ok) this.extrinsicsApplied++; else this.extrinsicsFailed++;
    }
  }

  snapshot(): WorldSnapshot {
    return {
      blockNumber: this.blockNumber,
      extrinsicsApplied: this.extrinsicsApplied,
      extrinsicsFailed: this.extrinsicsFailed,
      chain: this.chain.snapshot(),
      mempool: this.mempool.snapshot(),
      workload: this.workload.snapshot(),
      authorship: this.authorship.snapshot(),
      collector: this.collector.snapshot(),
      plugins: this.plugins.map((p) => [p.name, p.plugin.snapshot()]),
    };
  }

  restoreSnapshot(s: unknown): void {
    const w = s as WorldSnapshot;
    if (w === null || typeof w !== 'object' || !Number.isSafeInteger(w.blockNumber)) throw new Error('world snapshot: malformed');
    this.blockNumber = w.blockNumber;
    this.extrinsicsApplied = w.extrinsicsApplied;
    this.extrinsicsFailed = w.extrinsicsFailed;
    this.chain.restoreSnapshot(w.chain);
    this.mempool.restoreSnapshot(w.mempool);
    this.workload.restoreSnapshot(w.workload);
    this.authorship.restoreSnapshot(w.authorship);
    this.collector.restoreSnapshot(w.collector);
    if (!Array.isArray(w.plugins) || w.plugins.length !== this.plugins.length) throw new Error('world snapshot: plugins differ from this run');
    this.plugins.forEach((p, i) => {
      const [name, snap] = w.plugins[i]!;
      if (name !== p.name) throw new Error(`world snapshot: expected plugin ${p.name}, found ${name}`);
      p.plugin.restoreSnapshot(snap);
    });
  }
}

/** Plain-data state of a World between days (bigint allowed), stored in checkpoints next to the engine's. */
export interface WorldSnapshot {
  readonly blockNumber: number;
  readonly extrinsicsApplied: number;
  readonly extrinsicsFailed: number;
  readonly chain: unknown;
  readonly mempool: ReturnType<Mempool['snapshot']>;
  readonly workload: ReturnType<Workload['snapshot']>;
  readonly authorship: unknown;
  readonly collector: unknown;
  readonly plugins: ReadonlyArray<readonly [string, unknown]>;
}

/** Token decimals of a scenario: `chain.tokenDecimals` when the chain section exists, else 18 (CONTRACTS.md). */
export function tokenDecimalsOf(s: Scenario): number {
  const chain = (s as { chain?: { tokenDecimals?: number } }).chain;
  return chain?.tokenDecimals ?? 18;
}
