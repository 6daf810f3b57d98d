// Marketplace + curation + grants over balances, as the runtime composes them (fee port over balances).
import { Journal, stateRoot } from '../../../protocol/primitives/storage.js';
import { EventBuffer } from '../../../protocol/primitives/events.js';
import { Balances } from '../../../protocol/pallets/balances/index.js';
import { Marketplace, marketplaceFromScenario, balancesFeePort, splitOneFee } from '../../../protocol/pallets/marketplace/index.js';
import { Curation, curationFromScenario, type CurationSection } from '../../../protocol/pallets/curation/index.js';
import { Grants, grantsFromScenario, type GrantsSection } from '../../../protocol/pallets/grants/index.js';
import { cidString } from '../../../protocol/pallets/marketplace/index.js';
import type { DispatchResult } from '../../../protocol/primitives/dispatch.js';

export const BAI = 10n ** 18n;
export const ED = BAI / 100n;
export const META = cidString(new TextEncoder().encode('meta'), 'raw', 'sha2-256');

export function economy(curation: Partial<CurationSection> = {}, grants: Partial<GrantsSection> = {}) {
  const journal = new Journal();
  const events = new EventBuffer(journal);
  const balances = new Balances(journal, events, { existentialDepositPlanck: ED, maxHolds: 50, maxFreezes: 50 });
  let era = 0;
  const fees = balancesFeePort(balances, (f) => splitOneFee(f, { burn: 500_000_000n, author: 500_000_000n, treasury: 0n }),
    () => 'author', 'treasury');
  const mp = new Marketplace(journal, events, balances, marketplaceFromScenario({}, { decimals: 18 }), { era: () => era, fees });
  const cur = new Curation(journal, events, balances, curationFromScenario(curation, { decimals: 18 }), mp, () => era);
  const gr = new Grants(journal, events, balances, grantsFromScenario(grants), { pool: 'grants/pool', treasury: 'treasury' }, cur, mp);
  const tx = <T>(fn: () => DispatchResult<T>) => {
    const r = journal.transactional(fn);
    if (!r.ok) throw new Error(`${r.error.pallet}.${r.error.error}`);
    return r.ok ? r.value : (undefined as never);
  };
  const fund = (who: string, amount: bigint) => tx(() => balances.mint(who, amount));
  fund('author', BAI); fund('treasury', BAI); fund('grants/pool', ED);
  /** A provider with a bonded node and `n` models; returns the model ids. */
  const provider = (who: string, n = 1, price = BAI / 10n): number[] => {
    fund(who, 2000n * BAI);
    tx(() => mp.bondNode(who, 1000n * BAI));
    return Array.from({ length: n }, () => tx(() => mp.registerModel(who, 'model', META, price)));
  };
  const curator = (who: string, bondBai: bigint) => { fund(who, bondBai * BAI + BAI); tx(() => cur.bondCurator(who, bondBai * BAI)); };
  const consumer = (who: string, stakeBai = 1000n) => { fund(who, 100_000n * BAI); tx(() => mp.stakeAccess(who, stakeBai * BAI)); };
  const root = () => Buffer.from(stateRoot([...balances.storage.rootItems(), ...mp.storage.rootItems(), ...cur.storage.rootItems(),
    ...gr.storage.rootItems()])).toString('hex');
  return { journal, events, balances, mp, cur, gr, tx, fund, provider, curator, consumer, root,
           setEra: (e: number) => { era = e; }, era: () => era };
}
