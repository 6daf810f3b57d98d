// Fast hand-written SCALE encoders for hot storage values. Each one is proven byte-identical to
// `registry.createType(<type>, value).toU8a()` in test/protocol/types (fast-check, many random values).
// AccountId32 = blake2-256 of the UTF-8 bytes of the lab's string account id ("validator/12", "treasury"):
// a deterministic stand-in for a public key, stable across runs and platforms.

import { blake2b } from '@noble/hashes/blake2b';
import type { Codec } from '../primitives/storage.js';
import type { AccountId, Planck } from '../primitives/units.js';
import { U128_MAX } from '../primitives/units.js';
import { assert } from '../primitives/dispatch.js';

const utf8 = new TextEncoder();

const ACCOUNT_CACHE_MAX = 1_000_000;
const accountCache = new Map<AccountId, Uint8Array>();

/** AccountId32 bytes of a lab account id (cached: ids repeat constantly). Callers must not mutate the result. */
export function accountId32(id: AccountId): Uint8Array {
  let b = accountCache.get(id);
  if (b === undefined) {
    b = blake2b(utf8.encode(id), { dkLen: 32 });
    if (accountCache.size >= ACCOUNT_CACHE_MAX) accountCache.clear(); // bounded; recomputation is exact
    accountCache.set(id, b);
  }
  return b;
}

/** Write `v` as little-endian unsigned of `bytes` bytes at `off`. */
export function writeUintLE(out: Uint8Array, off: number, v: bigint, bytes: number): void {
  assert(v >= 0n && v < (1n << BigInt(bytes * 8)), `uint${bytes * 8} out of range: ${v}`);
  // 32 bits at a time: far fewer bigint ops than byte-wise shifting.
  let x = v;
  for (let i = 0; i < bytes; i += 4) {
    const w = Number(x & 0xffffffffn);
    out[off + i] = w & 0xff; out[off + i + 1] = (w >>> 8) & 0xff;
    out[off + i + 2] = (w >>> 16) & 0xff; out[off + i + 3] = (w >>> 24) & 0xff;
    x >>= 32n;
  }
}

export function encodeU128(v: Planck): Uint8Array {
  assert(v <= U128_MAX, 'u128 overflow');
  const out = new Uint8Array(16);
  writeUintLE(out, 0, v, 16);
  return out;
}

export function encodeU64(v: bigint): Uint8Array { const o = new Uint8Array(8); writeUintLE(o, 0, v, 8); return o; }

export function encodeU32(v: number): Uint8Array {
  assert(Number.isInteger(v) && v >= 0 && v <= 0xffffffff, `u32 out of range: ${v}`);
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

/** SCALE Compact<u*> for any non-negative bigint. */
export function encodeCompact(v: bigint): Uint8Array {
  assert(v >= 0n, 'compact: negative');
  if (v < 1n << 6n) return Uint8Array.of(Number(v) << 2);
  if (v < 1n << 14n) { const n = (Number(v) << 2) | 1; return Uint8Array.of(n & 0xff, n >> 8); }
  if (v < 1n << 30n) { const n = Number(v) * 4 + 2; return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff); }
  let bytes = 0; for (let x = v; x > 0n; x >>= 8n) bytes++;
  bytes = Math.max(bytes, 4);
  const out = new Uint8Array(1 + bytes);
  out[0] = ((bytes - 4) << 2) | 3;
  let x = v; for (let i = 0; i < bytes; i++) { out[1 + i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

export function encodeText(s: string): Uint8Array {
  const b = utf8.encode(s);
  return concat([encodeCompact(BigInt(b.length)), b]);
}

export function encodeBool(b: boolean): Uint8Array { return Uint8Array.of(b ? 1 : 0); }

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0; for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0; for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Vec<T>: Compact(len) ‖ items. */
export function encodeVec<T>(items: readonly T[], enc: (t: T) => Uint8Array): Uint8Array {
  return concat([encodeCompact(BigInt(items.length)), ...items.map(enc)]);
}

export const u128Codec: Codec<Planck> = { encode: encodeU128 };
export const u64Codec: Codec<bigint> = { encode: encodeU64 };
export const u32Codec: Codec<number> = { encode: encodeU32 };
export const boolCodec: Codec<boolean> = { encode: encodeBool };
export const textCodec: Codec<string> = { encode: encodeText };
export const accountIdCodec: Codec<AccountId> = { encode: (id) => accountId32(id).slice() };

/** Codec over a JSON-able plain value via a typed encoder; helper to build codecs from functions. */
export function codec<T>(encode: (v: T) => Uint8Array): Codec<T> { return { encode }; }
