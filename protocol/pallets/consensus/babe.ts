// BABE block production, pure logic (SUBSTRATE.md §4.1; substrate/client/consensus/babe/src/authorship.rs).
// Every authority weighs 1 (pallet_babe), so theta = 1/N and each validator is a primary slot leader with
// p = 1 - (1 - c)^(1/N) independently; a secondary author is chosen every slot by blake2(randomness, slot) mod N.
// The VRF is simulated: its output is the first 16 bytes of blake2b-512(epoch randomness || slot || validator index)
// (node:crypto's native BLAKE2b, deterministic and ~2x faster than a JS one on the 720k draws of a 100-validator day),
// read as a little-endian u128 and compared with floor(2^128 * p) — computed once per (c, N) in exact bigint.
import { createHash } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2b';
import { assert } from '../../primitives/dispatch.js';
import { iroot } from './iroot.js';

export const U128_ONE = 1n << 128n;

/** A rational c = num/den in (0, 1]: the chance that a slot has at least one primary leader. */
export interface Rational { readonly num: bigint; readonly den: bigint }

/**
 * floor(2^128 * (1 - (1 - c)^(1/n))), exactly.
 * Let X = (den - num) * 2^(128 n) / den (real). 2^128 (1-c)^(1/n) = X^(1/n), and floor(X^(1/n)) = iroot(floor(X), n).
 * floor(2^128 - y) = 2^128 - ceil(y); ceil(y) = r when y = r is an exact integer, r + 1 otherwise.
 * (Substrate computes the same quantity through f64 and a u128 rational; this is the exact value it approximates.)
 */
export function primaryThreshold(c: Rational, n: number): bigint {
  assert(c.den > 0n && c.num > 0n && c.num <= c.den, 'primaryThreshold: c must be in (0, 1]');
  assert(Number.isInteger(n) && n >= 1, 'primaryThreshold: authority count must be >= 1');
  if (c.num === c.den) return U128_ONE; // everyone always wins (threshold above every u128)
  const scale = 1n << (128n * BigInt(n));
  const numer = (c.den - c.num) * scale;
  const X = numer / c.den;
  const exactX = numer % c.den === 0n;
  const r = iroot(X, n);
  const exact = exactX && r ** BigInt(n) === X;
  return U128_ONE - (exact ? r : r + 1n);
}

const thresholdCache = new Map<string, bigint>();
/** Memoised primaryThreshold: a validator-set change recomputes once per (c, N). */
export function primaryThresholdCached(c: Rational, n: number): bigint {
  const key = `${c.num}/${c.den}/${n}`;
  let t = thresholdCache.get(key);
  if (t === undefined) { t = primaryThreshold(c, n); thresholdCache.set(key, t); }
  return t;
}

function u64le(x: number, out: Uint8Array, at: number): void {
  assert(Number.isSafeInteger(x) && x >= 0, 'u64le: not a non-negative safe integer');
  let v = x;
  for (let i = 0; i < 8; i++) { out[at + i] = v % 256; v = Math.floor(v / 256); }
}

function leToBigint(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

const vrfMsg = Buffer.alloc(32 + 8 + 4);

/** The simulated VRF output for (randomness, slot, validator index): a u128. */
export function vrfOutput(randomness: Uint8Array, slot: number, validatorIndex: number): bigint {
  assert(randomness.length === 32, 'vrfOutput: randomness must be 32 bytes');
  assert(Number.isInteger(validatorIndex) && validatorIndex >= 0 && validatorIndex < 2 ** 32, 'vrfOutput: bad validator index');
  vrfMsg.set(randomness, 0);
  u64le(slot, vrfMsg, 32);
  vrfMsg.writeUInt32LE(validatorIndex, 40);
  const d = createHash('blake2b512').update(vrfMsg).digest();
  return (d.readBigUInt64LE(8) << 64n) | d.readBigUInt64LE(0);
}

export function isPrimaryLeader(randomness: Uint8Array, slot: number, validatorIndex: number, threshold: bigint): boolean {
  return vrfOutput(randomness, slot, validatorIndex) < threshold;
}

/** Secondary slot author index: U256(blake2_256(randomness || slot)) mod N (SCALE: [u8;32] then u64 LE). */
export function secondaryAuthorIndex(randomness: Uint8Array, slot: number, n: number): number {
  assert(Number.isInteger(n) && n >= 1, 'secondaryAuthorIndex: authority count must be >= 1');
  const msg = new Uint8Array(40);
  msg.set(randomness, 0);
  u64le(slot, msg, 32);
  return Number(leToBigint(blake2b(msg, { dkLen: 32 })) % BigInt(n));
}

/**
 * Randomness of epoch e. Simplification (documented): Substrate mixes the VRF outputs of epoch e-2 into the
 * randomness of epoch e; here it is blake2(genesisRandomness || e), so every node agrees on it without
 * replaying forks, and the lottery is still fresh per epoch. Lottery statistics are unchanged.
 */
export function epochRandomness(genesisRandomness: Uint8Array, epoch: number): Uint8Array {
  assert(genesisRandomness.length === 32, 'epochRandomness: genesis randomness must be 32 bytes');
  const msg = new Uint8Array(40);
  msg.set(genesisRandomness, 0);
  u64le(epoch, msg, 32);
  return blake2b(msg, { dkLen: 32 });
}

/** Primary winners of a slot among validator indices [0, n), in index order. */
export function primaryWinners(randomness: Uint8Array, slot: number, n: number, threshold: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (vrfOutput(randomness, slot, i) < threshold) out.push(i);
  return out;
}
