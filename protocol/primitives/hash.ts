// blake2b-256, the chain's hash. The WASM implementation in @polkadot/util-crypto is ~15x faster than the pure-JS
// one (measured here: 435 vs 29 MB/s) and gives identical bytes; until its WASM is initialised, blake2AsU8a
// falls back to the JS implementation, so results never depend on initialisation timing — only speed does.

import { blake2b as blake2bJs } from '@noble/hashes/blake2b';
import { blake2AsU8a, cryptoIsReady, cryptoWaitReady } from '@polkadot/util-crypto';
import { BLAKE2_SMALL_WASM, SMALL_HASH_INPUT_BYTES_MAX, blake2_256Into as smallInto, blake2_256Small } from './blake2-small.js';

let ready: Promise<void> | null = null;

/** Start (once) and await the WASM initialisation; runners call it before simulating. */
export function initFastHashing(): Promise<void> {
  if (ready === null) ready = cryptoWaitReady().then(() => undefined, () => undefined);
  return ready;
}
// Start early so even callers that never await get the fast path after the first tick of the event loop.
void initFastHashing();

/** An empty key passed explicitly: without one, blake2AsU8a converts `undefined` into a new empty Uint8Array on
 * every call (~0.4 µs, as much as hashing a small storage value). Same bytes: the WASM hasher gets an empty key
 * either way; before the WASM is ready the JS hasher runs unkeyed, as blake2AsU8a does without a key. */
const NO_KEY = new Uint8Array(0);

/**
 * Largest input given to the WASM hasher. Each call copies its input into the WASM heap; a heap that has only held
 * smaller inputs grows by the whole input whenever a larger one comes (the freed blocks can't be merged to fit), so
 * a state root that grows a little every day leaked about its own size per day (2 GB by day 73 with 100k agents).
 * The first large input therefore reserves one block of this size, which every later input up to it reuses; larger
 * inputs (the state root streams them past this size anyway) take the JS hasher.
 */
export const WASM_HASH_INPUT_BYTES_MAX = 32 << 20;
const LARGE_INPUT_BYTES = 1 << 20;
let wasmHeapReserved = false;

/** Short inputs (every storage value, account id, CID) go to the allocation-free WebAssembly hasher of
 * blake2-small.ts (~0.3 µs against ~1 µs through @polkadot's bindings); longer ones to @polkadot's WASM or JS. */
export function blake2_256(data: Uint8Array): Uint8Array {
  if (BLAKE2_SMALL_WASM && data.length <= SMALL_HASH_INPUT_BYTES_MAX) return blake2_256Small(data);
  if (!cryptoIsReady() || data.length > WASM_HASH_INPUT_BYTES_MAX) return blake2bJs(data, { dkLen: 32 });
  if (data.length > LARGE_INPUT_BYTES && !wasmHeapReserved) {
    wasmHeapReserved = true;
    blake2AsU8a(new Uint8Array(WASM_HASH_INPUT_BYTES_MAX), 256, NO_KEY);
  }
  return blake2AsU8a(data, 256, NO_KEY);
}

/** blake2-256 of src[off, off + len) written into dst at dstOff (dst may be src; no allocation for short inputs). */
export function blake2_256Range(src: Uint8Array, off: number, len: number, dst: Uint8Array, dstOff: number): void {
  if (BLAKE2_SMALL_WASM && len <= SMALL_HASH_INPUT_BYTES_MAX) { smallInto(src, off, len, dst, dstOff); return; }
  dst.set(blake2_256(src.subarray(off, off + len)), dstOff);
}
