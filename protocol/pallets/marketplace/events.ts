// Marketplace pallet events.
import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';

const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'marketplace', name, data });

export const MARKETPLACE_EVENTS = ['ModelRegistered', 'ModelDeregistered', 'PriceSet', 'NodeBonded', 'NodeUnbonded',
  'AccessStaked', 'AccessUnstaked', 'Called', 'CallsBatched'] as const;

export const marketplaceEvents = {
  modelRegistered: (modelId: number, owner: AccountId, kind: string, metadataCid: string, pricePlanck: Planck) =>
    ev('ModelRegistered', { modelId, owner, kind, metadataCid, pricePlanck }),
  modelDeregistered: (modelId: number, owner: AccountId) => ev('ModelDeregistered', { modelId, owner }),
  priceSet: (modelId: number, pricePlanck: Planck) => ev('PriceSet', { modelId, pricePlanck }),
  nodeBonded: (who: AccountId, bondPlanck: Planck) => ev('NodeBonded', { who, bondPlanck }),
  nodeUnbonded: (who: AccountId, bondPlanck: Planck) => ev('NodeUnbonded', { who, bondPlanck }),
  accessStaked: (who: AccountId, stakePlanck: Planck) => ev('AccessStaked', { who, stakePlanck }),
  accessUnstaked: (who: AccountId, stakePlanck: Planck) => ev('AccessUnstaked', { who, stakePlanck }),
  /** One call: record hash on chain (hex), price to the provider, network fee split. */
  called: (consumer: AccountId, modelId: number, provider: AccountId, pricePlanck: Planck, feePlanck: Planck, recordHash: string) =>
    ev('Called', { consumer, modelId, provider, pricePlanck, feePlanck, recordHash }),
  /** An aggregated batch of `calls` calls (same arithmetic as that many single calls). */
  callsBatched: (consumer: AccountId, calls: number, pricePlanck: Planck, feePlanck: Planck, recordHash: string) =>
    ev('CallsBatched', { consumer, calls, pricePlanck, feePlanck, recordHash }),
};
