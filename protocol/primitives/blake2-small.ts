// blake2b-256 (unkeyed) of short inputs, for the state root's per-entry value hashes (a daily root hashes ~20k
// values of 33-200 bytes). The @polkadot WASM hasher costs ~1 µs per call whatever the size (three heap
// allocations and copies through its bindings), the pure-JS one ~4.6 µs; this one is a small WebAssembly function
// generated below (RFC 7693 compression with the 12 rounds unrolled over i64 locals), called with no allocation:
// the input is copied into its memory and the digest read back, ~0.15 µs for one block. Same bytes as every other
// blake2b-256 (tested against @noble/hashes on all lengths up to several blocks and at the block boundaries).

import { blake2b } from '@noble/hashes/blake2b';

/** Inputs up to this many bytes go through this hasher; callers hash longer ones elsewhere. */
export const SMALL_HASH_INPUT_BYTES_MAX = 64 * 1024 - 256;

const IN = 256;          // input offset in the WASM memory; the digest is written at 0..32
const BLOCK = 128;

const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

// ---- a minimal WebAssembly emitter (only what the function below needs)
const uleb = (n: number): number[] => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n !== 0) b |= 0x80; o.push(b); } while (n !== 0); return o; };
function sleb64(v: bigint): number[] {
  let x = BigInt.asIntN(64, v);
  const o: number[] = [];
  for (;;) {
    const b = Number(x & 0x7fn);
    x >>= 7n;
    if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) { o.push(b); return o; }
    o.push(b | 0x80);
  }
}
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const str = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

const OP = {
  get: 0x20, set: 0x21, i64const: 0x42, i32const: 0x41, i64add: 0x7c, i64xor: 0x85, i64rotr: 0x8a, i64load: 0x29,
  i64store: 0x37, i32add: 0x6a, i32sub: 0x6b, i32gtu: 0x4b, i64extendu: 0xad, if: 0x04, else: 0x05, end: 0x0b,
  loop: 0x03, br: 0x0c, void: 0x40,
} as const;

/** The function `hash(len)`: blake2b-256 of memory[IN .. IN+len), zero-padded by the caller to whole blocks. */
function hashFunctionBody(): number[] {
  // locals: 0 len (param), 1 p, 2 rem (i32); 3 t, 4 f, 5..12 h, 13..28 v, 29..44 m (i64)
  const P = 1, REM = 2, T = 3, F = 4, H = 5, V = 13, M = 29;
  const c: number[] = [];
  const get = (i: number) => c.push(OP.get, ...uleb(i));
  const set = (i: number) => c.push(OP.set, ...uleb(i));
  const k64 = (v: bigint) => c.push(OP.i64const, ...sleb64(v));
  const k32 = (v: number) => c.push(OP.i32const, ...sleb64(BigInt(v)));
  for (let i = 0; i < 8; i++) { k64(i === 0 ? IV[0]! ^ 0x01010020n : IV[i]!); set(H + i); } // digest length 32, no key
  k64(0n); set(T);
  k32(IN); set(P);
  get(0); set(REM);
  c.push(OP.loop, OP.void);
  // this block: full and more follow (t += 128, f = 0), or the last (t += rem, f = ~0)
  get(REM); k32(BLOCK); c.push(OP.i32gtu, OP.if, OP.void);
  get(T); k64(BigInt(BLOCK)); c.push(OP.i64add); set(T); k64(0n); set(F);
  c.push(OP.else);
  get(T); get(REM); c.push(OP.i64extendu, OP.i64add); set(T); k64(-1n); set(F);
  c.push(OP.end);
  for (let i = 0; i < 16; i++) { get(P); c.push(OP.i64load, 3, ...uleb(8 * i)); set(M + i); }
  for (let i = 0; i < 8; i++) { get(H + i); set(V + i); }
  for (let i = 0; i < 8; i++) {
    k64(IV[i]!);
    if (i === 4) { get(T); c.push(OP.i64xor); }
    if (i === 6) { get(F); c.push(OP.i64xor); }
    set(V + 8 + i);
  }
  const g = (a: number, b: number, cc: number, d: number, x: number, y: number) => {
    const rot = (dst: number, src: number, r: number) => { get(V + dst); get(V + src); c.push(OP.i64xor); k64(BigInt(r)); c.push(OP.i64rotr); set(V + dst); };
    const add3 = (m: number) => { get(V + a); get(V + b); c.push(OP.i64add); get(M + m); c.push(OP.i64add); set(V + a); };
    const add2 = () => { get(V + cc); get(V + d); c.push(OP.i64add); set(V + cc); };
    add3(x); rot(d, a, 32); add2(); rot(b, cc, 24);
    add3(y); rot(d, a, 16); add2(); rot(b, cc, 63);
  };
  for (let r = 0; r < 12; r++) {
    const s = SIGMA[r % 10]!;
    g(0, 4, 8, 12, s[0]!, s[1]!); g(1, 5, 9, 13, s[2]!, s[3]!); g(2, 6, 10, 14, s[4]!, s[5]!); g(3, 7, 11, 15, s[6]!, s[7]!);
    g(0, 5, 10, 15, s[8]!, s[9]!); g(1, 6, 11, 12, s[10]!, s[11]!); g(2, 7, 8, 13, s[12]!, s[13]!); g(3, 4, 9, 14, s[14]!, s[15]!);
  }
  for (let i = 0; i < 8; i++) { get(H + i); get(V + i); c.push(OP.i64xor); get(V + 8 + i); c.push(OP.i64xor); set(H + i); }
  // more blocks: advance and loop
  get(REM); k32(BLOCK); c.push(OP.i32gtu, OP.if, OP.void);
  get(P); k32(BLOCK); c.push(OP.i32add); set(P);
  get(REM); k32(BLOCK); c.push(OP.i32sub); set(REM);
  c.push(OP.br, 1, OP.end); // br 1: the loop (0 is the if)
  c.push(OP.end); // loop
  for (let i = 0; i < 4; i++) { k32(0); get(H + i); c.push(OP.i64store, 3, ...uleb(8 * i)); }
  c.push(OP.end);
  const locals = vec([[...uleb(2), 0x7f], [...uleb(2 + 8 + 16 + 16), 0x7e]]);
  const body = [...locals, ...c];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array {
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 1, 0x7f, 0]])),                  // type 0: (i32) -> ()
    ...section(3, vec([[0]])),                                  // function 0: type 0
    ...section(5, vec([[0x00, 1]])),                            // memory 0: 1 page (64 KiB)
    ...section(7, vec([[...str('mem'), 0x02, 0], [...str('hash'), 0x00, 0]])),
    ...section(10, vec([hashFunctionBody()])),
  ];
  return Uint8Array.from(bytes);
}

/** The part of the WebAssembly JS API used here (the project's `lib` has no WebAssembly declarations). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { hash: (len: number) => void; mem: { buffer: ArrayBuffer } } };
}
/** The instance, or null where synchronous compilation is refused (a browser's main thread caps it at 4 KiB):
 * then the JS hasher gives the same bytes, slower. */
function instantiate(): { hash: (len: number) => void; mem: Uint8Array } | null {
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(moduleBytes()), {});
    return { hash: instance.exports.hash, mem: new Uint8Array(instance.exports.mem.buffer) }; // never grown: stays valid
  } catch {
    return null;
  }
}
const compiled = instantiate();
/** Whether the WebAssembly function is in use (always under Node; tests check it, so a bad module can't hide). */
export const BLAKE2_SMALL_WASM = compiled !== null;
const wasmHash = compiled?.hash ?? ((): void => { throw new Error('blake2-small: no WebAssembly'); });
const mem = compiled?.mem ?? new Uint8Array(0);
/** Input bytes at or past this offset are zero (the memory starts zeroed). */
let dirtyEnd = IN;

/** blake2b-256 of src[off, off + len) written into dst[dstOff, dstOff + 32) (dst may be src). len <= the bound. */
export function blake2_256Into(src: Uint8Array, off: number, len: number, dst: Uint8Array, dstOff: number): void {
  if (!(len >= 0 && len <= SMALL_HASH_INPUT_BYTES_MAX)) throw new RangeError(`blake2-small: input of ${len} bytes`);
  if (compiled === null) { dst.set(blake2b(src.subarray(off, off + len), { dkLen: 32 }), dstOff); return; }
  if (len <= 64) for (let i = 0; i < len; i++) mem[IN + i] = src[off + i]!;
  else mem.set(src.subarray(off, off + len), IN);
  // Zero the padding up to the whole block, but only where an earlier input may have left bytes (dirtyEnd): a run
  // of same-sized inputs (every account of a root) clears nothing.
  const end = IN + len, padEnd = IN + (len === 0 ? BLOCK : Math.ceil(len / BLOCK) * BLOCK);
  const clearTo = dirtyEnd < padEnd ? dirtyEnd : padEnd;
  if (clearTo - end > 64) mem.fill(0, end, clearTo); else for (let i = end; i < clearTo; i++) mem[i] = 0;
  if (dirtyEnd <= padEnd) dirtyEnd = end; // else bytes past this input's blocks stay as they were (not read)
  wasmHash(len);
  for (let i = 0; i < 32; i++) dst[dstOff + i] = mem[i]!;
}

/** blake2b-256 of a short input as a new array. */
export function blake2_256Small(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  blake2_256Into(data, 0, data.length, out, 0);
  return out;
}
