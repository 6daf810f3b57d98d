// A Staking pallet over its own Balances, without the rest of the runtime: full control of the era reward.
import { Journal, stateRoot } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { signed } from '../../../protocol/primitives/origin.js';
import type { DispatchResult } from '../../../protocol/primitives/dispatch.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';
import { Staking, dispatchStaking, stakingFromScenario, type StakingCall, type StakingSection, type GenesisStaker } from '../../../protocol/pallets/staking/index.js';
import { chainFromScenario } from '../../../protocol/chain-config.js';

export const TREASURY = 'pallet/treasury';

export interface Direct {
  journal: Journal; events: EventBuffer; balances: Balances; staking: Staking;
  block: number; eraReward: bigint;
  call(who: string, call: Omit<StakingCall, 'pallet'> & { name: StakingCall['name'] }): DispatchResult;
  /** Run blocks until the first block of the next era; authors rotate over the active set. */
  nextEra(): void;
  root(): string;
}

export function direct(section: Partial<StakingSection>, endowed: Array<[string, bigint]>, stakers: GenesisStaker[] = [],
                       opts: { ed?: string; eraReward?: bigint } = {}): Direct {
  const chain = chainFromScenario({ existentialDeposit: opts.ed ?? '0.000000000000000001', tokenDecimals: 18 });
  const journal = new Journal();
  const events = new EventBuffer(journal);
  const balances = new Balances(journal, events, { existentialDepositPlanck: chain.existentialDepositPlanck, maxHolds: 50, maxFreezes: 50 });
  const d: Direct = {
    journal, events, balances, staking: null as unknown as Staking, block: 0, eraReward: opts.eraReward ?? 0n,
    call(who, call) { return journal.transactional(() => dispatchStaking(d.staking, signed(who), { pallet: 'staking', ...call } as StakingCall)); },
    nextEra() {
      const c = d.staking.config;
      const target = Math.floor(d.block / c.eraBlocks) * c.eraBlocks + c.eraBlocks + 1;
      while (d.block < target) {
        d.block++;
        d.staking.onInitialize(d.block, d.block * 12_000);
        const set = d.staking.activeValidators();
        if (set.length > 0) d.staking.noteAuthor(set[d.block % set.length]!);
      }
    },
    root() { return Buffer.from(stateRoot([...balances.storage.rootItems(), ...d.staking.storage.rootItems()])).toString('hex'); },
  };
  d.staking = new Staking(journal, events, stakingFromScenario(section, chain), {
    balances, treasuryAccount: TREASURY, takeEraStakerReward: () => d.eraReward,
  });
  balances.mint(TREASURY, 1n);
  for (const [who, amt] of endowed) balances.mint(who, amt);
  d.staking.genesis(stakers, 0);
  d.block = 0;
  return d;
}
