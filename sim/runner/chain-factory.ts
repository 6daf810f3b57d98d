// The chain the runner drives, built from a scenario and the workload's genesis.
//
// INTERIM: until protocol/runtime.ts (protocol-core) lands, the default chain is the real balances pallet alone:
// signed balances calls dispatched transactionally, no fees, no emissions, no staking. Genesis validators are the
// (fixed) author set and their bonds stay free balance. Once the Runtime exists this factory builds it instead and
// every KPI (fees, emissions, staking) becomes live; nothing else in the runner changes.

import { chainFromScenario } from '../../protocol/chain-config.js';
import { Balances, balancesFromScenario, dispatchBalances, type BalancesCall } from '../../protocol/pallets/balances/index.js';
import { err } from '../../protocol/primitives/dispatch.js';
import { EventBuffer } from '../../protocol/primitives/events.js';
import { signed } from '../../protocol/primitives/origin.js';
import { Journal, stateRoot, type Snapshotable } from '../../protocol/primitives/storage.js';
import { assert } from '../../protocol/primitives/dispatch.js';
import type { Chain, ChainEvent, DispatchOutcome, Extrinsic, GenesisSpec } from './chain.js';
import type { ChainBinding, ChainFactory } from './world.js';

class BalancesOnlyChain implements Chain {
  readonly journal = new Journal();
  readonly events = new EventBuffer(this.journal);
  readonly balances: Balances;
  readonly genesisIssuance: bigint;

  constructor(config: ConstructorParameters<typeof Balances>[2], genesis: GenesisSpec) {
    this.balances = new Balances(this.journal, this.events, config);
    for (const a of genesis.accounts) {
      const r = this.balances.mint(a.id, a.free);
      assert(r.ok, `genesis: cannot endow ${a.id} with ${a.free} planck`);
    }
    this.events.drain();
    this.genesisIssuance = this.balances.totalIssuance();
  }

  initializeBlock(): void { /* no per-block pallets yet (emissions, fee multiplier arrive with the runtime) */ }
  applyExtrinsic(xt: Extrinsic): DispatchOutcome {
    if (xt.call.pallet !== 'balances') return err('system', 'CallFiltered');
    return this.journal.transactional(() => dispatchBalances(this.balances, signed(xt.signer), xt.call as unknown as BalancesCall));
  }
  finalizeBlock(): void { /* nothing to finalise without the payment pallet */ }
  stateRoot(): Uint8Array { return stateRoot(this.balances.storage.rootItems()); }
  checkInvariants(): void {
    this.balances.checkInvariants();
    const s = this.balances.storage;
    // Genesis endowments are mints, so issuance is exactly everything minted minus everything burned.
    assert(s.minted.get() - s.burned.get() === this.balances.totalIssuance(), 'chain: minted - burned != total issuance');
  }
  drainEvents(): readonly ChainEvent[] { return this.events.drain(); }
  private items(): Snapshotable[] { return this.balances.storage.snapshotItems(); }
  snapshot(): unknown { return this.items().map((i) => [i.name, i.snapshot()]); }
  restoreSnapshot(s: unknown): void {
    const entries = s as Array<[string, unknown]>;
    const items = this.items();
    if (!Array.isArray(entries) || entries.length !== items.length) throw new Error('chain snapshot: shape differs');
    items.forEach((it, i) => {
      const [name, v] = entries[i]!;
      if (name !== it.name) throw new Error(`chain snapshot: expected ${it.name}, found ${name}`);
      it.restoreSnapshot(v);
    });
  }
}

export const defaultChainFactory: ChainFactory = (scenario, genesis): ChainBinding => {
  const chainCfg = chainFromScenario(scenario.chain);
  const chain = new BalancesOnlyChain(balancesFromScenario(scenario.balances, chainCfg), genesis);
  const authors = genesis.validators.map((v) => v.stash).sort();
  const b = chain.balances;
  return {
    chain,
    token: { symbol: chainCfg.tokenSymbol, decimals: chainCfg.tokenDecimals },
    blockTimeMs: chainCfg.blockTimeMs,
    reads: { free: (who) => b.free(who), activeValidators: () => authors },
    economics: {
      totalIssuance: () => b.totalIssuance(),
      minted: () => b.storage.minted.get() - chain.genesisIssuance,
      burned: () => b.storage.burned.get(),
      feesPaid: () => 0n,
      emittedTo: () => ({}),
      totalBonded: () => 0n,
      stake: () => ({ validators: 0n, nominators: 0n }),
      treasuryBalance: () => 0n,
      grantPool: () => 0n,
      feeMultiplier: () => 1,
    },
    rewards: () => ({ validators: 0n, nominators: 0n }),
    isBlockFull: () => false,
  };
};
