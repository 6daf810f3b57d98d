// The root seed of a run: --seed, else the scenario's `seed`, else 0. Malformed seeds are bad input (exit 2).
import { parseSeed } from '../engine/index.js';
import type { Scenario } from '../../scenarios/schema.js';
import { BadInputError } from './errors.js';

export const DEFAULT_SEED = 0n;

export function resolveSeed(cli: string | undefined, scenario: Scenario): bigint {
  const v = cli ?? scenario.seed;
  if (v === undefined) return DEFAULT_SEED;
  try { return parseSeed(typeof v === 'number' ? v : String(v)); } catch (e) {
    throw new BadInputError(`${cli !== undefined ? '--seed' : 'scenario seed'}: ${(e as Error).message}`);
  }
}
