import type { Planck, EraIndex } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';
export const EMISSIONS_EVENTS = ['EraStakerReward', 'NposEraPayout'] as const;
export const emissionsEvents = {
  eraStakerReward: (era: EraIndex, amount: Planck): RuntimeEvent => ({ pallet: 'emissions', name: 'EraStakerReward', data: { era, amount } }),
  nposEraPayout: (era: EraIndex, stakers: Planck, rest: Planck): RuntimeEvent => ({ pallet: 'emissions', name: 'NposEraPayout', data: { era, stakers, rest } }),
};
