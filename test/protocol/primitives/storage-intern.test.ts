// internKey only changes which string object a StorageMap keeps for a key text: texts, lookups, order, roots and
// rollbacks are those of the same operations with the caller's own string objects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { err, OK } from '../../../protocol/primitives/dispatch.js';
import { clearInternedKeys, internKey, Journal, stateRoot, StorageMap, type Codec } from '../../../protocol/primitives/storage.js';

const utf8 = new TextEncoder();
const keyCodec: Codec<string> = { encode: (k) => utf8.encode(k) };
const valueCodec: Codec<number> = { encode: (v) => new Uint8Array(v % 50).fill(v & 0xff) };

describe('internKey', () => {
  it('returns an equal string (any text, including non-ASCII and long concatenations) and leaves other keys alone', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat(), (s, n) => {
      const built = `${s}/${n}/${s}`; // a concatenation, as ids are built
      expect(internKey(built)).toBe(built);
      expect(internKey(internKey(built))).toBe(built);
    }), { numRuns: 300 });
    const o = { a: 1 };
    expect(internKey(o)).toBe(o);
    expect(internKey(7)).toBe(7);
  });
  it('a map written through concatenated keys behaves as one written through literal copies', () => {
    // clear: the table is cleared before this op (as when it fills up), so later keys get other canonical objects
    const op = fc.record({ k: fc.nat({ max: 30 }), v: fc.nat({ max: 200 }), del: fc.boolean(), fail: fc.boolean(), clear: fc.boolean() });
    fc.assert(fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
      const run = (mk: (k: number) => string) => {
        const j = new Journal();
        const m = new StorageMap<string, number>('t.M', j, keyCodec, valueCodec);
        for (const o of ops) j.transactional(() => {
          if (o.clear && o.k % 5 === 0) clearInternedKeys();
          if (o.del) m.delete(mk(o.k)); else m.set(mk(o.k), o.v);
          return o.fail ? err('t', 'x') : OK;
        });
        const snap = m.snapshot();
        const m2 = new StorageMap<string, number>('t.M', new Journal(), keyCodec, valueCodec);
        m2.restoreSnapshot(snap);
        return { keys: [...m.keys()], sorted: [...m.sortedKeysList()], root: Buffer.from(stateRoot([m])).toString('hex'),
          restored: Buffer.from(stateRoot([m2])).toString('hex'), values: [...m.values()] };
      };
      const literal = Array.from({ length: 31 }, (_, k) => JSON.parse(JSON.stringify(`agent/nominator/${k}`)) as string);
      const a = run((k) => `agent/nominator/${k}`);
      const b = run((k) => literal[k]!);
      expect(a).toEqual(b);
      expect(a.restored).toBe(a.root);
    }), { numRuns: 200 });
  });
});
