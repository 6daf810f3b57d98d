// Curation pallet events.
import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';

const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'curation', name, data });

export const CURATION_EVENTS = ['CuratorBonded', 'CuratorUnbonded', 'ScoresSet', 'EpochRun'] as const;

export const curationEvents = {
  curatorBonded: (who: AccountId, bondPlanck: Planck) => ev('CuratorBonded', { who, bondPlanck }),
  curatorUnbonded: (who: AccountId, bondPlanck: Planck) => ev('CuratorUnbonded', { who, bondPlanck }),
  scoresSet: (who: AccountId, era: number, entries: number) => ev('ScoresSet', { who, era, entries }),
  epochRun: (era: number, rule: string, activeCurators: number, scoredModels: number) =>
    ev('EpochRun', { era, rule, activeCurators, scoredModels }),
};
