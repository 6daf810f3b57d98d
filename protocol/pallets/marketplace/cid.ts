// Content identifiers for call bodies (BALANCEAI.md §1: the Wrapper stores request/response bodies in IPFS).
// CIDv1 = <version 1><codec><multihash>, built with `multiformats`; the digests come from @noble/hashes so the whole
// path is synchronous and pure. Codecs: raw (0x55) for opaque bytes, dag-json (0x0129) for structured records.
// Hashes: sha2-256 (0x12, the IPFS default) or blake2b-256 (0xb220, the chain's hash).

import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from '@noble/hashes/sha2';
import { blake2_256 } from '../../primitives/hash.js';
import { assert } from '../../primitives/dispatch.js';

export const CODEC_RAW = 0x55;
export const CODEC_DAG_JSON = 0x0129;
export const MH_SHA2_256 = 0x12;
export const MH_BLAKE2B_256 = 0xb220;

export type CidCodec = 'raw' | 'dag-json';
export type CidHash = 'sha2-256' | 'blake2b-256';

function digestOf(bytes: Uint8Array, hash: CidHash): Digest.Digest<number, number> {
  return hash === 'sha2-256' ? Digest.create(MH_SHA2_256, sha256(bytes)) : Digest.create(MH_BLAKE2B_256, blake2_256(bytes));
}

/** CIDv1 of bytes under a codec and hash, as a CID object. */
export function cidOf(bytes: Uint8Array, codec: CidCodec, hash: CidHash): CID {
  return CID.createV1(codec === 'raw' ? CODEC_RAW : CODEC_DAG_JSON, digestOf(bytes, hash));
}

/** The binary prefix (version 1, codec varint, hash code varint, digest length 32) of each codec/hash pair. */
const V1_PREFIX: Record<CidCodec, Record<CidHash, Uint8Array>> = {
  'raw': { 'sha2-256': Uint8Array.of(0x01, 0x55, 0x12, 0x20), 'blake2b-256': Uint8Array.of(0x01, 0x55, 0xa0, 0xe4, 0x02, 0x20) },
  'dag-json': { 'sha2-256': Uint8Array.of(0x01, 0xa9, 0x02, 0x12, 0x20), 'blake2b-256': Uint8Array.of(0x01, 0xa9, 0x02, 0xa0, 0xe4, 0x02, 0x20) },
};

/** cidOf(bytes, codec, hash).bytes without building the CID object (a body stored per consumer per day); tested equal. */
export function cidV1Bytes(bytes: Uint8Array, codec: CidCodec, hash: CidHash): Uint8Array {
  const prefix = V1_PREFIX[codec][hash];
  const digest = hash === 'sha2-256' ? sha256(bytes) : blake2_256(bytes);
  const out = new Uint8Array(prefix.length + 32);
  out.set(prefix, 0);
  out.set(digest, prefix.length);
  return out;
}

/** CIDv1 string (base32 lower, the CIDv1 default multibase, prefix "b"). */
export function cidString(bytes: Uint8Array, codec: CidCodec, hash: CidHash): string {
  return cidOf(bytes, codec, hash).toString();
}

/**
 * The CIDv1 string of a CID's bytes: "b" + RFC 4648 base32 lower case without padding (what CID.toString() gives
 * for v1), written into one buffer instead of a string built per character. Equal to cid.toString() (tested).
 */
export function cidV1Text(cidBytes: Uint8Array): string {
  const out = new Uint8Array(1 + Math.ceil((cidBytes.length * 8) / 5));
  out[0] = 0x62; // "b"
  let o = 1, buffer = 0, bits = 0;
  for (let i = 0; i < cidBytes.length; i++) {
    buffer = ((buffer << 8) | cidBytes[i]!) & 0x1fff;
    bits += 8;
    while (bits >= 5) { bits -= 5; out[o++] = BASE32_CODES[(buffer >> bits) & 31]!; }
  }
  if (bits > 0) out[o++] = BASE32_CODES[(buffer << (5 - bits)) & 31]!;
  return asciiText.decode(out.subarray(0, o));
}
const asciiText = new TextDecoder();

/** Parse and validate a CID string; returns null when it is not a CIDv1 with a known codec and hash. */
export function parseCid(text: string): CID | null {
  let c: CID;
  try { c = CID.parse(text); } catch { return null; }
  if (c.version !== 1) return null;
  if (c.code !== CODEC_RAW && c.code !== CODEC_DAG_JSON) return null;
  if (c.multihash.code !== MH_SHA2_256 && c.multihash.code !== MH_BLAKE2B_256) return null;
  return c;
}

/**
 * parseCid(text) !== null, without building a CID for the canonical strings this lab writes (one check per call on
 * the hot path): base32-lower ("b"), no padding, the exact length of a v1 CID with a known codec and a 32-byte
 * known hash, zero trailing bits. Such a string is exactly what CID.parse accepts and parseCid keeps; any other
 * string takes the full parse, so the answer equals parseCid's on every input (tested against it).
 */
export function isValidCid(text: string): boolean {
  if (typeof text === 'string' && canonicalV1(text)) return true;
  return parseCid(text) !== null;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE32_CODES = new TextEncoder().encode(BASE32);
const BASE32_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE32.length; i++) BASE32_INDEX[BASE32.charCodeAt(i)] = i;
/** Byte lengths of 1 ‖ codec varint ‖ hash code varint ‖ 0x20 ‖ 32-byte digest for the known codecs and hashes. */
const CANONICAL_BYTES = [36, 37, 38, 39];
const canonicalBuf = new Uint8Array(39);

function canonicalV1(text: string): boolean {
  if (text.charCodeAt(0) !== 0x62 /* b */) return false;
  const chars = text.length - 1;
  let bytes = -1;
  for (const n of CANONICAL_BYTES) if (chars === Math.ceil((n * 8) / 5)) bytes = n;
  if (bytes < 0) return false;
  let buffer = 0, bits = 0, w = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? BASE32_INDEX[c]! : -1;
    if (v < 0) return false;
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) { bits -= 8; canonicalBuf[w++] = (buffer >> bits) & 0xff; }
  }
  if (w !== bytes || bits >= 5 || ((buffer << (8 - bits)) & 0xff) !== 0) return false;
  const b = canonicalBuf;
  if (b[0] !== 1) return false;
  let o: number;
  if (b[1] === 0x55) o = 2;                                   // raw
  else if (b[1] === 0xa9 && b[2] === 0x02) o = 3;             // dag-json 0x0129
  else return false;
  if (b[o] === 0x12) o += 1;                                  // sha2-256
  else if (b[o] === 0xa0 && b[o + 1] === 0xe4 && b[o + 2] === 0x02) o += 3; // blake2b-256 0xb220
  else return false;
  return b[o] === 0x20 && o + 1 + 32 === bytes;
}

export type DagJsonValue = null | boolean | string | number | bigint | readonly DagJsonValue[] | { readonly [k: string]: DagJsonValue };

const enc = new TextEncoder();

/**
 * Canonical DAG-JSON bytes of plain data (IPLD DAG-JSON spec): no whitespace, map keys sorted by their UTF-8 bytes,
 * integers only (bigint or safe integer numbers; floats and undefined are rejected so encodings never depend on
 * float formatting).
 */
export function dagJsonEncode(value: DagJsonValue): Uint8Array {
  return enc.encode(dagJsonText(value, 0));
}

const DEPTH_MAX = 64;

function dagJsonText(v: DagJsonValue, depth: number): string {
  assert(depth < DEPTH_MAX, 'dag-json: nesting too deep');
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean': return v ? 'true' : 'false';
    case 'string': return JSON.stringify(v);
    case 'bigint': return v.toString();
    case 'number':
      if (!Number.isSafeInteger(v)) assert(false, `dag-json: only integers are encoded, got ${v}`);
      return String(v);
  }
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i === 0 ? '' : ',') + dagJsonText(v[i] as DagJsonValue, depth + 1);
    return out + ']';
  }
  const o = v as { readonly [k: string]: DagJsonValue };
  const keys = Object.keys(o);
  // Without surrogates the default sort (UTF-16 code units) is UTF-8 byte order: one scan instead of a test per compare.
  if (keys.some((k) => SURROGATE.test(k))) keys.sort(compareUtf8); else keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const x = o[k];
    if (x === undefined) assert(false, `dag-json: undefined value at key ${k}`);
    out += (i === 0 ? '' : ',') + JSON.stringify(k) + ':' + dagJsonText(x, depth + 1);
  }
  return out + '}';
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** UTF-8 byte order. Without surrogates UTF-16 code-unit order equals code-point order equals UTF-8 byte order. */
function compareUtf8(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = enc.encode(a), y = enc.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
