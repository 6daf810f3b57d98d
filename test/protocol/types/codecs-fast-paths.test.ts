// The number/bigint fast paths of the SCALE encoders against straightforward byte-wise reference encoders, with
// values drawn by bit length so every path boundary (2^30, 2^32, 2^53, 2^64, 2^128) is crossed often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, encodeCompact, encodeCompactNumber, encodeVec, putBytes, putCompact, putCompactNumber, putUintLE, writeUintLE } from '../../../protocol/types/codecs.js';
import { encodeAccountData, encodeAccountDataTo, encodeHolds, encodeIdAmountsTo } from '../../../protocol/pallets/balances/codec.js';

/** Reference: SCALE Compact, byte by byte with bigint shifts (the spec's four modes). */
function refCompact(v: bigint): number[] {
  if (v < 64n) return [Number(v) << 2];
  if (v < 16384n) { const n = (Number(v) << 2) | 1; return [n & 0xff, n >> 8]; }
  if (v < 1n << 30n) { const n = Number(v) * 4 + 2; return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]; }
  const le: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) le.push(Number(x & 0xffn));
  while (le.length < 4) le.push(0);
  return [((le.length - 4) << 2) | 3, ...le];
}
function refUintLE(v: bigint, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0, x = v; i < bytes; i++, x >>= 8n) out.push(Number(x & 0xffn));
  return out;
}
const byBits = (maxBits: number) => fc.integer({ min: 0, max: maxBits }).chain((bits) =>
  bits === 0 ? fc.constant(0n) : fc.bigInt(1n << BigInt(bits - 1), (1n << BigInt(bits)) - 1n));

describe('fast SCALE paths == byte-wise reference', () => {
  it('Compact<u128> (and up to 2^536) across all modes', () => {
    fc.assert(fc.property(byBits(536), (v) => { expect([...encodeCompact(v)]).toEqual(refCompact(v)); }), { numRuns: 3000 });
    for (const b of [30, 32, 53, 64, 96, 128]) for (const d of [-1n, 0n, 1n]) {
      const v = (1n << BigInt(b)) + d;
      expect([...encodeCompact(v)]).toEqual(refCompact(v));
    }
  });
  it('encodeCompactNumber == encodeCompact(BigInt(n)) for safe integers', () => {
    fc.assert(fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.constantFrom(0, 63, 64, 16383, 16384, 2 ** 30 - 1, 2 ** 30, 2 ** 32, Number.MAX_SAFE_INTEGER)),
      (n) => { expect([...encodeCompactNumber(n)]).toEqual(refCompact(BigInt(n))); }), { numRuns: 2000 });
  });
  it('writeUintLE writes exactly its bytes at the offset, over a dirty buffer', () => {
    fc.assert(fc.property(fc.constantFrom(4, 8, 16, 32), fc.nat({ max: 7 }), fc.integer({ min: 0, max: 256 }), (bytes, off, bits) => {
      const v = bits === 0 ? 0n : ((1n << BigInt(Math.min(bits, bytes * 8))) - 1n) / 3n;
      const out = new Uint8Array(off + bytes + 3).fill(0xee);
      writeUintLE(out, off, v, bytes);
      expect([...out.subarray(0, off)].every((x) => x === 0xee)).toBe(true);
      expect([...out.subarray(off, off + bytes)]).toEqual(refUintLE(v, bytes));
      expect([...out.subarray(off + bytes)]).toEqual([0xee, 0xee, 0xee]);
    }), { numRuns: 2000 });
    // random values of every bit length up to the width (the safe-integer path below 2^53, 64-bit words above)
    fc.assert(fc.property(fc.constantFrom(1, 2, 3, 4, 7, 8, 12, 16, 32), fc.nat({ max: 9 }), fc.integer({ min: 0, max: 256 }), fc.bigInt(0n, (1n << 256n) - 1n),
      (bytes, off, bits, r) => {
        const v = r & ((1n << BigInt(Math.min(bits, bytes * 8))) - 1n);
        const out = new Uint8Array(off + bytes + 2).fill(0xee);
        writeUintLE(out, off, v, bytes);
        expect([...out]).toEqual([...new Array<number>(off).fill(0xee), ...refUintLE(v, bytes), 0xee, 0xee]);
      }), { numRuns: 4000 });
    expect(() => writeUintLE(new Uint8Array(16), 0, 1n << 128n, 16)).toThrow(/uint128 out of range/);
    expect(() => writeUintLE(new Uint8Array(16), 0, -1n, 16)).toThrow(/out of range/);
  });
  it('encodeVec == Compact(len) ‖ concat(items)', () => {
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 5 }), { maxLength: 80 }), (items) => {
      const expected = [...refCompact(BigInt(items.length)), ...concat(items)];
      expect([...encodeVec(items, (x) => x)]).toEqual(expected);
    }), { numRuns: 500 });
  });
});

describe('balances encodeTo writers == encode', () => {
  const u128 = fc.bigInt(0n, (1n << 128n) - 1n);
  // grows to exactly what is reserved, so every reserve replaces buf: a writer reading buf before reserving fails
  class Sink { buf = new Uint8Array(0); len = 0;
    reserve(n: number): number { const b = new Uint8Array(this.len + n); b.set(this.buf); this.buf = b; const o = this.len; this.len += n; return o; }
    bytes(): number[] { return [...this.buf.subarray(0, this.len)]; } }
  it('AccountData and Vec<IdAmount>, appended after existing bytes', () => {
    fc.assert(fc.property(u128, u128, u128, fc.array(fc.record({ id: fc.string(), amount: u128 }), { maxLength: 70 }), fc.uint8Array({ maxLength: 5 }),
      (free, reserved, frozen, list, pre) => {
        const s = new Sink();
        for (const b of pre) { const o = s.reserve(1); s.buf[o] = b; }
        encodeIdAmountsTo(s, list);
        encodeAccountDataTo(s, { free, reserved, frozen });
        encodeIdAmountsTo(s, list);
        const l = [...encodeHolds(list)];
        expect(s.bytes()).toEqual([...pre, ...l, ...encodeAccountData({ free, reserved, frozen }), ...l]);
      }), { numRuns: 500 });
  });
});

describe('ByteSink writers == allocating encoders', () => {
  class Sink { buf = new Uint8Array(0); len = 0; // moves on every reserve
    reserve(n: number): number { const b = new Uint8Array(this.len + n); b.set(this.buf); this.buf = b; const o = this.len; this.len += n; return o; } }
  it('putCompact, putCompactNumber, putUintLE, putBytes append exactly the encoders\' bytes', () => {
    fc.assert(fc.property(byBits(200), fc.maxSafeNat(), fc.bigInt(0n, (1n << 128n) - 1n), fc.uint8Array({ maxLength: 100 }), (v, n, u, b) => {
      const s = new Sink();
      putCompact(s, v); putCompactNumber(s, n); putUintLE(s, u, 16); putBytes(s, b); putCompact(s, BigInt(n % 70000));
      const u16 = new Uint8Array(16); writeUintLE(u16, 0, u, 16);
      expect([...s.buf]).toEqual([...encodeCompact(v), ...encodeCompactNumber(n), ...u16, ...b, ...encodeCompact(BigInt(n % 70000))]);
    }), { numRuns: 1500 });
  });
  it('putCompact writes every byte of its reservation (a reused scratch buffer holds old bytes)', () => {
    class DirtySink { buf = new Uint8Array(0); len = 0;
      reserve(n: number): number { const b = new Uint8Array(this.len + n).fill(0xee); b.set(this.buf); this.buf = b; const o = this.len; this.len += n; return o; } }
    fc.assert(fc.property(fc.array(byBits(200), { maxLength: 5 }), (vs) => {
      const s = new DirtySink();
      for (const v of vs) putCompact(s, v);
      expect([...s.buf]).toEqual(vs.flatMap(refCompact));
    }), { numRuns: 1500 });
    for (const v of [1n << 30n, (1n << 32n) - 1n, 1n << 32n, 1n << 64n, (1n << 128n) - 1n]) {
      const s = new DirtySink(); putCompact(s, v); expect([...s.buf]).toEqual(refCompact(v));
    }
  });
});
