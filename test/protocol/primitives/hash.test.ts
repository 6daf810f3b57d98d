// blake2_256 (WASM with an explicit empty key once initialised) == the reference JS blake2b-256, unkeyed.
import { blake2b } from '@noble/hashes/blake2b';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blake2_256, initFastHashing, WASM_HASH_INPUT_BYTES_MAX } from '../../../protocol/primitives/hash.js';

describe('blake2_256', () => {
  it('equals unkeyed blake2b-256 on random inputs, including the empty one', async () => {
    await initFastHashing();
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(blake2_256(new Uint8Array(0)))).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (d) => { expect(hex(blake2_256(d))).toBe(hex(blake2b(d, { dkLen: 32 }))); }), { numRuns: 500 });
  });

  it('large inputs: same bytes as the reference, on both sides of the WASM input bound', async () => {
    await initFastHashing();
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    const big = new Uint8Array(WASM_HASH_INPUT_BYTES_MAX + 1);
    for (let i = 0; i < big.length; i += 4093) big[i] = i & 0xff;
    for (const n of [(1 << 20) + 1, WASM_HASH_INPUT_BYTES_MAX, WASM_HASH_INPUT_BYTES_MAX + 1]) {
      expect(hex(blake2_256(big.subarray(0, n)))).toBe(hex(blake2b(big.subarray(0, n), { dkLen: 32 })));
    }
  });

  it('growing large inputs do not grow the WASM heap (one reserved block is reused)', async () => {
    await initFastHashing();
    const big = new Uint8Array(24 << 20);
    blake2_256(big.subarray(0, 2 << 20));
    const before = process.memoryUsage().external;
    // Without the reserve, each larger input left its predecessor's block behind: ~250 MiB for these sizes.
    for (let mib = 3; mib <= 24; mib += 1) blake2_256(big.subarray(0, mib << 20));
    expect(process.memoryUsage().external - before).toBeLessThan(16 << 20);
  });
});
