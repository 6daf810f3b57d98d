// Grants pallet events.
import type { AccountId, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';

const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'grants', name, data });

export const GRANTS_EVENTS = ['ProviderGrant', 'CuratorDividend', 'PayoutSkipped', 'EraDistributed'] as const;

export const grantsEvents = {
  providerGrant: (era: number, who: AccountId, amount: Planck) => ev('ProviderGrant', { era, who, amount }),
  curatorDividend: (era: number, who: AccountId, amount: Planck) => ev('CuratorDividend', { era, who, amount }),
  /** A payout the recipient could not receive (a new account below ED): it joins the undistributed remainder. */
  payoutSkipped: (era: number, who: AccountId, amount: Planck) => ev('PayoutSkipped', { era, who, amount }),
  eraDistributed: (d: EraDistribution) => ev('EraDistributed', { ...d }),
};

export interface EraDistribution {
  readonly era: number;
  readonly poolPlanck: Planck;          // distributable pool at era end (carried-over included)
  readonly paidProvidersPlanck: Planck;
  readonly paidCuratorsPlanck: Planck;
  readonly toTreasuryPlanck: Planck;
  readonly carriedPlanck: Planck;       // stays in the pool for the next era
}
