// Scenario section `grants`: how each era's grant pool (the grants share of emissions, 48% by default, minted into
// the pool account by the emissions pallet) is divided between providers and curators, and where any undistributed
// remainder goes.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../primitives/config-error.js';
import type { Parts } from '../../primitives/perthing.js';
import { Fraction, parseFraction } from '../../chain-config.js';

export const REMAINDER_RULES = ['carry', 'treasury'] as const;
export type RemainderRule = (typeof REMAINDER_RULES)[number];

export const grantsSection = Type.Object({
  providerShare: Fraction(0.5,
    'Share of each era\'s grant pool paid to providers by the curation rule; the rest goes to curators as dividends. ' +
    'BALANCEAI.md §4 step 6 ("e.g. 50/50").'),
  remainder: Type.Union(REMAINDER_RULES.map((r) => Type.Literal(r)), {
    default: 'carry',
    description: 'Undistributed pool (no eligible recipient, or a payout a new account below ED cannot receive): ' +
      'carry = stays in the pool for the next era; treasury = sent to the treasury account. Lab default: carry.',
  }),
}, { additionalProperties: false, default: {}, description: 'Grant Programme distribution each era.' });
export type GrantsSection = Static<typeof grantsSection>;

export interface GrantsConfig {
  readonly providerShareParts: Parts;
  readonly remainder: RemainderRule;
}

export function grantsFromScenario(s: Partial<GrantsSection>): GrantsConfig {
  const remainder = (s.remainder ?? 'carry') as string;
  if (!(REMAINDER_RULES as readonly string[]).includes(remainder)) {
    throw new ConfigError('grants.remainder', `unknown remainder rule ${JSON.stringify(remainder)}`, REMAINDER_RULES.join(' | '));
  }
  return {
    providerShareParts: parseFraction('grants.providerShare', s.providerShare ?? 0.5),
    remainder: remainder as RemainderRule,
  };
}
export { grantsFromScenario as fromScenario };
