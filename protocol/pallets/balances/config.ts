// Scenario section `balances` and the pallet's internal config.

import { Type, type Static } from '@sinclair/typebox';
import type { ChainConfig } from '../../chain-config.js';
import { parseInteger } from '../../chain-config.js';
import type { Planck } from '../../primitives/units.js';

export const balancesSection = Type.Object({
  maxHolds: Type.Integer({ minimum: 1, maximum: 1000, default: 50,
    description: 'Max distinct hold reasons per account (Polkadot MaxReserves/MaxHolds = 50, SUBSTRATE.md §1.5).' }),
  maxFreezes: Type.Integer({ minimum: 1, maximum: 1000, default: 50,
    description: 'Max distinct freeze ids per account (Polkadot MaxLocks = 50, SUBSTRATE.md §1.5).' }),
}, { additionalProperties: false, default: {} });
export type BalancesSection = Static<typeof balancesSection>;

export interface BalancesConfig {
  readonly existentialDepositPlanck: Planck;
  readonly maxHolds: number;
  readonly maxFreezes: number;
}

export function balancesFromScenario(s: Partial<BalancesSection>, chain: ChainConfig): BalancesConfig {
  return {
    existentialDepositPlanck: chain.existentialDepositPlanck,
    maxHolds: parseInteger('balances.maxHolds', s.maxHolds ?? 50, 1, 1000),
    maxFreezes: parseInteger('balances.maxFreezes', s.maxFreezes ?? 50, 1, 1000),
  };
}
export { balancesFromScenario as fromScenario };
