// blake2_256 (WASM with an explicit empty key once initialised) == the reference JS blake2b-256, unkeyed.
import { blake2b } from '@noble/hashes/blake2b';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blake2_256, initFastHashing } from '../../../protocol/primitives/hash.js';

describe('blake2_256', () => {
  it('equals unkeyed blake2b-256 on random inputs, including the empty one', async () => {
    await initFastHashing();
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(blake2_256(new Uint8Array(0)))).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (d) => { expect(hex(blake2_256(d))).toBe(hex(blake2b(d, { dkLen: 32 }))); }), { numRuns: 500 });
  });
});
