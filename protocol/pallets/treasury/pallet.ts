// pallet_treasury (legacy approvals flow, SUBSTRATE.md §5.1): Root approves spends; every SpendPeriod the pot
// (free − ED, i.e. reducible with Preserve) pays approved spends in order while the budget allows; if none was
// missed, `burn` × remaining budget is burned. Fee shares, emission shares and slashes arrive as plain deposits
// to the treasury account.

import type { EventBuffer } from '../../primitives/events.js';
import type { Journal } from '../../primitives/storage.js';
import type { AccountId, BlockNumber, Planck } from '../../primitives/units.js';
import type { Origin } from '../../primitives/origin.js';
import { OK, err, assert, type DispatchResult } from '../../primitives/dispatch.js';
import { PERBILL, mulRound } from '../../primitives/perthing.js';
import type { Balances } from '../balances/index.js';
import type { TreasuryConfig } from './config.js';
import { TreasuryStorage } from './storage.js';
import { fail } from './errors.js';
import { treasuryEvents as E } from './events.js';

export type TreasuryCall = { pallet: 'treasury'; name: 'spend'; args: { amount: Planck; beneficiary: AccountId } };
export const TREASURY_CALL_WEIGHTS: Record<TreasuryCall['name'], bigint> = { spend: 30_000_000n }; // lab estimate

export class Treasury {
  readonly storage: TreasuryStorage;
  constructor(private readonly journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: TreasuryConfig, readonly account: AccountId) {
    this.storage = new TreasuryStorage(journal);
  }

  /** Spendable pot: free − max(ED, frozen − reserved). */
  pot(): Planck { return this.balances.reducibleBalance(this.account, 'Preserve', 'Polite'); }

  dispatch(origin: Origin, call: TreasuryCall): DispatchResult {
    if (origin.kind !== 'Root') return err('system', 'BadOrigin');
    const { amount, beneficiary } = call.args;
    if (typeof amount !== 'bigint' || amount <= 0n) return fail('InvalidAmount');
    const q = this.storage.approvals.get();
    if (q.length >= this.config.maxApprovals) return fail('TooManyApprovals');
    const index = this.storage.spendCount.get();
    this.storage.spendCount.set(index + 1);
    this.storage.approvals.set([...q, { index, beneficiary, amount }]);
    this.events.push(E.spendApproved(index, amount, beneficiary));
    return OK;
  }

  onInitialize(n: BlockNumber): void {
    if (n > 0 && n % this.config.spendPeriodBlocks === 0) this.spendFunds();
  }

  /** spend_funds: pay approvals in order while they fit the budget, then burn a share if nothing was missed. */
  spendFunds(): void {
    let budget = this.pot();
    this.events.push(E.spending(budget));
    let missedAny = false;
    const kept = [];
    for (const sp of this.storage.approvals.get()) {
      if (sp.amount > budget) { missedAny = true; kept.push(sp); continue; }
      const r = this.journal.transactional(() => this.balances.transfer(this.account, sp.beneficiary, sp.amount, 'Preserve'));
      if (r.ok) {
        budget -= sp.amount;
        this.storage.spent.set(this.storage.spent.get() + sp.amount);
        this.events.push(E.awarded(sp.index, sp.amount, sp.beneficiary));
      } else {
        this.events.push(E.spendFailed(sp.index)); // e.g. a new beneficiary below ED: dropped, funds stay
      }
    }
    this.storage.approvals.set(kept);
    let burn = 0n;
    if (!missedAny && this.config.burnParts > 0n) {
      burn = mulRound(PERBILL, this.config.burnParts, budget);
      if (burn > 0n) {
        const r = this.balances.burn(this.account, burn, 'Preserve');
        assert(r.ok, 'treasury: burn within budget failed');
        this.storage.burned.set(this.storage.burned.get() + burn);
        this.events.push(E.burnt(burn));
      }
    }
    this.events.push(E.rollover(budget - burn));
  }
}
