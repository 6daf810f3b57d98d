// Scenario section `treasury` (pallet_treasury, SUBSTRATE.md §5.1).
import { Type, type Static } from '@sinclair/typebox';
import type { ChainConfig } from '../../chain-config.js';
import { Fraction, parseFraction, parseInteger } from '../../chain-config.js';
import type { Parts } from '../../primitives/perthing.js';

export const treasurySection = Type.Object({
  spendPeriodBlocks: Type.Integer({ minimum: 1, default: 172_800,
    description: 'SpendPeriod in blocks: Polkadot 24 days (SUBSTRATE.md §5.1) = 172,800 blocks at 12 s.' }),
  burn: Fraction(0, 'Share of the unspent budget burned each spend period. Polkadot: 1% historically on the relay, 0 on AH since Ref 1781 (Dec 2025); Kusama 0 (SUBSTRATE.md §5.1). Default 0.'),
  maxApprovals: Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'Max queued approved spends (Polkadot MaxApprovals = 100).' }),
}, { additionalProperties: false, default: {} });
export type TreasurySection = Static<typeof treasurySection>;

export interface TreasuryConfig {
  readonly spendPeriodBlocks: number;
  readonly burnParts: Parts; // Perbill
  readonly maxApprovals: number;
}

export function treasuryFromScenario(s: Partial<TreasurySection>, _chain: ChainConfig): TreasuryConfig {
  return {
    spendPeriodBlocks: parseInteger('treasury.spendPeriodBlocks', s.spendPeriodBlocks ?? 172_800, 1),
    burnParts: parseFraction('treasury.burn', s.burn ?? 0),
    maxApprovals: parseInteger('treasury.maxApprovals', s.maxApprovals ?? 100, 1, 10_000),
  };
}
export { treasuryFromScenario as fromScenario };
