// The built-in workload's scenario section. A deliberately simple workload that drives a real chain until the
// agents engineer lands sim/agents (which replaces it): genesis validators and nominators with bonds, and a
// population of plain accounts that each send signed transfer_keep_alive extrinsics at seeded random times.

import { Type, type Static } from '@sinclair/typebox';
import { parseAmount } from '../../protocol/chain-config.js';
import type { Planck } from '../../protocol/primitives/units.js';

/** A non-negative BAI amount: a decimal string ("0.01") or a number, parsed exactly (units.parseTokenAmount). */
export const TokenAmountSchema = (description: string, def: string) => Type.Union([
  Type.String({ pattern: '^[0-9][0-9_]*(\\.[0-9]+)?$' }),
  Type.Number({ minimum: 0 }),
], { default: def, description });

export const workloadSection = Type.Object({
  enabled: Type.Boolean({ default: true, description: 'Run the built-in workload (false: no transfers, stakers only).' }),
  accounts: Type.Integer({
    minimum: 0, maximum: 1_000_000, default: 1000,
    description: 'Plain accounts that send transfers (ids "user/<i>"). Lab default, not a chain parameter.',
  }),
  accountBalance: TokenAmountSchema('Genesis free balance of each plain account, in BAI.', '1000'),
  transfersPerAccountPerDay: Type.Number({
    minimum: 0, maximum: 100_000, default: 4,
    description: 'Mean transfers each account sends per day; inter-arrival times are exponential (Poisson process).',
  }),
  maxTransferFraction: Type.Number({
    minimum: 0, maximum: 1, default: 0.01,
    description: 'Each transfer moves a uniform fraction in [0, this] of the sender\'s free balance.',
  }),
  transferLengthBytes: Type.Integer({
    minimum: 1, maximum: 5_000_000, default: 140,
    description: 'Encoded length of a signed transfer (drives the length fee); ~140 bytes on Polkadot.',
  }),
  validators: Type.Integer({
    minimum: 0, maximum: 100_000, default: 30,
    description: 'Genesis validator candidates (ids "validator/<i>"), each bonded with validatorBond.',
  }),
  validatorBond: TokenAmountSchema('Genesis bond of each validator, in BAI.', '10000'),
  validatorBalance: TokenAmountSchema('Genesis free balance of each validator on top of its bond, in BAI.', '100'),
  nominators: Type.Integer({
    minimum: 0, maximum: 1_000_000, default: 300,
    description: 'Genesis nominators (ids "nominator/<i>"), each bonded with nominatorBond.',
  }),
  nominatorBond: TokenAmountSchema('Genesis bond of each nominator, in BAI.', '1000'),
  nominatorBalance: TokenAmountSchema('Genesis free balance of each nominator on top of its bond, in BAI.', '10'),
  nominationsPerNominator: Type.Integer({
    minimum: 1, maximum: 64, default: 8,
    description: 'Targets each genesis nominator picks (seeded, without replacement; capped by validators).',
  }),
}, { additionalProperties: false, description: 'Built-in workload of the runner (replaced by sim/agents).' });

export type WorkloadSection = Static<typeof workloadSection>;

export interface WorkloadAmounts {
  readonly accountBalance: Planck; readonly validatorBond: Planck; readonly validatorBalance: Planck;
  readonly nominatorBond: Planck; readonly nominatorBalance: Planck;
}

/** Exact planck amounts of the section; throws ConfigError naming the path (e.g. too many decimals). */
export function workloadFromScenario(w: WorkloadSection, decimals: number): WorkloadAmounts {
  return {
    accountBalance: parseAmount('workload.accountBalance', w.accountBalance, decimals),
    validatorBond: parseAmount('workload.validatorBond', w.validatorBond, decimals),
    validatorBalance: parseAmount('workload.validatorBalance', w.validatorBalance, decimals),
    nominatorBond: parseAmount('workload.nominatorBond', w.nominatorBond, decimals),
    nominatorBalance: parseAmount('workload.nominatorBalance', w.nominatorBalance, decimals),
  };
}
