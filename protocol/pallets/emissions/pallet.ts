// Emissions: per-block halving emission split by the budget map (treasury and grant shares minted at once, the
// stakers' share accrued for the era and minted lazily by staking at payout), or the NPoS curve per era.
//
// Coordination with staking: at each era end staking calls `onEraEnd(era, totalStakedPlanck, eraDurationMs)` and
// receives the era's total staker reward (ErasValidatorReward); it mints it lazily at payout. Rewards never claimed
// are never minted, and the room they used under maxSupply is not reopened.

import type { EventBuffer } from '../../primitives/events.js';
import type { Journal } from '../../primitives/storage.js';
import type { AccountId, BlockNumber, EraIndex, Planck } from '../../primitives/units.js';
import { assert, InvariantError } from '../../primitives/dispatch.js';
import { ConfigError } from '../../primitives/config-error.js';
import type { Balances } from '../balances/index.js';
import type { EmissionsConfig } from './config.js';
import { EmissionsStorage } from './storage.js';
import { halvingReward, splitBudget, nposEraPayout, type BudgetSplit } from './schedule.js';
import { emissionsEvents as E } from './events.js';

export interface EmissionsAccounts { readonly treasury: AccountId; readonly grantPool: AccountId }
export interface EmittedTo { readonly stakers: Planck; readonly grants: Planck; readonly treasury: Planck }

export class Emissions {
  readonly storage: EmissionsStorage;
  private readonly room0: Planck; // maxSupply − genesis issuance
  private lastReward = -1n;
  private lastSplit: BudgetSplit | null = null; // splitBudget(lastReward, config.split): pure, config is readonly

  constructor(journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: EmissionsConfig, readonly accounts: EmissionsAccounts, genesisIssuancePlanck: Planck) {
    this.storage = new EmissionsStorage(journal);
    if (config.model === 'halving' && genesisIssuancePlanck > config.maxSupplyPlanck) {
      throw new ConfigError('emissions.maxSupply', `genesis issuance ${genesisIssuancePlanck} planck exceeds max supply ${config.maxSupplyPlanck}`, '>= genesis issuance');
    }
    this.room0 = config.maxSupplyPlanck - genesisIssuancePlanck;
  }

  /** Room left under maxSupply (halving model). */
  remainingRoom(): Planck { return this.room0 - this.storage.emitted.get(); }

  emittedTo(): EmittedTo {
    const s = this.storage;
    return { stakers: s.emittedToStakers.get(), grants: s.emittedToGrants.get(), treasury: s.emittedToTreasury.get() };
  }

  /** on_initialize of block n: the halving emission. Returns the block's total emission. */
  onInitialize(n: BlockNumber): Planck {
    if (this.config.model !== 'halving') return 0n;
    const c = this.config;
    const r = halvingReward(n, c.blockRewardPlanck, c.halvingIntervalBlocks, this.remainingRoom());
    if (r === 0n) return 0n;
    const s = this.storage;
    s.emitted.set(s.emitted.get() + r);
    if (r !== this.lastReward) { this.lastReward = r; this.lastSplit = splitBudget(r, c.split); } // r changes only at halvings
    this.distribute(this.lastSplit!);
    return r;
  }

  /** Era end (called by staking): the era's staker reward, which staking mints lazily at payout. */
  onEraEnd(era: EraIndex, totalStakedPlanck: Planck, eraDurationMs: number): Planck {
    const s = this.storage;
    if (this.config.model === 'halving') {
      const reward = s.pendingStakerReward.get();
      s.pendingStakerReward.set(0n);
      this.events.push(E.eraStakerReward(era, reward));
      return reward;
    }
    const p = nposEraPayout(totalStakedPlanck, this.balances.totalIssuance(), eraDurationMs, this.config.npos);
    s.emitted.set(s.emitted.get() + p.maxPayout);
    // Substrate sends `rest` to the treasury (RewardRemainder); the lab splits it between the grant pool and the
    // treasury in the ratio of their budget shares (all to the treasury if both are 0).
    const g = this.config.split.grants, t = this.config.split.treasury;
    const toGrants = g + t === 0n ? 0n : (p.rest * g) / (g + t);
    this.mintTo(this.accounts.grantPool, toGrants, s.emittedToGrants);
    this.mintTo(this.accounts.treasury, p.rest - toGrants, s.emittedToTreasury);
    s.emittedToStakers.set(s.emittedToStakers.get() + p.stakingPayout);
    this.events.push(E.nposEraPayout(era, p.stakingPayout, p.rest));
    return p.stakingPayout;
  }

  /** Alias for staking code that thinks in "take the accrued reward" terms (halving model). */
  takeEraStakerReward(era: EraIndex, totalStakedPlanck = 0n, eraDurationMs = 0): Planck {
    return this.onEraEnd(era, totalStakedPlanck, eraDurationMs);
  }

  private distribute(b: BudgetSplit): void {
    const s = this.storage;
    this.mintTo(this.accounts.grantPool, b.grants, s.emittedToGrants);
    this.mintTo(this.accounts.treasury, b.treasury, s.emittedToTreasury);
    s.pendingStakerReward.set(s.pendingStakerReward.get() + b.stakers);
    s.emittedToStakers.set(s.emittedToStakers.get() + b.stakers);
  }

  private mintTo(who: AccountId, amount: Planck, stat: { get(): Planck; set(v: Planck): void }): void {
    if (amount === 0n) return;
    const r = this.balances.mint(who, amount);
    if (!r.ok) throw new InvariantError(`emissions: mint of ${amount} to ${who} failed (${r.error.error}); genesis must endow pallet accounts with ED`);
    stat.set(stat.get() + amount);
  }

  /** Halving model: genesis issuance + emitted never exceeds maxSupply. */
  checkInvariants(): void {
    if (this.config.model === 'halving') assert(this.storage.emitted.get() <= this.room0, 'emissions: max supply exceeded');
    const t = this.emittedTo();
    assert(t.stakers + t.grants + t.treasury === this.storage.emitted.get(), 'emissions: split does not sum to emitted');
  }
}
