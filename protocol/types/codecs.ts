// Fast hand-written SCALE encoders for hot storage values. Each one is proven byte-identical to
// `registry.createType(<type>, value).toU8a()` in test/protocol/types (fast-check, many random values).
// AccountId32 = blake2-256 of the UTF-8 bytes of the lab's string account id ("validator/12", "treasury"):
// a deterministic stand-in for a public key, stable across runs and platforms.

import { blake2_256 } from '../primitives/hash.js';
import { internKey, lenPrefix, type ByteSink, type Codec } from '../primitives/storage.js';
import type { AccountId, Planck } from '../primitives/units.js';
import { U128_MAX } from '../primitives/units.js';
import { assert, InvariantError } from '../primitives/dispatch.js';

const utf8 = new TextEncoder();

const ACCOUNT_CACHE_MAX = 1_000_000;
const accountCache = new Map<AccountId, Uint8Array>();

/** AccountId32 bytes of a lab account id (cached: ids repeat constantly). Callers must not mutate the result. */
export function accountId32(id: AccountId): Uint8Array {
  let b = accountCache.get(id);
  if (b === undefined) {
    const u = utf8.encode(id);
    b = blake2_256(u);
    if (accountCache.size >= ACCOUNT_CACHE_MAX) accountCache.clear(); // bounded; recomputation is exact
    accountCache.set(internKey(id), b); // the canonical id object: lookups with storage's keys compare pointers
  }
  return b;
}

/** Exclusive upper bounds of the unsigned widths the chain uses (computed once, not per call). */
const UINT_LIMITS: Record<number, bigint> = { 1: 1n << 8n, 2: 1n << 16n, 4: 1n << 32n, 8: 1n << 64n, 16: 1n << 128n, 32: 1n << 256n };
const U128_LIMIT = 1n << 128n;
const uintLimit = (bytes: number): bigint => (bytes === 16 ? U128_LIMIT : UINT_LIMITS[bytes] ?? (1n << BigInt(bytes * 8)));

/** Write `v` as little-endian unsigned of `bytes` bytes at `off`. */
export function writeUintLE(out: Uint8Array, off: number, v: bigint, bytes: number): void {
  if (!(v >= 0n && v < uintLimit(bytes))) throw new InvariantError(`uint${bytes * 8} out of range: ${v}`);
  if (v <= SAFE_MAX) {
    if (bytes === 4 || bytes >= 8) writeSafeLE(out, off, Number(v), bytes); else writeSmallLE(out, off, Number(v), bytes);
    return;
  }
  // 64 bits at a time through a DataView (explicitly little-endian): no string, one shift per further word
  // (~4x faster than the hex-string route for a u128 balance).
  for (let k = 0; k < bytes; k += 8) {
    WORD.setBigUint64(0, v, true); // ToBigUint64: the low 64 bits
    const n = bytes - k < 8 ? bytes - k : 8;
    for (let i = 0; i < n; i++) out[off + k + i] = WORD_BYTES[i]!;
    if (k + 8 < bytes) v >>= 64n;
  }
}
const WORD_BYTES = new Uint8Array(8);
const WORD = new DataView(WORD_BYTES.buffer);

/** Little-endian bytes of a safe integer 0 <= n < 2^(8·bytes), byte by byte (widths other than 4 and 8+). */
function writeSmallLE(out: Uint8Array, off: number, n: number, bytes: number): void {
  for (let i = 0; i < bytes; i++) { const b = n % 256; out[off + i] = b; n = (n - b) / 256; }
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Little-endian bytes of a safe non-negative integer `n` (< 2^53) into `bytes` bytes, zero-padded: no bigint op. */
function writeSafeLE(out: Uint8Array, off: number, n: number, bytes: number): void {
  const lo = n % 0x1_0000_0000, hi = (n - lo) / 0x1_0000_0000;
  out[off] = lo & 0xff; out[off + 1] = (lo >>> 8) & 0xff; out[off + 2] = (lo >>> 16) & 0xff; out[off + 3] = (lo >>> 24) & 0xff;
  if (bytes <= 4) return; // callers check the range first, so hi is 0 here
  out[off + 4] = hi & 0xff; out[off + 5] = (hi >>> 8) & 0xff; out[off + 6] = (hi >>> 16) & 0xff; out[off + 7] = (hi >>> 24) & 0xff;
  out.fill(0, off + 8, off + bytes);
}

export function encodeU128(v: Planck): Uint8Array {
  assert(v <= U128_MAX, 'u128 overflow');
  const out = new Uint8Array(16);
  writeUintLE(out, 0, v, 16);
  return out;
}

export function encodeU64(v: bigint): Uint8Array { const o = new Uint8Array(8); writeUintLE(o, 0, v, 8); return o; }

export function encodeU32(v: number): Uint8Array {
  if (!(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) throw new InvariantError(`u32 out of range: ${v}`);
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
}

const C30 = 1n << 30n;

/** SCALE Compact<u*> for any non-negative bigint. */
export function encodeCompact(v: bigint): Uint8Array {
  assert(v >= 0n, 'compact: negative');
  if (v < C30) return lenPrefix(Number(v));
  return encodeCompactBig(v);
}

/** Compact of a non-negative safe integer (lengths, counts, eras) without a bigint round trip. */
export function encodeCompactNumber(n: number): Uint8Array {
  assert(Number.isSafeInteger(n) && n >= 0, 'compact: not a non-negative safe integer');
  return n < 0x4000_0000 ? lenPrefix(n) : encodeCompactBig(BigInt(n));
}

/** Big-integer mode (v >= 2^30): 0b11 tag with (byte count − 4), then the minimal little-endian bytes (at least 4). */
function encodeCompactBig(v: bigint): Uint8Array {
  const len = compactBigLE(v);
  const out = new Uint8Array(1 + (len < 4 ? 4 : len));
  writeCompactBig(out, 0, len);
  return out;
}
/** The minimal little-endian bytes of v (> 0) into SCRATCH; returns their count. */
function compactBigLE(v: bigint): number {
  const le = SCRATCH;
  let len = 0;
  if (v <= SAFE_MAX) {
    let n = Number(v);
    while (n > 0) { const b = n % 256; le[len++] = b; n = (n - b) / 256; }
  } else {
    for (let x = v; x > 0n; x >>= 64n) { // 64-bit words, then drop the top word's zero bytes (minimal length)
      WORD.setBigUint64(0, x, true);
      for (let i = 0; i < 8; i++) le[len + i] = WORD_BYTES[i]!;
      len += 8;
    }
    while (len > 0 && le[len - 1] === 0) len--;
  }
  return len;
}
/** Tag and SCRATCH's `len` bytes, zero-padded to 4, at out[o..] (which need not be zeroed). */
function writeCompactBig(out: Uint8Array, o: number, len: number): void {
  const bytes = len < 4 ? 4 : len;
  out[o] = ((bytes - 4) << 2) | 3;
  for (let i = 0; i < len; i++) out[o + 1 + i] = SCRATCH[i]!;
  for (let i = len; i < bytes; i++) out[o + 1 + i] = 0;
}
const SCRATCH = new Uint8Array(80); // Compact holds at most 67 bytes

const textCache = new Map<string, Uint8Array>();
const TEXT_CACHE_MAX = 4096;

/** Text: Compact(len) ‖ UTF-8. Short strings (hold and freeze ids, names) repeat constantly: cached. Callers must
 * not mutate the result. */
export function encodeText(s: string): Uint8Array {
  let out = textCache.get(s);
  if (out !== undefined) return out;
  const b = utf8.encode(s);
  out = concat([encodeCompactNumber(b.length), b]);
  if (s.length <= 64) {
    if (textCache.size >= TEXT_CACHE_MAX) textCache.clear(); // bounded; recomputation is exact
    textCache.set(s, out);
  }
  return out;
}

export function encodeBool(b: boolean): Uint8Array { return Uint8Array.of(b ? 1 : 0); }

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (let i = 0; i < parts.length; i++) n += parts[i]!.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (let i = 0; i < parts.length; i++) { const p = parts[i]!; out.set(p, o); o += p.length; }
  return out;
}

/** Vec<T>: Compact(len) ‖ items (one allocation for the result, no intermediate spread arrays). */
export function encodeVec<T>(items: readonly T[], enc: (t: T) => Uint8Array): Uint8Array {
  const n = items.length;
  const prefix = encodeCompactNumber(n);
  if (n === 0) return prefix;
  const parts = new Array<Uint8Array>(n);
  let total = prefix.length;
  for (let i = 0; i < n; i++) { const p = enc(items[i]!); parts[i] = p; total += p.length; }
  const out = new Uint8Array(total);
  out.set(prefix, 0);
  let o = prefix.length;
  for (let i = 0; i < n; i++) { const p = parts[i]!; if (p.length === 1) out[o] = p[0]!; else out.set(p, o); o += p.length; }
  return out;
}

// ---- writers into a ByteSink (the state root's scratch buffer): same bytes as the encoders above, no allocation.

export function putBytes(sink: ByteSink, b: Uint8Array): void {
  const o = sink.reserve(b.length);
  const d = sink.buf;
  if (b.length <= 64) for (let i = 0; i < b.length; i++) d[o + i] = b[i]!;
  else d.set(b, o);
}
export function putUintLE(sink: ByteSink, v: bigint, bytes: number): void {
  const o = sink.reserve(bytes);
  writeUintLE(sink.buf, o, v, bytes);
}
export function putCompactNumber(sink: ByteSink, n: number): void {
  if (Number.isInteger(n) && n >= 0 && n < 0x4000_0000) putCompactSmall(sink, n);
  else putBytes(sink, encodeCompactNumber(n));
}

/** Compact<u*> of a bigint into the sink: encodeCompact's bytes without allocating for values below 2^30. */
export function putCompact(sink: ByteSink, v: bigint): void {
  if (v >= 0n && v < C30) { putCompactSmall(sink, Number(v)); return; }
  assert(v >= 0n, 'compact: negative');
  const len = compactBigLE(v);
  const o = sink.reserve(1 + (len < 4 ? 4 : len));
  writeCompactBig(sink.buf, o, len);
}

/** Compact of 0 <= n < 2^30 (lenPrefix's bytes) written in place; reserve first, since it may replace buf. */
function putCompactSmall(sink: ByteSink, n: number): void {
  if (n < 64) { const o = sink.reserve(1); sink.buf[o] = n << 2; return; }
  if (n < 16384) { const m = (n << 2) | 1; const o = sink.reserve(2); const d = sink.buf; d[o] = m & 0xff; d[o + 1] = m >> 8; return; }
  const m = n * 4 + 2; const o = sink.reserve(4); const d = sink.buf;
  d[o] = m & 0xff; d[o + 1] = (m >>> 8) & 0xff; d[o + 2] = (m >>> 16) & 0xff; d[o + 3] = (m >>> 24) & 0xff;
}

export const u128Codec: Codec<Planck> = { encode: encodeU128 };
export const u64Codec: Codec<bigint> = { encode: encodeU64 };
export const u32Codec: Codec<number> = { encode: encodeU32 };
export const boolCodec: Codec<boolean> = { encode: encodeBool };
export const textCodec: Codec<string> = { encode: encodeText };
export const accountIdCodec: Codec<AccountId> = { encode: (id) => accountId32(id).slice() };

/** Codec over a JSON-able plain value via a typed encoder; helper to build codecs from functions. */
export function codec<T>(encode: (v: T) => Uint8Array): Codec<T> { return { encode }; }
