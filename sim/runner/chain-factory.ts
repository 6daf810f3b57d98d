// The chain the runner drives: protocol/runtime.ts built from the scenario's sections and the workload's genesis,
// plus the reads the workload, authorship and economics KPIs need.
//
// Until the staking pallet is composed into the runtime, genesis validators and nominators are endowed with their
// bond + balance as free funds, and the author set is the (fixed, sorted) genesis validator list.

import { GRANT_POOL_ACCOUNT, TREASURY_ACCOUNT } from '../../protocol/accounts.js';
import { fixedToFloat } from '../../protocol/primitives/fixed.js';
import { Runtime, runtimeConfigFromScenario, type Extrinsic as RuntimeExtrinsic, type RuntimeSnapshot } from '../../protocol/runtime.js';
import type { Chain, ChainEvent, DispatchOutcome, Extrinsic, GenesisSpec } from './chain.js';
import type { ChainBinding, ChainFactory } from './world.js';

/** The Runtime seen through the runner's Chain interface. */
class RuntimeChain implements Chain {
  constructor(readonly runtime: Runtime) {}
  initializeBlock(n: number, author: string, tsMs: number): void { this.runtime.initializeBlock(n, author, tsMs); }
  applyExtrinsic(xt: Extrinsic): DispatchOutcome { return this.runtime.applyExtrinsic(xt as unknown as RuntimeExtrinsic); }
  finalizeBlock(): unknown { return this.runtime.finalizeBlock(); }
  stateRoot(): Uint8Array { return this.runtime.stateRoot(); }
  checkInvariants(): void { this.runtime.checkInvariants(); }
  drainEvents(): readonly ChainEvent[] { return this.runtime.drainEvents(); }
  snapshot(): unknown { return this.runtime.snapshot(); }
  restoreSnapshot(s: unknown): void { this.runtime.restoreSnapshot(s as RuntimeSnapshot); }
}

export const defaultChainFactory: ChainFactory = (scenario, genesis: GenesisSpec): ChainBinding => {
  const config = runtimeConfigFromScenario(scenario);
  const runtime = new Runtime(config, {
    endowed: genesis.accounts.map((a) => ({ who: a.id, amountPlanck: a.free })),
  });
  const chain = new RuntimeChain(runtime);
  const authors = genesis.validators.map((v) => v.stash).sort();
  const b = runtime.balances;
  return {
    chain,
    token: { symbol: config.chain.tokenSymbol, decimals: config.chain.tokenDecimals },
    blockTimeMs: config.chain.blockTimeMs,
    reads: { free: (who) => b.free(who), activeValidators: () => authors },
    economics: {
      totalIssuance: () => b.totalIssuance(),
      minted: () => runtime.stats.minted,
      burned: () => runtime.stats.burned,
      feesPaid: () => runtime.stats.feesPaid,
      emittedTo: () => ({ ...runtime.emissions.emittedTo() }),
      totalBonded: () => 0n,
      stake: () => ({ validators: 0n, nominators: 0n }),
      treasuryBalance: () => b.free(TREASURY_ACCOUNT),
      grantPool: () => b.free(GRANT_POOL_ACCOUNT),
      feeMultiplier: () => fixedToFloat(runtime.payment.multiplier()),
    },
    rewards: () => ({ validators: 0n, nominators: 0n }),
    isBlockFull: (e) => e.pallet === 'payment' && e.error === 'ExhaustsResources',
  };
};
