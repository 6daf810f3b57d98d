// The chain the runner drives: protocol/runtime.ts built from the scenario's sections and the workload's genesis,
// plus the reads the workload, authorship and economics KPIs need.
//
// Genesis: every workload account is endowed; validators and nominators additionally bond (staking genesis), and
// the era-0 validator set is elected from them. Authors rotate over the staking pallet's session validators.

import { GRANT_POOL_ACCOUNT, TREASURY_ACCOUNT } from '../../protocol/accounts.js';
import { fixedToFloat } from '../../protocol/primitives/fixed.js';
import { Runtime, runtimeConfigFromScenario, type Extrinsic as RuntimeExtrinsic, type RuntimeScenario, type RuntimeSnapshot } from '../../protocol/runtime.js';
import type { GenesisStaker } from '../../protocol/pallets/staking/index.js';
import { eraKey } from '../../protocol/pallets/staking/codec.js';
import type { Planck } from '../../protocol/primitives/units.js';
import type { RewardTally } from '../metrics/kpis/economics.js';
import type { Chain, ChainEvent, DispatchOutcome, Extrinsic, GenesisSpec } from './chain.js';
import type { ChainBinding, ChainFactory } from './world.js';

/** The Runtime seen through the runner's Chain interface. */
class RuntimeChain implements Chain {
  constructor(readonly runtime: Runtime) {}
  initializeBlock(n: number, author: string, tsMs: number): void { this.runtime.initializeBlock(n, author, tsMs); }
  applyExtrinsic(xt: Extrinsic): DispatchOutcome { return this.runtime.applyExtrinsic(xt as unknown as RuntimeExtrinsic); }
  finalizeBlock(): unknown { return this.runtime.finalizeBlock(); }
  stateRoot(): Uint8Array { return this.runtime.stateRoot(); }
  checkBlockInvariants(): void { this.runtime.checkBlockInvariants(); }
  checkInvariants(): void { this.runtime.checkInvariants(); }
  drainEvents(): readonly ChainEvent[] { return this.runtime.drainEvents(); }
  snapshot(): unknown { return this.runtime.snapshot(); }
  restoreSnapshot(s: unknown): void { this.runtime.restoreSnapshot(s as RuntimeSnapshot); }
}

export const defaultChainFactory: ChainFactory = (scenario, genesis: GenesisSpec): ChainBinding => {
  const config = runtimeConfigFromScenario(scenario as unknown as RuntimeScenario); // deep-readonly -> the runtime's view
  const stakers: GenesisStaker[] = [
    ...genesis.validators.map((v) => ({ stash: v.stash, bondPlanck: v.bond, role: 'validator' as const })),
    ...genesis.nominators.map((n) => ({ stash: n.stash, bondPlanck: n.bond, role: 'nominator' as const, targets: n.targets })),
  ];
  const runtime = new Runtime(config, {
    endowed: genesis.accounts.map((a) => ({ who: a.id, amountPlanck: a.free })),
    stakers,
  });
  const chain = new RuntimeChain(runtime);
  const b = runtime.balances;
  const st = runtime.staking;
  // The session set changes only at session boundaries: cache the sorted copy by identity of the stored array.
  let lastSet: readonly string[] | null = null, sortedSet: readonly string[] = [];
  const activeValidators = () => {
    const set = st.activeValidators();
    if (set !== lastSet) { lastSet = set; sortedSet = [...set].sort(); }
    return sortedSet;
  };
  return {
    chain,
    token: { symbol: config.chain.tokenSymbol, decimals: config.chain.tokenDecimals },
    blockTimeMs: config.chain.blockTimeMs,
    reads: { free: (who) => b.free(who), activeValidators },
    economics: {
      totalIssuance: () => b.totalIssuance(),
      minted: () => runtime.stats.minted,
      burned: () => runtime.stats.burned,
      feesPaid: () => runtime.stats.feesPaid,
      emittedTo: () => ({ ...runtime.emissions.emittedTo() }),
      totalBonded: () => { let t = 0n; for (const l of st.storage.ledger.values()) t += l.active; return t; },
      stake: () => activeEraStake(runtime),
      treasuryBalance: () => b.free(TREASURY_ACCOUNT),
      grantPool: () => b.free(GRANT_POOL_ACCOUNT),
      feeMultiplier: () => fixedToFloat(runtime.payment.multiplier()),
    },
    rewards: (events) => rewardTally(runtime, events),
    isBlockFull: (e) => e.pallet === 'payment' && e.error === 'ExhaustsResources',
  };
};

/** Own stake of the active era's elected validators and the nominators' stake behind them (from exposures). */
function activeEraStake(runtime: Runtime): { validators: Planck; nominators: Planck } {
  const s = runtime.staking.storage;
  const era = runtime.staking.activeEra();
  let own = 0n, total = 0n;
  for (const v of s.erasElected.get(era) ?? []) {
    const o = s.erasStakersOverview.get(eraKey(era, v));
    if (o) { own += o.own; total += o.total; }
  }
  return { validators: own, nominators: total - own };
}

/** Staking reward events of one block, split by whether the stash is a validator (own stake + commission). */
function rewardTally(runtime: Runtime, events: readonly ChainEvent[]): RewardTally {
  let validators = 0n, nominators = 0n;
  for (const e of events) {
    if (e.pallet !== 'staking' || e.name !== 'Rewarded') continue;
    const stash = e.data.stash as string, amount = e.data.amount as bigint;
    if (runtime.staking.storage.validators.has(stash)) validators += amount; else nominators += amount;
  }
  return { validators, nominators };
}
