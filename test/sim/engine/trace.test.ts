import { describe, it, expect } from 'vitest';
import { blake2b } from '@noble/hashes/blake2b';
import { bytesToHex } from '@noble/hashes/utils';
import { Trace, TraceLog, compareTraceLogs } from '../../../sim/engine/trace.js';

// Independent reference of the documented per-event fold: murmur3's body step over the words
// (tick mod 2^32, floor(tick / 2^32), kind, actor), lane 1 with (c1, c2) = (0xcc9e2d51, 0x1b873593) from seed
// 0x9e3779b9, lane 2 with (0x85ebca6b, 0xc2b2ae35) from seed 0x7f4a7c15; written with BigInt arithmetic mod 2^32.
const M32 = 0xffffffffn;
const mul = (a: bigint, b: bigint) => (a * b) & M32;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (32n - r))) & M32;
function refStep(h: bigint, w: bigint, m1: bigint, m2: bigint): bigint {
  let k = mul(w & M32, m1); k = rotl(k, 15n); k = mul(k, m2);
  h ^= k; h = rotl(h, 13n);
  return (mul(h, 5n) + 0xe6546b64n) & M32;
}
function refLanes(events: Array<[number, number, number]>): [number, number] {
  let a = 0x9e3779b9n, b = 0x7f4a7c15n;
  for (const [tick, kind, actor] of events) {
    const ws = [BigInt(tick) & M32, BigInt(tick) >> 32n, BigInt(kind) & M32, BigInt(actor) & M32];
    for (const w of ws) { a = refStep(a, w, 0xcc9e2d51n, 0x1b873593n); b = refStep(b, w, 0x85ebca6bn, 0xc2b2ae35n); }
  }
  return [Number(BigInt.asIntN(32, a)), Number(BigInt.asIntN(32, b))];
}
function le(v: number | bigint, bytes: number): number[] {
  const out: number[] = []; let x = BigInt.asUintN(bytes * 8, BigInt(v));
  for (let i = 0; i < bytes; i++) { out.push(Number(x & 0xffn)); x >>= 8n; }
  return out;
}

const events: Array<[number, number, number]> = [[0, 1, 2], [5, 0, -1], [2 ** 40 + 3, 7, 123456], [2 ** 40 + 3, 7, 123457]];

describe('Trace', () => {
  it('per-event lanes match an independent BigInt murmur3 reference, and hash() is blake2b(acc ‖ lanes ‖ count)', () => {
    const t = new Trace();
    for (const [tick, kind, actor] of events) t.record(tick, kind, actor);
    const [a, b] = refLanes(events);
    expect([t.lane1, t.lane2]).toEqual([a, b]);
    const expected = blake2b(new Uint8Array([...new Array(32).fill(0), ...le(a, 4), ...le(b, 4), ...le(events.length, 8)]), { dkLen: 32 });
    expect(t.hash()).toBe('0x' + bytesToHex(expected));
  });

  it('folding a state root chains it into acc', () => {
    const t = new Trace();
    t.record(1, 2, 3);
    const root = new Uint8Array(32).fill(7);
    const before = t.hash();
    t.foldStateRoot(root);
    const [a, b] = refLanes([[1, 2, 3]]);
    const tail = [...le(a, 4), ...le(b, 4), ...le(1, 8)];
    const acc = blake2b(new Uint8Array([...new Array(32).fill(0), ...tail, ...root]), { dkLen: 32 });
    expect(t.hash()).toBe('0x' + bytesToHex(blake2b(new Uint8Array([...acc, ...tail]), { dkLen: 32 })));
    expect(t.hash()).not.toBe(before);
  });

  it('any change of tick, kind, actor or order changes the hash', () => {
    const h = (evs: Array<[number, number, number]>) => { const t = new Trace(); for (const e of evs) t.record(...e); return t.hash(); };
    const base = h(events);
    expect(h(events)).toBe(base);
    expect(h([[0, 1, 2], [5, 0, -1], [2 ** 40 + 4, 7, 123456], events[3]!])).not.toBe(base);
    expect(h([[0, 1, 2], [5, 1, -1], events[2]!, events[3]!])).not.toBe(base);
    expect(h([[0, 1, 3], events[1]!, events[2]!, events[3]!])).not.toBe(base);
    expect(h([events[0]!, events[1]!, events[3]!, events[2]!])).not.toBe(base);
    expect(h(events.slice(0, 3))).not.toBe(base);
  });

  it('state() / restore() round-trips', () => {
    const t = new Trace(); t.record(3, 4, 5); t.foldStateRoot(new Uint8Array(32));
    const u = new Trace(); u.restore(JSON.parse(JSON.stringify(t.state())));
    t.record(9, 9, 9); u.record(9, 9, 9);
    expect(u.hash()).toBe(t.hash());
    expect(() => u.restore({ lane1: 0, lane2: 0, count: -1, acc: '00' })).toThrow(/malformed/);
  });
});

describe('compareTraceLogs', () => {
  const run = (n: number, divergeAt: number | null, opts = { checkpointEvery: 16 }, rootAt?: number) => {
    const t = new Trace(); t.log = new TraceLog(opts);
    for (let i = 0; i < n; i++) {
      t.record(i * 3, i % 5, i === divergeAt ? 999 : i % 7);
      if (rootAt !== undefined && i === rootAt) t.foldStateRoot(new Uint8Array(32).fill(i));
    }
    if (rootAt !== undefined) t.foldStateRoot(new Uint8Array(32).fill(divergeAt === -1 ? 1 : 2));
    return t.log;
  };

  it('reports none for identical runs', () => {
    expect(compareTraceLogs(run(100, null), run(100, null))).toEqual({ kind: 'none' });
  });
  it.each([0, 15, 16, 17, 63, 99])('finds the first divergent event at index %i', (k) => {
    const d = compareTraceLogs(run(100, null), run(100, k));
    expect(d).toEqual({ kind: 'event', index: k, a: { index: k, tick: k * 3, kind: k % 5, actor: k % 7 }, b: { index: k, tick: k * 3, kind: k % 5, actor: 999 } });
  });
  it('reports a run that ends early', () => {
    expect(compareTraceLogs(run(100, null), run(70, null))).toEqual({ kind: 'event', index: 70, a: { index: 70, tick: 210, kind: 0, actor: 0 }, b: null });
  });
  it('returns the event range to re-record when the detail window does not hold it', () => {
    const opts = { checkpointEvery: 16, detailFrom: 0, detailTo: 10 };
    expect(compareTraceLogs(run(100, null, opts), run(100, 40, opts))).toEqual({ kind: 'range', fromEvent: 32, toEvent: 48 });
    const window = { checkpointEvery: 16, detailFrom: 32, detailTo: 48 };
    expect(compareTraceLogs(run(100, null, window), run(100, 40, window))).toMatchObject({ kind: 'event', index: 40 });
  });
  it('reports a differing state root when the events agree', () => {
    const d = compareTraceLogs(run(50, -1, { checkpointEvery: 16 }, 20), run(50, -2, { checkpointEvery: 16 }, 20));
    expect(d).toEqual({ kind: 'stateRoot', afterEvents: 50, a: '01'.repeat(32), b: '02'.repeat(32) });
  });
});
