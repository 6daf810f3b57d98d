// A minimal world for marketplace tests: journal, events, balances, the marketplace pallet with a balances fee port.
import { Journal, stateRoot } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';
import { Marketplace, marketplaceFromScenario, balancesFeePort, splitOneFee, type MarketplaceSection,
         type FeeSplitParts } from '../../../protocol/pallets/marketplace/index.js';
import type { DispatchResult } from '../../../protocol/primitives/dispatch.js';

export const BAI = 10n ** 18n;
export const ED = BAI / 100n;

export function world(section: Partial<MarketplaceSection> = {}, split: FeeSplitParts = { burn: 500_000_000n, author: 300_000_000n, treasury: 200_000_000n }) {
  const journal = new Journal();
  const events = new EventBuffer(journal);
  const balances = new Balances(journal, events, { existentialDepositPlanck: ED, maxHolds: 50, maxFreezes: 50 });
  let era = 0;
  const fees = balancesFeePort(balances, (f) => splitOneFee(f, split), () => 'author', 'treasury');
  const mp = new Marketplace(journal, events, balances, marketplaceFromScenario(section, { decimals: 18 }), { era: () => era, fees });
  const tx = <T>(fn: () => DispatchResult<T>) => journal.transactional(fn);
  const root = () => Buffer.from(stateRoot([...balances.storage.rootItems(), ...mp.storage.rootItems()])).toString('hex');
  const fund = (who: string, amount: bigint) => { const r = tx(() => balances.mint(who, amount)); if (!r.ok) throw new Error('mint'); };
  fund('author', BAI); fund('treasury', BAI);
  return { journal, events, balances, mp, tx, root, fund, setEra: (e: number) => { era = e; } };
}
