// The `oracles` scenario section: how often the runner runs the chain's full invariant audit (recounts every
// account, holds, freezes, staking ledgers, marketplace books). The audit is O(accounts), so a user may trade its
// frequency for speed. Conservation (Σ(free+reserved) == issuance, kept incrementally) and no-negative checks run
// after EVERY block regardless, in O(1); every day end always gets the full audit.

import { Type, type Static } from '@sinclair/typebox';

export const oraclesSection = Type.Object({
  everyBlocks: Type.Integer({
    minimum: 1, maximum: 1_000_000, default: 1,
    description: 'Run the full O(accounts) invariant audit after every N-th block (1 = every block, the default); the O(1) conservation oracle runs after every block and day ends always get the full audit.',
  }),
}, { additionalProperties: false, description: 'Invariant oracle schedule of the runner.' });

export type OraclesSection = Static<typeof oraclesSection>;
