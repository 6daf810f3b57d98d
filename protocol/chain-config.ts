// Chain-wide scenario section `chain` and the helpers every pallet config uses to parse scenario values
// (token amounts as exact BAI decimal strings, fractions as Perbill) into bigint configs, failing with ConfigError.

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ConfigError } from './primitives/config-error.js';
import { parseTokenAmount, type Planck } from './primitives/units.js';
import { PERBILL, fromFloat, type Parts } from './primitives/perthing.js';

/** A token amount in BAI: a decimal string ("0.01") or a number; parsed exactly into planck. */
export function TokenAmount(defaultValue: string, description: string) {
  return Type.Union([Type.String(), Type.Number()], { default: defaultValue, description });
}

/** A fraction in [0, 1] (parsed into Perbill parts, rounding down at the 9th decimal). */
export function Fraction(defaultValue: number, description: string) {
  return Type.Number({ minimum: 0, maximum: 1, default: defaultValue, description });
}

export const chainSection = Type.Object({
  tokenSymbol: Type.String({ default: 'BAI', minLength: 1, maxLength: 12, description: 'Native token symbol (BalanceAI token page).' }),
  tokenDecimals: Type.Integer({ minimum: 0, maximum: 30, default: 18,
    description: 'Token decimals: 18 because wBAI is an ERC-20 bridged 1:1 (BALANCEAI.md §1).' }),
  blockTimeMs: Type.Integer({ minimum: 1, default: 12000, description: 'Block time in ms: 12 s (BALANCEAI.md §2).' }),
  existentialDeposit: TokenAmount('0.01',
    'Existential deposit in BAI. BalanceAI publishes none: Kusama relay ED = 1 CENTS (SUBSTRATE.md §1.3) with the lab\'s ' +
    'fee scaling 1 BAI ~ 1 DOT-unit, CENTS = 0.01 BAI.'),
}, { additionalProperties: false, default: {} });
export type ChainSection = Static<typeof chainSection>;

export interface ChainConfig {
  readonly tokenSymbol: string;
  readonly tokenDecimals: number;
  readonly blockTimeMs: number;
  readonly existentialDepositPlanck: Planck;
}

/** Token context the other pallets' fromScenario need. */
export interface TokenContext { readonly decimals: number }

export function chainFromScenario(s: Partial<ChainSection> = {}): ChainConfig {
  const tokenDecimals = s.tokenDecimals ?? 18;
  if (!Number.isInteger(tokenDecimals) || tokenDecimals < 0 || tokenDecimals > 30) {
    throw new ConfigError('chain.tokenDecimals', `must be an integer, got ${tokenDecimals}`, '0..30');
  }
  const blockTimeMs = s.blockTimeMs ?? 12000;
  if (!Number.isInteger(blockTimeMs) || blockTimeMs < 1) throw new ConfigError('chain.blockTimeMs', `got ${blockTimeMs}`, 'integer >= 1');
  const ed = parseAmount('chain.existentialDeposit', s.existentialDeposit ?? '0.01', tokenDecimals);
  if (ed < 1n) throw new ConfigError('chain.existentialDeposit', 'must be positive (Substrate requires ED > 0)', '> 0');
  return { tokenSymbol: s.tokenSymbol ?? 'BAI', tokenDecimals, blockTimeMs, existentialDepositPlanck: ed };
}

/** Parse a scenario token amount; negative values are rejected unless allowNegative. */
export function parseAmount(path: string, v: unknown, decimals: number, opts: { min?: Planck } = {}): Planck {
  if (typeof v !== 'string' && typeof v !== 'number') throw new ConfigError(path, `not a token amount: ${JSON.stringify(v)}`, 'a BAI decimal string or number');
  let p: Planck;
  try { p = parseTokenAmount(v, decimals); } catch (e) {
    throw new ConfigError(path, (e as Error).message, `a BAI decimal with at most ${decimals} decimals`);
  }
  const min = opts.min ?? 0n;
  if (p < min) throw new ConfigError(path, `must be >= ${min === 0n ? '0' : min + ' planck'}, got ${v}`, min === 0n ? '>= 0' : `>= ${min} planck`);
  return p;
}

/** Parse a fraction in [0, 1] into Perbill parts. */
export function parseFraction(path: string, v: unknown): Parts {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw new ConfigError(path, `fraction out of range: ${JSON.stringify(v)}`, 'a number in [0, 1]');
  }
  return fromFloat(PERBILL, v);
}

/** Parse a map of fractions that must sum to exactly 100% (in Perbill parts). */
export function parseSplit<K extends string>(path: string, v: Record<K, unknown>, keys: readonly K[]): Record<K, Parts> {
  const out = {} as Record<K, Parts>;
  let sum = 0n;
  for (const k of keys) { out[k] = parseFraction(`${path}.${k}`, v[k]); sum += out[k]; }
  if (sum !== PERBILL.accuracy) {
    throw new ConfigError(path, `shares must sum to exactly 1 (100%), got ${Number(sum) / 1e9}`, `${keys.join(' + ')} = 1`);
  }
  return out;
}

/** Parse an integer in a range. */
export function parseInteger(path: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(path, `not an integer in range: ${JSON.stringify(v)}`, `integer ${min}..${max === Number.MAX_SAFE_INTEGER ? '' : max}`);
  }
  return v;
}

export type { TSchema };

/** Shortest exact decimal text of a JS number ("7.5e-5" -> "0.000075"), so scenario numbers parse without binary
 * float artefacts (0.1 -> "0.1", never 0.1000000000000000055...). */
export function decimalText(x: number): string {
  const s = String(x);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, w, f = '', e] = m;
  const digits = w! + f;
  const point = w!.length + Number(e);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Parse a non-negative number into FixedU128 inner (x * 10^18, truncated past 18 decimals). */
export function parseFixedU128(path: string, v: unknown): bigint {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ConfigError(path, `not a non-negative number: ${JSON.stringify(v)}`, '>= 0');
  const t = decimalText(v);
  const [w, f = ''] = t.split('.');
  return BigInt(w!) * 10n ** 18n + BigInt((f + '0'.repeat(18)).slice(0, 18));
}

/** Parse a fraction in [0, 1] into Perquintill parts exactly from its decimal text. */
export function parsePerquintill(path: string, v: unknown): bigint {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new ConfigError(path, `fraction out of range: ${JSON.stringify(v)}`, 'a number in [0, 1]');
  return parseFixedU128(path, v); // Perquintill accuracy == FixedU128 DIV == 10^18
}
