// The StorageMap root caches (per-entry encodings, per-group concatenations, incrementally merged sorted keys)
// against a from-scratch reference: after any sequence of writes, deletes, rolled-back and committed transactions,
// snapshot restores and interleaved roots, feed() gives exactly the bytes of encoding every entry anew in sorted
// key order, and sortedKeysList() equals a full sort by encoded key.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, OK } from '../../../protocol/primitives/dispatch.js';
import { compareBytes, Journal, lenPrefix, rootValue, stateRoot, StorageMap, type Codec } from '../../../protocol/primitives/storage.js';

// Keys encode to 0..3 bytes whose first byte takes few values, so groups hold several keys, the empty key exists
// and keys share prefixes; values encode short (inline) or long (hashed) depending on the number.
const keyCodec: Codec<string> = { encode: (k) => Uint8Array.from(k.split(',').filter((x) => x !== '').map(Number)) };
const encodeValue = (v: number): Uint8Array => new Uint8Array(v % 3 === 0 ? 40 : v % 7).map((_, i) => (v + i) & 0xff);
const plainCodec: Codec<number> = { encode: encodeValue };
// The same bytes written in place through encodeTo (the path the root takes when a codec offers it).
const sinkCodec: Codec<number> = {
  encode: encodeValue,
  encodeTo: (sink, v) => { const b = encodeValue(v); for (const x of b) { const o = sink.reserve(1); sink.buf[o] = x; } },
};
let valueCodec: Codec<number> = plainCodec;

function referenceFeed(entries: ReadonlyArray<[string, number]>): Uint8Array {
  const valueCodec = plainCodec; // the reference never uses encodeTo
  const sorted = [...entries].sort((a, b) => compareBytes(keyCodec.encode(a[0]), keyCodec.encode(b[0])));
  const parts: number[] = [];
  for (const [k, v] of sorted) {
    const kb = keyCodec.encode(k);
    for (const b of [lenPrefix(kb.length), kb, rootValue(valueCodec.encode(v))]) for (const x of b) parts.push(x);
  }
  return Uint8Array.from(parts);
}

function fed(m: StorageMap<string, number>): Uint8Array {
  const chunks: number[] = [];
  m.feed({ update: (b: Uint8Array) => { for (const x of b) chunks.push(x); } });
  return Uint8Array.from(chunks);
}

const key = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }).map((xs) => xs.join(','));
type Op =
  | { t: 'set'; k: string; v: number; fail: boolean }
  | { t: 'del'; k: string; fail: boolean }
  | { t: 'batch'; sets: Array<[string, number]>; dels: string[]; fail: boolean }
  | { t: 'root' } | { t: 'sorted' } | { t: 'snapshot' };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('set' as const), k: key, v: fc.integer({ min: 0, max: 300 }), fail: fc.boolean() }),
  fc.record({ t: fc.constant('del' as const), k: key, fail: fc.boolean() }),
  fc.record({ t: fc.constant('batch' as const), sets: fc.array(fc.tuple(key, fc.integer({ min: 0, max: 300 })), { maxLength: 6 }),
    dels: fc.array(key, { maxLength: 4 }), fail: fc.boolean() }),
  fc.constant({ t: 'root' as const }), fc.constant({ t: 'sorted' as const }), fc.constant({ t: 'snapshot' as const }),
);

describe.each([['encode', plainCodec], ['encodeTo', sinkCodec]] as const)('StorageMap root caches == encoding everything anew (%s)', (_, c) => {
  it('feed bytes and sorted keys match the reference after random operation sequences', () => {
    valueCodec = c;
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const j = new Journal();
      let m = new StorageMap<string, number>('t.M', j, keyCodec, valueCodec);
      const model = new Map<string, number>();
      for (const o of ops) {
        if (o.t === 'root') { expect(fed(m)).toEqual(referenceFeed([...model])); continue; }
        if (o.t === 'sorted') {
          const expected = [...model.keys()].sort((a, b) => compareBytes(keyCodec.encode(a), keyCodec.encode(b)));
          expect([...m.sortedKeysList()]).toEqual(expected);
          continue;
        }
        if (o.t === 'snapshot') {
          const m2 = new StorageMap<string, number>('t.M', j, keyCodec, valueCodec);
          m2.restoreSnapshot(m.snapshot());
          m = m2;
          continue;
        }
        const next = new Map(model);
        j.transactional(() => {
          if (o.t === 'set') { m.set(o.k, o.v); next.set(o.k, o.v); }
          else if (o.t === 'del') { m.delete(o.k); next.delete(o.k); }
          else {
            for (const [k, v] of o.sets) { m.set(k, v); next.set(k, v); }
            for (const k of o.dels) { m.delete(k); next.delete(k); }
          }
          return o.fail ? err('t', 'Fail') : OK;
        });
        if (!o.fail) { model.clear(); for (const [k, v] of next) model.set(k, v); }
        expect(new Map([...m.entries()])).toEqual(model);
        if (o.t !== 'batch') expect(fed(m)).toEqual(referenceFeed([...model])); // roots between single writes
      }
      expect(fed(m)).toEqual(referenceFeed([...model]));
      expect([...m.sortedKeysList()]).toEqual([...model.keys()].sort((a, b) => compareBytes(keyCodec.encode(a), keyCodec.encode(b))));
    }), { numRuns: 1500 });
  });

  it('a root after a nested rollback equals the root of a fresh map with the same entries', () => {
    valueCodec = c;
    const j = new Journal();
    const m = new StorageMap<string, number>('t.M', j, keyCodec, valueCodec);
    for (let i = 0; i < 50; i++) m.set(`${i % 4},${i % 3},${i}`, i);
    const before = stateRoot([m]);
    j.transactional(() => {
      m.set('0,0,0', 999); m.delete('1,1,1'); m.set('3,3,3', 7);
      const inner = j.transactional(() => { m.delete('2,2,2'); m.set('', 5); return err('t', 'Inner'); });
      expect(inner.ok).toBe(false);
      return err('t', 'Outer');
    });
    expect(stateRoot([m])).toEqual(before);
    const fresh = new StorageMap<string, number>('t.M', new Journal(), keyCodec, valueCodec);
    for (const [k, v] of m.entries()) fresh.set(k, v);
    expect(stateRoot([fresh])).toEqual(before);
  });
});

describe('the root scratch buffer grows', () => {
  it('a map whose encoding exceeds the initial 64 KiB scratch buffer feeds the reference bytes (both codec paths)', () => {
    for (const c of [sinkCodec, plainCodec]) {
      valueCodec = c;
      const m = new StorageMap<string, number>('t.Big', new Journal(), keyCodec, c);
      const model: Array<[string, number]> = [];
      // one group (first key byte 1) of 4096 hashed values: ~150 KB in a single group build
      for (let i = 0; i < 4096; i++) m.set(`1,${i & 0xff},${i >> 8}`, 3 * i);
      for (const [k, v] of m.entries()) model.push([k, v]);
      expect(fed(m)).toEqual(referenceFeed(model));
    }
  });

  it('many rewrites between two roots (past the recorded-write bound) still give the reference bytes', () => {
    const m = new StorageMap<string, number>('t.Dirty', new Journal(), keyCodec, plainCodec);
    const keys = ['', '0', '1', '1,2', '2,0,1', '3'];
    keys.forEach((k, i) => m.set(k, i));
    expect(fed(m)).toEqual(referenceFeed(keys.map((k, i) => [k, i])));
    // 5,000 rewrites: beyond 4 per key + 1,024, so the map marks every entry stale instead of listing them.
    for (let n = 0; n < 5_000; n++) m.set(keys[n % keys.length]!, n);
    expect(fed(m)).toEqual(referenceFeed(keys.map((k) => [k, m.get(k)!] as [string, number])));
    m.set('0', 77); // a single rewrite after the flush: the listed path again
    expect(fed(m)).toEqual(referenceFeed(keys.map((k) => [k, m.get(k)!] as [string, number])));
  });
});
