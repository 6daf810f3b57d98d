// Journaled storage and the state root, against independent expectations: a hand-built encoding hashed with
// @noble/hashes' reference blake2b, and a plain-Map model of journal rollback.
import { blake2b } from '@noble/hashes/blake2b';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, OK } from '../../../protocol/primitives/dispatch.js';
import { initFastHashing } from '../../../protocol/primitives/hash.js';
import {
  Journal, jsonReplacer, jsonReviver, lenPrefix, RootSink, ROOT_BUFFER_BYTES_MAX, stateRoot, StorageMap, StorageValue, type Codec,
} from '../../../protocol/primitives/storage.js';

const u8: Codec<number> = { encode: (v) => Uint8Array.of(v & 0xff) };
const str: Codec<string> = { encode: (s) => new TextEncoder().encode(s) };

describe('lenPrefix is SCALE Compact<u32>', () => {
  it('matches the published encodings', () => {
    expect([...lenPrefix(1)]).toEqual([0x04]);
    expect([...lenPrefix(63)]).toEqual([0xfc]);
    expect([...lenPrefix(64)]).toEqual([0x01, 0x01]);
    expect([...lenPrefix(16383)]).toEqual([0xfd, 0xff]);
    expect([...lenPrefix(16384)]).toEqual([0x02, 0x00, 0x01, 0x00]);
    expect([...lenPrefix(2 ** 30)]).toEqual([0x03, 0x00, 0x00, 0x00, 0x40]);
  });
});

describe('stateRoot', () => {
  it('is blake2-256 of items in name order, entries in encoded-key order', async () => {
    await initFastHashing();
    const j = new Journal();
    const m = new StorageMap<string, number>('b.Map', j, str, u8);
    const v = new StorageValue<number>('a.Value', j, 7, u8);
    m.set('zz', 1); m.set('aa', 2);
    // Hand-built canonical encoding: "a.Value" then "b.Map" with keys "aa" < "zz"; short values inline (0x00 ‖ len ‖ bytes).
    const parts = [
      [0x1c], [...'a.Value'].map((c) => c.charCodeAt(0)), [0x00, 0x04, 7],
      [0x14], [...'b.Map'].map((c) => c.charCodeAt(0)),
      [0x08], [0x61, 0x61], [0x00, 0x04, 2],
      [0x08], [0x7a, 0x7a], [0x00, 0x04, 1],
    ].flat();
    const expected = blake2b(Uint8Array.from(parts), { dkLen: 32 });
    expect(Buffer.from(stateRoot([m, v])).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
  });
});

describe('stateRoot with large values', () => {
  it('enters a value longer than 32 bytes by its blake2-256 (0x01 ‖ hash), like trie state_version 1', async () => {
    await initFastHashing();
    const big = new Uint8Array(33).map((_, i) => i);
    const j = new Journal();
    const m = new StorageMap<string, Uint8Array>('m', j, str, { encode: (b) => b });
    m.set('k', big);
    const inner = blake2b(big, { dkLen: 32 });
    const expected = blake2b(Uint8Array.from([0x04, 0x6d, 0x04, 0x6b, 0x01, ...inner]), { dkLen: 32 });
    expect(Buffer.from(stateRoot([m])).toString('hex')).toBe(Buffer.from(expected).toString('hex'));
    // 32 bytes still inline
    m.set('k', big.subarray(0, 32));
    const inline = blake2b(Uint8Array.from([0x04, 0x6d, 0x04, 0x6b, 0x00, 0x80, ...big.subarray(0, 32)]), { dkLen: 32 });
    expect(Buffer.from(stateRoot([m])).toString('hex')).toBe(Buffer.from(inline).toString('hex'));
  });
});

describe('RootSink', () => {
  it('gives the one-shot blake2b-256 of the concatenation below and above the buffer bound', async () => {
    await initFastHashing();
    for (const total of [1000, ROOT_BUFFER_BYTES_MAX + 3 * 1024 * 1024]) {
      const all = new Uint8Array(total);
      for (let i = 0; i < total; i++) all[i] = (i * 2654435761) >>> 24;
      const sink = new RootSink();
      // Uneven chunks, including one larger than the whole buffer, to cover every path.
      let off = 0, step = 1;
      while (off < total) {
        const n = Math.min(step, total - off);
        sink.update(all.subarray(off, off + n));
        off += n; step = step > 5_000_000 ? 7 : step * 3 + 1;
      }
      expect(Buffer.from(sink.digest()).toString('hex')).toBe(Buffer.from(blake2b(all, { dkLen: 32 })).toString('hex'));
    }
  });
});

describe('Journal', () => {
  it('a failed transaction restores every write and truncates registered buffers (model-based)', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom('set', 'del'), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 255 }), fc.boolean()), { maxLength: 40 }),
      (ops) => {
        const j = new Journal();
        const events: number[] = [];
        j.registerBuffer(() => events.length, (n) => { events.length = n; });
        const m = new StorageMap<string, number>('t.M', j, str, u8);
        const model = new Map<string, number>();
        for (const [op, k, val, fail] of ops) {
          const key = `k${k}`;
          const before = new Map(model);
          const evBefore = events.length;
          j.transactional(() => {
            if (op === 'set') m.set(key, val); else m.delete(key);
            events.push(val);
            return fail ? err('t', 'Fail') : OK;
          });
          if (!fail) { if (op === 'set') model.set(key, val); else model.delete(key); }
          else { expect(events.length).toBe(evBefore); expect(new Map(model)).toEqual(before); }
          expect(new Map([...m.entries()])).toEqual(model);
        }
      }));
  });

  it('nested transactions roll back only the failing level', () => {
    const j = new Journal();
    const v = new StorageValue<number>('t.V', j, 0, u8);
    const r = j.transactional(() => {
      v.set(1);
      const inner = j.transactional(() => { v.set(2); return err('t', 'Inner'); });
      expect(inner.ok).toBe(false);
      expect(v.get()).toBe(1);
      return OK;
    });
    expect(r.ok).toBe(true);
    expect(v.get()).toBe(1);
  });
});

describe('snapshots', () => {
  it('round-trip through JSON with exact bigints and restore the same root', () => {
    const j = new Journal();
    const codec: Codec<bigint> = { encode: (b) => new TextEncoder().encode(b.toString()) };
    const m = new StorageMap<string, bigint>('t.Big', j, str, codec);
    m.set('x', (1n << 100n) + 3n); m.set('a', 5n);
    const json = JSON.stringify(m.snapshot(), jsonReplacer);
    const m2 = new StorageMap<string, bigint>('t.Big', new Journal(), str, codec);
    m2.restoreSnapshot(JSON.parse(json, jsonReviver));
    expect(m2.get('x')).toBe((1n << 100n) + 3n);
    expect(stateRoot([m2])).toEqual(stateRoot([m]));
  });
});
