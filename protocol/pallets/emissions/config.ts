// Scenario section `emissions`: the halving schedule (BalanceAI's HalvingBasedRewardPayout) or the Substrate NPoS
// inflation curve, and the budget map that splits each emission between stakers, the grant pool and the treasury.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import type { ChainConfig } from '../../chain-config.js';
import { TokenAmount, Fraction, parseAmount, parseSplit, parseInteger, parsePerquintill } from '../../chain-config.js';
import type { Parts } from '../../primitives/perthing.js';
import type { Planck } from '../../primitives/units.js';

export const emissionsSection = Type.Object({
  model: Type.Union([Type.Literal('halving'), Type.Literal('npos')], { default: 'halving',
    description: 'halving: BalanceAI HalvingBasedRewardPayout (BALANCEAI.md §2); npos: Substrate NPoS inflation curve (SUBSTRATE.md §3.5(a)).' }),
  blockReward: TokenAmount('1', 'Reward per block before the first halving, in BAI (BalanceAI: 1 BAI per block).'),
  halvingIntervalBlocks: Type.Integer({ minimum: 1, default: 10_500_000, description: 'Blocks between halvings (BalanceAI: 10,500,000 ≈ 3.99 years at 12 s). Block n >= 1 pays blockReward >> floor((n − 1) / interval), so each period pays exactly interval × its reward.' }),
  maxSupply: TokenAmount('21000000', 'Bound on genesis issuance + cumulative emission, in BAI (BalanceAI: 21,000,000). Burns do not reopen room: the bound is on what was ever issued, not on current issuance. Applies to the halving model only.'),
  split: Type.Object({
    stakers: Fraction(0.44, 'Share of each emission for stakers, paid per era by points/commission/exposure (BalanceAI: 44%).'),
    grants: Fraction(0.48, 'Share minted to the grant pool account (BalanceAI: 48% Grant Programme).'),
    treasury: Fraction(0.08, 'Share minted to the treasury (unpublished 8%: the audit\'s BalanceTreasury accounts, BALANCEAI.md §2).'),
  }, { additionalProperties: false, default: {}, description: 'Budget map; must sum to exactly 1 (like pallet-dap BudgetAllocation).' }),
  npos: Type.Object({
    minInflation: Fraction(0.025, 'I_min (Polkadot/Kusama 2.5%).'),
    maxInflation: Fraction(0.1, 'I_max (Polkadot/Kusama 10%).'),
    idealStake: Fraction(0.75, 'x_ideal (Kusama 75%, no auction adjustment).'),
    falloff: Fraction(0.05, 'Falloff d (5%; must be >= 1%).'),
  }, { additionalProperties: false, default: {} }),
}, { additionalProperties: false, default: {} });
export type EmissionsSection = Static<typeof emissionsSection>;

export interface EmissionsConfig {
  readonly model: 'halving' | 'npos';
  readonly blockRewardPlanck: Planck;
  readonly halvingIntervalBlocks: number;
  readonly maxSupplyPlanck: Planck;
  readonly split: { readonly stakers: Parts; readonly grants: Parts; readonly treasury: Parts }; // Perbill
  readonly npos: { readonly minInflation: bigint; readonly maxInflation: bigint; readonly idealStake: bigint; readonly falloff: bigint }; // Perquintill
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export function emissionsFromScenario(s: DeepPartial<EmissionsSection>, chain: ChainConfig): EmissionsConfig {
  const model = s.model ?? 'halving';
  if (model !== 'halving' && model !== 'npos') throw new ConfigError('emissions.model', `unknown model ${JSON.stringify(model)}`, 'halving | npos');
  const sp = s.split ?? {};
  const n = s.npos ?? {};
  const npos = {
    minInflation: parsePerquintill('emissions.npos.minInflation', n.minInflation ?? 0.025),
    maxInflation: parsePerquintill('emissions.npos.maxInflation', n.maxInflation ?? 0.1),
    idealStake: parsePerquintill('emissions.npos.idealStake', n.idealStake ?? 0.75),
    falloff: parsePerquintill('emissions.npos.falloff', n.falloff ?? 0.05),
  };
  if (npos.maxInflation < npos.minInflation) throw new ConfigError('emissions.npos.maxInflation', 'below minInflation', '>= emissions.npos.minInflation');
  if (npos.falloff < 10n ** 16n) throw new ConfigError('emissions.npos.falloff', 'below 1%', '[0.01, 1]');
  if (npos.idealStake === 0n) throw new ConfigError('emissions.npos.idealStake', 'must be > 0', '(0, 1]');
  return {
    model,
    blockRewardPlanck: parseAmount('emissions.blockReward', s.blockReward ?? '1', chain.tokenDecimals),
    halvingIntervalBlocks: parseInteger('emissions.halvingIntervalBlocks', s.halvingIntervalBlocks ?? 10_500_000, 1),
    maxSupplyPlanck: parseAmount('emissions.maxSupply', s.maxSupply ?? '21000000', chain.tokenDecimals),
    split: parseSplit('emissions.split', { stakers: sp.stakers ?? 0.44, grants: sp.grants ?? 0.48, treasury: sp.treasury ?? 0.08 },
      ['stakers', 'grants', 'treasury'] as const),
    npos,
  };
}
export { emissionsFromScenario as fromScenario };
