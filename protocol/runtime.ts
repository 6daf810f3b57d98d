// The runtime: composes the pallets over one Journal and one event buffer (CONTRACTS.md "Runtime API").
// Block lifecycle: initializeBlock (emissions, treasury spend period, era work) -> applyExtrinsic* (fee charged with
// Preserve, call dispatched transactionally) -> finalizeBlock (fee pot resolved, fee multiplier updated).
// Staking and marketplace engineers add their pallets in the MARKED sections (`// --- staking ---`, `// --- marketplace ---`).

import { Journal, StorageValue, stateRoot, type RootItem, type Snapshotable } from './primitives/storage.js';
import { u32Codec, encodeU64, codec } from './types/codecs.js';
import { EventBuffer, type RuntimeEvent } from './primitives/events.js';
import { err, assert, InvariantError, type DispatchResult } from './primitives/dispatch.js';
import { signed, ROOT, type Origin } from './primitives/origin.js';
import type { AccountId, BlockNumber, Ms, Planck } from './primitives/units.js';
import type { FixedU128 } from './primitives/fixed.js';
import { chainFromScenario, type ChainConfig, type ChainSection } from './chain-config.js';
import { TREASURY_ACCOUNT, GRANT_POOL_ACCOUNT, PALLET_ACCOUNTS } from './accounts.js';
import { Balances, balancesFromScenario, dispatchBalances, BALANCES_CALL_WEIGHTS, type BalancesCall, type BalancesConfig, type BalancesSection } from './pallets/balances/index.js';
import { Payment, feesFromScenario, type PaymentConfig, type FeesSection } from './pallets/payment/index.js';
import { Emissions, emissionsFromScenario, type EmissionsConfig, type EmissionsSection, type EmittedTo } from './pallets/emissions/index.js';
import { Treasury, treasuryFromScenario, TREASURY_CALL_WEIGHTS, type TreasuryCall, type TreasuryConfig, type TreasurySection } from './pallets/treasury/index.js';
// --- staking ---
import { Staking, stakingFromScenario, dispatchStaking, STAKING_CALL_WEIGHTS, type StakingCall, type StakingConfig, type StakingSection, type GenesisStaker } from './pallets/staking/index.js';
import type { ElectionSolver } from './pallets/staking/index.js';
// --- marketplace ---
import { Marketplace, marketplaceFromScenario, dispatchMarketplace, MARKETPLACE_CALL_WEIGHTS, paymentFeePort, type MarketplaceCall, type MarketplaceConfig, type MarketplaceSection } from './pallets/marketplace/index.js';
import { Curation, curationFromScenario, dispatchCuration, CURATION_CALL_WEIGHTS, type CurationCall, type CurationConfig, type CurationSection } from './pallets/curation/index.js';
import { Grants, grantsFromScenario, type GrantsConfig, type GrantsSection } from './pallets/grants/index.js';

/** Every dispatchable call: a discriminated union on (pallet, name). */
export type Call =
  | BalancesCall
  | TreasuryCall
  // --- staking ---
  | StakingCall
  // --- marketplace ---
  | MarketplaceCall
  | CurationCall
  ;

export interface Extrinsic {
  readonly signer: AccountId;
  readonly call: Call;
  readonly tip?: Planck;
  /** Encoded length in bytes (drives the length fee and block length limit). */
  readonly lengthBytes: number;
}

export interface RuntimeConfig {
  readonly chain: ChainConfig;
  readonly balances: BalancesConfig;
  readonly fees: PaymentConfig;
  readonly emissions: EmissionsConfig;
  readonly treasury: TreasuryConfig;
  // --- staking ---
  readonly staking: StakingConfig;
  // --- marketplace ---
  readonly marketplace: MarketplaceConfig;
  readonly curation: CurationConfig;
  readonly grants: GrantsConfig;
  /** Blocks per marketplace era (quota period, curation epoch, grant payout): staking.eraBlocks (default 7200). */
  readonly marketEraBlocks: number;
}

/** The validated scenario sections this runtime reads (cli-runner passes the Scenario object). */
export interface RuntimeScenario {
  readonly chain?: Partial<ChainSection>;
  readonly balances?: Partial<BalancesSection>;
  readonly fees?: Partial<FeesSection>;
  readonly emissions?: Partial<EmissionsSection>;
  readonly treasury?: Partial<TreasurySection>;
  // --- staking ---
  readonly staking?: Partial<StakingSection>;
  // --- marketplace ---
  readonly marketplace?: Partial<MarketplaceSection>;
  readonly curation?: Partial<CurationSection>;
  readonly grants?: Partial<GrantsSection>;
}

export function runtimeConfigFromScenario(s: RuntimeScenario): RuntimeConfig {
  const chain = chainFromScenario(s.chain ?? {});
  return {
    chain,
    balances: balancesFromScenario(s.balances ?? {}, chain),
    fees: feesFromScenario((s.fees ?? {}) as never, chain),
    emissions: emissionsFromScenario((s.emissions ?? {}) as never, chain),
    treasury: treasuryFromScenario(s.treasury ?? {}, chain),
    // --- staking ---
    staking: stakingFromScenario(s.staking ?? {}, chain),
    // --- marketplace ---
    marketplace: marketplaceFromScenario(s.marketplace ?? {}, { decimals: chain.tokenDecimals }),
    curation: curationFromScenario(s.curation ?? {}, { decimals: chain.tokenDecimals }),
    grants: grantsFromScenario(s.grants ?? {}),
    marketEraBlocks: (s as { staking?: { eraBlocks?: number } }).staking?.eraBlocks ?? 7200,
  };
}

export interface Genesis {
  /** Endowed accounts (free balance); pallet accounts additionally get ED automatically. */
  readonly endowed: ReadonlyArray<{ readonly who: AccountId; readonly amountPlanck: Planck }>;
  // --- staking ---
  /** Stakers bonded at genesis (stash must be endowed); the era-0 validator set is elected from them. */
  readonly stakers?: readonly GenesisStaker[];
  // --- marketplace ---
}

export interface BlockOutcome {
  readonly blockNumber: BlockNumber;
  readonly author: AccountId;
  readonly normalWeight: bigint;
  readonly lengthBytes: number;
  readonly extrinsics: number;
  readonly nextFeeMultiplier: FixedU128;
}

export interface RuntimeStats {
  readonly totalIssuance: Planck;
  readonly genesisIssuance: Planck;
  readonly minted: Planck;          // after genesis: emissions, staking payouts, ...
  readonly burned: Planck;          // fee burn, dust, explicit burns, treasury burn, slashes burned
  readonly feesPaid: Planck;        // inclusion fees, excluding tips
  readonly tipsPaid: Planck;
  readonly feesBurned: Planck;
  readonly feesToAuthors: Planck;
  readonly feesToTreasury: Planck;
  readonly emittedTo: EmittedTo;
  readonly treasurySpent: Planck;
  readonly treasuryBurned: Planck;
  readonly extrinsics: number;
  readonly failedExtrinsics: number;
}

const INVALID_PALLET = 'payment'; // transaction-validity errors: the extrinsic was not included, nothing charged

/** True when applyExtrinsic rejected the extrinsic before inclusion (no fee charged, state untouched). */
export function isInvalidTransaction(r: DispatchResult<unknown>): boolean { return !r.ok && r.error.pallet === INVALID_PALLET; }

type Phase = 'idle' | 'building';

/** How the runtime computes, not what: no option changes an outcome. */
export interface RuntimeOptions {
  /** --- staking --- where elections are computed (default inline; sim/adapters/election has a worker thread). */
  readonly electionSolver?: ElectionSolver;
}

export class Runtime {
  readonly journal = new Journal();
  readonly events = new EventBuffer(this.journal);
  readonly balances: Balances;
  readonly payment: Payment;
  readonly emissions: Emissions;
  readonly treasury: Treasury;
  // --- staking ---
  readonly staking: Staking;
  // --- marketplace ---
  readonly marketplace: Marketplace;
  readonly curation: Curation;
  readonly grants: Grants;

  private readonly rootItems: RootItem[] = [];
  private readonly snapItems: Snapshotable[] = [];
  private phase: Phase = 'idle';
  /** frame_system::Number and pallet_timestamp::Now: chain state, part of the root. */
  private readonly number = new StorageValue<BlockNumber>('system.Number', this.journal, 0, u32Codec);
  private readonly now = new StorageValue<Ms>('timestamp.Now', this.journal, 0, codec((ms: Ms) => encodeU64(BigInt(ms))));
  private author: AccountId = '';
  private genesisIssuance: Planck = 0n;
  private failedExtrinsics = 0;

  constructor(readonly config: RuntimeConfig, genesis: Genesis, opts: RuntimeOptions = {}) {
    const j = this.journal, ev = this.events;
    this.balances = new Balances(j, ev, config.balances);
    this.payment = new Payment(j, ev, this.balances, config.fees, TREASURY_ACCOUNT);
    this.treasury = new Treasury(j, ev, this.balances, config.treasury, TREASURY_ACCOUNT);
    this.register({ rootItems: () => [this.number, this.now], snapshotItems: () => [this.number, this.now] });
    this.register(this.balances.storage, this.payment.storage, this.treasury.storage);
    // --- staking ---
    this.staking = new Staking(j, ev, config.staking, {
      balances: this.balances, treasuryAccount: TREASURY_ACCOUNT,
      takeEraStakerReward: (era, staked, ms) => this.emissions.onEraEnd(era, staked, ms),
      ...(opts.electionSolver !== undefined ? { solver: opts.electionSolver } : {}),
    });
    this.register(this.staking.storage);
    // --- marketplace ---
    assert(Number.isInteger(config.marketEraBlocks) && config.marketEraBlocks >= 1, 'runtime: marketEraBlocks must be >= 1');
    const marketEra = () => Math.floor(Math.max(0, this.number.get() - 1) / config.marketEraBlocks);
    this.marketplace = new Marketplace(j, ev, this.balances, config.marketplace, { era: marketEra, fees: paymentFeePort(this.payment, this.balances) });
    this.curation = new Curation(j, ev, this.balances, config.curation, this.marketplace, marketEra);
    this.grants = new Grants(j, ev, this.balances, config.grants, { pool: GRANT_POOL_ACCOUNT, treasury: TREASURY_ACCOUNT }, this.curation, this.marketplace);
    this.register(this.marketplace.storage, this.curation.storage, this.grants.storage);
    this.applyGenesis(genesis);
    this.emissions = new Emissions(j, ev, this.balances, config.emissions,
      { treasury: TREASURY_ACCOUNT, grantPool: GRANT_POOL_ACCOUNT }, this.genesisIssuance);
    this.register(this.emissions.storage);
  }

  private register(...stores: Array<{ rootItems(): RootItem[]; snapshotItems(): Snapshotable[] }>): void {
    for (const s of stores) { this.rootItems.push(...s.rootItems()); this.snapItems.push(...s.snapshotItems()); }
  }

  private applyGenesis(g: Genesis): void {
    const ed = this.config.balances.existentialDepositPlanck;
    for (const who of PALLET_ACCOUNTS) this.mustMint(who, ed, 'pallet account');
    const seen = new Set<AccountId>();
    for (const e of g.endowed) {
      assert(!seen.has(e.who), `genesis: ${e.who} endowed twice`);
      seen.add(e.who);
      this.mustMint(e.who, e.amountPlanck, 'endowment');
    }
    // --- staking ---
    this.staking.genesis(g.stakers ?? [], this.now.get());
    // --- marketplace ---
    this.genesisIssuance = this.balances.totalIssuance();
    this.balances.storage.minted.set(0n); // stats count what happens after genesis
    this.events.drain();
  }

  private mustMint(who: AccountId, amount: Planck, what: string): void {
    const r = this.balances.mint(who, amount);
    assert(r.ok, `genesis: ${what} ${who} of ${amount} planck rejected (${r.ok ? '' : r.error.error}; ED is ${this.config.balances.existentialDepositPlanck})`);
  }

  // ------------------------------------------------------------------ block lifecycle

  get currentBlock(): BlockNumber { return this.number.get(); }
  get currentAuthor(): AccountId { return this.author; }
  get timestampMs(): Ms { return this.now.get(); }

  initializeBlock(blockNumber: BlockNumber, author: AccountId, timestampMs: Ms): void {
    assert(this.phase === 'idle', 'runtime: initializeBlock while a block is open');
    if (blockNumber !== this.number.get() + 1) throw new InvariantError(`runtime: block ${blockNumber} after ${this.number.get()}`);
    assert(Number.isInteger(timestampMs) && timestampMs >= this.now.get(), 'runtime: timestamp went backwards');
    this.phase = 'building';
    this.number.set(blockNumber); this.author = author; this.now.set(timestampMs);
    this.payment.onInitialize();
    this.emissions.onInitialize(blockNumber);
    this.treasury.onInitialize(blockNumber);
    // --- staking ---  (session/era transitions; at era end: staking calls emissions.onEraEnd(era, totalStaked, eraMs))
    this.staking.onInitialize(blockNumber, timestampMs);
    // --- marketplace ---
  }

  /** Charge fee + tip (Preserve: never reaps), then dispatch the call transactionally. Errors from pallet 'payment'
   * mean the extrinsic is invalid (not included, nothing charged); other errors: included, fee kept, call rolled back. */
  applyExtrinsic(xt: Extrinsic): DispatchResult {
    assert(this.phase === 'building', 'runtime: applyExtrinsic outside a block');
    const weight = callWeight(xt.call);
    if (weight === undefined) return err('system', 'CallFiltered');
    const charged = this.payment.charge(xt.signer, xt.lengthBytes, weight, xt.tip ?? 0n);
    if (!charged.ok) return charged;
    const origin = signed(xt.signer);
    const r = this.journal.transactional(() => this.dispatch(origin, xt.call));
    if (!r.ok) {
      this.failedExtrinsics++;
      this.events.push({ pallet: 'system', name: 'ExtrinsicFailed', data: { who: xt.signer, error: r.error } });
    }
    return r;
  }

  /** A Root call (the lab's governance stand-in, e.g. treasury.spend): no fee, transactional. */
  applyRootCall(call: Call): DispatchResult {
    return this.journal.transactional(() => this.dispatch(ROOT, call));
  }

  finalizeBlock(): BlockOutcome {
    assert(this.phase === 'building', 'runtime: finalizeBlock without initializeBlock');
    const u = this.payment.usage;
    const outcome = { blockNumber: this.number.get(), author: this.author, normalWeight: u.normalWeight,
      lengthBytes: u.lengthBytes, extrinsics: u.extrinsics, nextFeeMultiplier: 0n };
    // --- staking ---  (era points for this.author)
    if (this.author !== '') this.staking.noteAuthor(this.author);
    // --- marketplace ---
    // era end (the era's last block): curation epoch, then the grant payout
    {
      const n = this.number.get();
      if (n % this.config.marketEraBlocks === 0) {
        this.grants.onEraEnd(Math.floor((n - 1) / this.config.marketEraBlocks));
        this.marketplace.checkInvariants(true); // full hold/book audit once per era (per block: touched accounts only)
        this.curation.checkInvariants(true);
      }
    }
    this.payment.onFinalize(this.author === '' ? null : this.author);
    this.phase = 'idle';
    return { ...outcome, nextFeeMultiplier: this.payment.multiplier() };
  }

  private dispatch(origin: Origin, call: Call): DispatchResult {
    switch (call.pallet) {
      case 'balances': return dispatchBalances(this.balances, origin, call);
      case 'treasury': return this.treasury.dispatch(origin, call);
      // --- staking ---
      case 'staking': return dispatchStaking(this.staking, origin, call);
      // --- marketplace ---
      case 'marketplace': return dispatchMarketplace(this.marketplace, origin, call);
      case 'curation': return dispatchCuration(this.curation, origin, call);
      default: return err('system', 'CallFiltered');
    }
  }

  // ------------------------------------------------------------------ state, invariants, events, snapshots

  /** blake2-256 over every storage item's canonical encoding (O(state): day/era boundaries and tests only). */
  stateRoot(): Uint8Array { return stateRoot(this.rootItems); }

  /**
   * The per-block oracles, O(1): Σ(free+reserved) == total issuance (the balances pallet keeps the sum on every
   * write and asserts no negative on every write), genesis + minted − burned == total issuance, emission split
   * and cap. The runner calls it after EVERY block; `checkInvariants` adds the O(state) audits.
   */
  checkBlockInvariants(): void {
    assert(this.phase === 'idle', 'runtime: checkBlockInvariants inside a block');
    this.balances.checkConservation();
    const s = this.balances.storage;
    assert(this.genesisIssuance + s.minted.get() - s.burned.get() === s.totalIssuance.get(),
      'runtime: genesis + minted − burned != total issuance');
    this.emissions.checkInvariants();
  }

  /** Conservation and sanity, full audit (O(accounts)); throws InvariantError. Call between blocks. */
  checkInvariants(): void {
    this.checkBlockInvariants();
    this.balances.checkInvariants();
    // --- staking ---
    this.staking.checkInvariants();
    // --- marketplace ---
    this.marketplace.checkInvariants();
    this.curation.checkInvariants();
  }

  drainEvents(): RuntimeEvent[] { return this.events.drain(); }

  get stats(): RuntimeStats {
    const b = this.balances.storage, f = this.payment.stats(), t = this.treasury.storage;
    return {
      totalIssuance: b.totalIssuance.get(), genesisIssuance: this.genesisIssuance,
      minted: b.minted.get(), burned: b.burned.get(),
      feesPaid: f.feesPaid, tipsPaid: f.tipsPaid, feesBurned: f.feesBurned, feesToAuthors: f.feesToAuthors, feesToTreasury: f.feesToTreasury,
      emittedTo: this.emissions.emittedTo(),
      treasurySpent: t.spent.get(), treasuryBurned: t.burned.get(),
      extrinsics: f.extrinsics, failedExtrinsics: this.failedExtrinsics,
    };
  }

  /** Plain data (bigint allowed; serialise with jsonReplacer). Only between blocks. */
  snapshot(): RuntimeSnapshot {
    assert(this.phase === 'idle' && !this.journal.active, 'runtime: snapshot inside a block');
    const items: Record<string, unknown> = {};
    for (const it of this.snapItems) items[it.name] = it.snapshot();
    return { author: this.author, genesisIssuance: this.genesisIssuance, failedExtrinsics: this.failedExtrinsics, items };
  }

  restoreSnapshot(s: RuntimeSnapshot): void {
    assert(this.phase === 'idle' && !this.journal.active, 'runtime: restore inside a block');
    for (const it of this.snapItems) {
      assert(it.name in s.items, `runtime snapshot: missing item ${it.name}`);
      it.restoreSnapshot(s.items[it.name]);
    }
    this.author = s.author;
    this.genesisIssuance = s.genesisIssuance; this.failedExtrinsics = s.failedExtrinsics;
    this.events.drain();
  }
}

export interface RuntimeSnapshot {
  readonly author: AccountId;
  readonly genesisIssuance: Planck;
  readonly failedExtrinsics: number;
  readonly items: Record<string, unknown>;
}

/** Declared ref_time weight of a call (charged in full: no post-dispatch refund modelled). */
export function callWeight(call: Call): bigint | undefined {
  switch (call.pallet) {
    case 'balances': return BALANCES_CALL_WEIGHTS[call.name];
    case 'treasury': return TREASURY_CALL_WEIGHTS[call.name];
    // --- staking ---
    case 'staking': return STAKING_CALL_WEIGHTS[call.name];
    // --- marketplace ---
    case 'marketplace': return MARKETPLACE_CALL_WEIGHTS[call.name];
    case 'curation': return CURATION_CALL_WEIGHTS[call.name];
    default: return undefined;
  }
}

