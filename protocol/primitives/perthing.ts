// PerThing arithmetic with the chain's rounding (substrate/primitives/arithmetic/src/per_things.rs):
// from_rational rounds DOWN (q = 0 gives one), `x * n` rounds to NEAREST (ties down), mul_floor / mul_ceil exist.

export interface PerThingKind {
  readonly name: string;
  readonly accuracy: bigint;
  /** floor((accuracy − 1) / 2): added before one floor division, it rounds to nearest with ties down (mulRound). */
  readonly halfDown: bigint;
}
const perThingKind = (name: string, accuracy: bigint): PerThingKind => ({ name, accuracy, halfDown: (accuracy - 1n) / 2n });
export const PERCENT: PerThingKind = perThingKind('Percent', 100n);
export const PERMILL: PerThingKind = perThingKind('Permill', 1_000_000n);
export const PERBILL: PerThingKind = perThingKind('Perbill', 1_000_000_000n);
export const PERQUINTILL: PerThingKind = perThingKind('Perquintill', 1_000_000_000_000_000_000n);

/** Parts of `kind.accuracy`; an integer in [0, accuracy]. */
export type Parts = bigint;

export function fromRational(kind: PerThingKind, p: bigint, q: bigint): Parts {
  if (p < 0n || q < 0n) throw new RangeError('fromRational: negative input');
  if (q === 0n || p >= q) return kind.accuracy;
  return (p * kind.accuracy) / q; // floor
}

/** Parse a fraction in [0, 1] given as a JS number into parts, rounding down (scenario input only; never in ledger math). */
export function fromFloat(kind: PerThingKind, x: number): Parts {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`fraction out of [0, 1]: ${x}`);
  // Decimal string route avoids binary float artefacts: 0.44 -> 440000000 exactly for Perbill.
  const digits = kind.accuracy.toString().length - 1;
  const s = x.toFixed(Math.min(digits, 20));
  const [w, f = ''] = s.split('.');
  return BigInt(w!) * kind.accuracy + BigInt((f + '0'.repeat(digits)).slice(0, digits) || '0');
}

export function toFloat(kind: PerThingKind, parts: Parts): number {
  return Number(parts) / Number(kind.accuracy);
}

/**
 * parts * n rounded to nearest, ties toward zero (Rounding::NearestPrefDown). For num = parts·n >= 0 that is
 * floor((num + floor((A − 1)/2)) / A): with r = num mod A it adds one exactly when r + floor((A − 1)/2) >= A, i.e.
 * 2r > A (one division instead of a division and a remainder).
 */
export function mulRound(kind: PerThingKind, parts: Parts, n: bigint): bigint {
  const num = parts * n;
  if (num >= 0n) return (num + kind.halfDown) / kind.accuracy;
  const q = num / kind.accuracy;
  const r = num % kind.accuracy;
  return r * 2n > kind.accuracy ? q + 1n : q;
}

export function mulFloor(kind: PerThingKind, parts: Parts, n: bigint): bigint {
  return (parts * n) / kind.accuracy;
}

export function mulCeil(kind: PerThingKind, parts: Parts, n: bigint): bigint {
  const num = parts * n;
  return num % kind.accuracy === 0n ? num / kind.accuracy : num / kind.accuracy + 1n;
}

/** Perbill shorthands: the most used kind in pallets. */
export const perbill = {
  fromRational: (p: bigint, q: bigint): Parts => fromRational(PERBILL, p, q),
  fromFloat: (x: number): Parts => fromFloat(PERBILL, x),
  mul: (parts: Parts, n: bigint): bigint => mulRound(PERBILL, parts, n),
  mulFloor: (parts: Parts, n: bigint): bigint => mulFloor(PERBILL, parts, n),
  mulCeil: (parts: Parts, n: bigint): bigint => mulCeil(PERBILL, parts, n),
  ONE: PERBILL.accuracy,
};
