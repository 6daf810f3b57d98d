// Flag parsing shared by every command: a malformed number is bad input (exit 2) with a one-line message.
import { BadInputError } from '../sim/runner/errors.js';

/** Parse an integer flag >= min; undefined when the flag was not given. */
export function intFlag(flag: string, v: string | undefined, min = 1): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(Number(v)) || Number(v) < min) {
    const expected = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new BadInputError(`${flag}: expected ${expected}, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

/** Commander collector for repeatable flags (--set, --grid). */
export const collect = (v: string, prev: string[]): string[] => [...prev, v];
