// The `oracles` scenario section: how often the runner runs the chain's invariant oracles (conservation of
// issuance, no negative balances, staking ledger consistency). They are O(accounts), so on long sweeps a user may
// trade checking frequency for speed; the default checks after every block, and every day end is always checked.

import { Type, type Static } from '@sinclair/typebox';

export const oraclesSection = Type.Object({
  everyBlocks: Type.Integer({
    minimum: 1, maximum: 1_000_000, default: 1,
    description: 'Run the invariant oracles after every N-th block (1 = every block, the default); day ends are always checked.',
  }),
}, { additionalProperties: false, description: 'Invariant oracle schedule of the runner.' });

export type OraclesSection = Static<typeof oraclesSection>;
