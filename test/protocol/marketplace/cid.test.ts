import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blake2b } from '@noble/hashes/blake2b';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { base58btc } from 'multiformats/bases/base58';
import { cidOf, cidString, cidV1Bytes, cidV1Text, dagJsonEncode, isValidCid, parseCid } from '../../../protocol/pallets/marketplace/cid.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('CIDv1', () => {
  it('raw/sha2-256 of "hello world" is the published vector', () => {
    expect(cidString(utf8('hello world'), 'raw', 'sha2-256')).toBe('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e');
  });
  it('raw/sha2-256 of empty bytes is the published empty-file vector', () => {
    expect(cidString(new Uint8Array(0), 'raw', 'sha2-256')).toBe('bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku');
  });
  it('raw/blake2b-256: bytes are 01 55 a0e402 20 ‖ BLAKE2b-256 digest (the "abc" vector bddd813c…d52319)', () => {
    const c = cidOf(utf8('abc'), 'raw', 'blake2b-256');
    const digest = hex(blake2b(utf8('abc'), { dkLen: 32 }));
    expect(digest.startsWith('bddd813c') && digest.endsWith('d52319')).toBe(true);
    expect(hex(c.bytes)).toBe('0155a0e40220' + digest);
  });
  it('dag-json: codec 0x0129 varint a902, canonical key order, integers only', () => {
    const bytes = dagJsonEncode({ z: 1n, a: [true, null, 'x'], B: 2 });
    expect(new TextDecoder().decode(bytes)).toBe('{"B":2,"a":[true,null,"x"],"z":1}');
    const c = cidOf(bytes, 'dag-json', 'sha2-256');
    expect(hex(c.bytes).slice(0, 10)).toBe('01a9021220');
    expect(() => dagJsonEncode({ x: 0.5 })).toThrow(/integers/);
  });
  it('dag-json map keys are in UTF-8 byte order for any Unicode keys (surrogate pairs included)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 4 }), { maxLength: 8 }), (keys) => {
      const obj = Object.fromEntries(keys.map((k, i) => [k, i]));
      const parsed = JSON.parse(new TextDecoder().decode(dagJsonEncode(obj))) as Record<string, number>;
      const order = Object.keys(obj).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      // integer-like keys enumerate first in JS objects: compare the raw text order instead
      const text = new TextDecoder().decode(dagJsonEncode(obj));
      const positions = order.map((k) => text.indexOf(JSON.stringify(k) + ':'));
      expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
      expect(Object.keys(parsed).length).toBe(keys.length);
    }));
  });
  it('parseCid accepts our CIDs and rejects garbage and CIDv0', () => {
    const s = cidString(utf8('x'), 'dag-json', 'blake2b-256');
    expect(parseCid(s)?.toString()).toBe(s);
    expect(parseCid('not-a-cid')).toBeNull();
    expect(parseCid('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o')).toBeNull();
  });
});

describe('isValidCid == (parseCid !== null)', () => {
  const combos: Array<['raw' | 'dag-json', 'sha2-256' | 'blake2b-256']> = [['raw', 'sha2-256'], ['raw', 'blake2b-256'],
    ['dag-json', 'sha2-256'], ['dag-json', 'blake2b-256']];
  const same = (s: string) => expect(isValidCid(s)).toBe(parseCid(s) !== null);
  it('on canonical CIDs of random bytes and their mutations (one character, truncation, padding, case, other bases)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(...combos), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }),
      (bytes, [codec, hash], at, extra) => {
        const c = cidOf(bytes, codec, hash);
        const s = c.toString();
        expect(isValidCid(s)).toBe(true);
        same(s);
        const i = 1 + (at % (s.length - 1));
        same(s.slice(0, i) + extra + s.slice(i + 1));
        same(s.slice(0, i));
        same(s + '=');
        same(s + extra);
        same(s.toUpperCase());
        same('B' + s.slice(1));
        same(c.toString(base58btc));
        // a valid base32 text whose last character carries non-zero trailing bits
        same(s.slice(0, -1) + 'abcdefghijklmnopqrstuvwxyz234567'[(at >> 3) % 32]);
      }), { numRuns: 400 });
  });
  it('on CIDs with other codecs or hashes, CIDv0, and arbitrary strings', () => {
    const digest = new Uint8Array(32).fill(7);
    for (const code of [0x55, 0x70, 0x0129, 0x71]) {
      for (const mh of [0x12, 0xb220, 0x13, 0x00]) same(CID.createV1(code, Digest.create(mh, mh === 0x13 ? new Uint8Array(64) : digest)).toString());
    }
    same('QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o');
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 70 }), (s) => { same(s); same('b' + s); }), { numRuns: 400 });
  });
});

describe('cidV1Text', () => {
  it('equals CID.toString() for v1 CIDs of any codec, hash and digest length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(0x55, 0x0129, 0x71, 0x70), fc.constantFrom(0x12, 0xb220, 0x00),
      (digest, code, mh) => {
        const c = CID.createV1(code, Digest.create(mh, digest));
        expect(cidV1Text(c.bytes)).toBe(c.toString());
      }), { numRuns: 400 });
  });
});

describe('cidV1Bytes', () => {
  it('equals cidOf(...).bytes for every codec and hash', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...(['raw', 'dag-json'] as const)),
      fc.constantFrom(...(['sha2-256', 'blake2b-256'] as const)), (bytes, codec, hash) => {
        expect(hex(cidV1Bytes(bytes, codec, hash))).toBe(hex(cidOf(bytes, codec, hash).bytes));
      }), { numRuns: 300 });
  });
});
