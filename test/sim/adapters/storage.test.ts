import { describe, it, expect } from 'vitest';
import { blake2b } from '@noble/hashes/blake2b';
import { SimStorage } from '../../../sim/adapters/sim/index.js';

const b = (...xs: number[]) => Uint8Array.from(xs);
/** Independent root: blake2b-256 over entries sorted by key bytes, each as [len(k)<<2] k [len(v)<<2] v (all < 64 bytes). */
function expectedRoot(entries: Array<[Uint8Array, Uint8Array]>): Uint8Array {
  const sorted = [...entries].sort(([x], [y]) => {
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return x.length - y.length;
  });
  const bytes: number[] = [];
  for (const [k, v] of sorted) bytes.push(k.length << 2, ...k, v.length << 2, ...v);
  return blake2b(Uint8Array.from(bytes), { dkLen: 32 });
}

describe('SimStorage', () => {
  it('reads its own pending writes; commit returns the root of the committed entries', () => {
    const s = new SimStorage();
    expect(s.root()).toEqual(blake2b(new Uint8Array(0), { dkLen: 32 }));
    s.put(b(2), b(20)); s.put(b(1, 0), b(10)); s.put(b(1), b(11, 12));
    expect(s.get(b(1))).toEqual(b(11, 12));
    expect(s.pendingCount).toBe(3);
    const root = s.commit();
    expect(root).toEqual(expectedRoot([[b(1), b(11, 12)], [b(1, 0), b(10)], [b(2), b(20)]]));
    expect(s.root()).toEqual(root);
    s.delete(b(1, 0)); s.put(b(2), b(21));
    expect(s.get(b(1, 0))).toBeUndefined();
    expect(s.commit()).toEqual(expectedRoot([[b(1), b(11, 12)], [b(2), b(21)]]));
  });

  it('a crash loses uncommitted writes and deletes; committed data and root survive', () => {
    const s = new SimStorage();
    s.put(b(1), b(1)); s.put(b(3), b(3));
    const root = s.commit();
    s.put(b(1), b(99)); s.put(b(2), b(2)); s.delete(b(3));
    s.crash();
    expect(s.pendingCount).toBe(0);
    expect(s.get(b(1))).toEqual(b(1));
    expect(s.get(b(2))).toBeUndefined();
    expect(s.get(b(3))).toEqual(b(3));
    expect(s.commit()).toEqual(root);
  });

  it('values are copied: mutating a buffer after put or get does not change the store', () => {
    const s = new SimStorage();
    const v = b(5); s.put(b(1), v); v[0] = 6;
    s.commit();
    const got = s.get(b(1))!; got[0] = 7;
    expect(s.get(b(1))).toEqual(b(5));
  });

  it('snapshot/restore (through JSON) keeps committed and pending state', () => {
    const s = new SimStorage();
    s.put(b(1), b(1)); s.commit(); s.put(b(2), b(2)); s.delete(b(1));
    const t = new SimStorage();
    t.restoreSnapshot(JSON.parse(JSON.stringify(s.snapshot())));
    expect(t.root()).toEqual(s.root());
    expect(t.commit()).toEqual(s.commit());
    expect(t.get(b(1))).toBeUndefined();
  });
});
