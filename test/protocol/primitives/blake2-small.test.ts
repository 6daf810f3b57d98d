// The generated WebAssembly blake2b-256 against @noble/hashes' reference: every length across several blocks (the
// block boundaries 0, 128, 256 included), random inputs at random offsets, and a digest written over its own input.
import { blake2b } from '@noble/hashes/blake2b';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLAKE2_SMALL_WASM, blake2_256Into, blake2_256Small, SMALL_HASH_INPUT_BYTES_MAX } from '../../../protocol/primitives/blake2-small.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ref = (b: Uint8Array): string => hex(blake2b(b, { dkLen: 32 }));

describe('blake2_256Small == blake2b-256', () => {
  it('the published empty-input digest, and every length up to 5 blocks', () => {
    expect(BLAKE2_SMALL_WASM).toBe(true); // the generated module compiled (else the JS fallback would hide it)
    expect(hex(blake2_256Small(new Uint8Array(0)))).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    for (let n = 0; n <= 5 * 128 + 1; n++) {
      const d = new Uint8Array(n).map((_, i) => (i * 131 + n * 7) & 0xff);
      expect(hex(blake2_256Small(d))).toBe(ref(d));
    }
  });
  it('random inputs at random offsets, after longer inputs left bytes behind (padding is cleared)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 300 }), fc.nat({ max: 40 }), (long, d, off) => {
      blake2_256Small(long.map((x) => x ^ 0xa5)); // dirty the WASM memory past the next input
      const src = new Uint8Array(off + d.length + 5).fill(0x77);
      src.set(d, off);
      const out = new Uint8Array(40).fill(0xee);
      blake2_256Into(src, off, d.length, out, 3);
      expect(hex(out.subarray(3, 35))).toBe(ref(d));
      expect([...out.subarray(0, 3), ...out.subarray(35)].every((x) => x === 0xee)).toBe(true);
    }), { numRuns: 400 });
  });
  it('any sequence of input lengths (longer inputs leave bytes that a later one must not read)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 1200 }), { minLength: 2, maxLength: 8 }), (inputs) => {
      for (const d of inputs) expect(hex(blake2_256Small(d))).toBe(ref(d));
    }), { numRuns: 300 });
    for (const lens of [[3000, 10, 300], [129, 0, 128], [256, 1, 200, 255]]) {
      for (const n of lens) { const d = new Uint8Array(n).map((_, i) => (i * 29 + n) & 0xff); expect(hex(blake2_256Small(d))).toBe(ref(d)); }
    }
  });
  it('the digest may overwrite its own input; the largest accepted input; a longer one is refused', () => {
    const buf = new Uint8Array(100).map((_, i) => i);
    const expected = ref(buf.slice(2, 98));
    blake2_256Into(buf, 2, 96, buf, 1);
    expect(hex(buf.subarray(1, 33))).toBe(expected);
    const max = new Uint8Array(SMALL_HASH_INPUT_BYTES_MAX).map((_, i) => (i * 13) & 0xff);
    expect(hex(blake2_256Small(max))).toBe(ref(max));
    expect(() => blake2_256Small(new Uint8Array(SMALL_HASH_INPUT_BYTES_MAX + 1))).toThrow(/blake2-small/);
  });
});
