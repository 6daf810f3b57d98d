import { describe, it, expect } from 'vitest';
import seedrandom from 'seedrandom';
import { blake2b } from '@noble/hashes/blake2b';
import { Rng, SeedError, parseSeed, deriveStreamState } from '../../../sim/engine/rng.js';

describe('parseSeed', () => {
  it('accepts decimal and 0x hex up to 2^64-1', () => {
    expect(parseSeed('42')).toBe(42n);
    expect(parseSeed('0x2A')).toBe(42n);
    expect(parseSeed(' 18446744073709551615 ')).toBe(2n ** 64n - 1n);
    expect(parseSeed('0xffffffffffffffff')).toBe(2n ** 64n - 1n);
    expect(parseSeed(7)).toBe(7n);
  });
  it.each(['', '-1', '1.5', 'abc', '0x', '0xg1', '18446744073709551616', '1e3', '0x1_0'])('rejects %j with SeedError', (s) => {
    expect(() => parseSeed(s)).toThrow(SeedError);
  });
  it('rejects unsafe numbers', () => { expect(() => parseSeed(2 ** 60)).toThrow(SeedError); });
});

describe('stream derivation', () => {
  it('seeds each stream with blake2b-128(tag, rootSeed LE, agentId LE, name)', () => {
    // independent recomputation of the documented derivation
    const tag = new TextEncoder().encode('bai-lab/rng/v1');
    const name = new TextEncoder().encode('agents.trader');
    const msg = new Uint8Array([...tag, ...le64(0x0102030405060708n), ...le64(17n), ...name]);
    const h = blake2b(msg, { dkLen: 16 });
    const i32 = (o: number) => (h[o]! | (h[o + 1]! << 8) | (h[o + 2]! << 16) | (h[o + 3]! << 24));
    expect(deriveStreamState(0x0102030405060708n, 'agents.trader', 17)).toEqual({ x: i32(0), y: i32(4), z: i32(8), w: i32(12) });
  });

  it('draws are bit-identical to seedrandom.xor128 from the same state', () => {
    const rng = new Rng(99n);
    const s = rng.stream('x', 3);
    const ref = seedrandom.xor128('', { state: deriveStreamState(99n, 'x', 3) });
    for (let i = 0; i < 1000; i++) expect(s.float()).toBe(ref.double());
    for (let i = 0; i < 100; i++) expect(s.int32()).toBe(ref.int32());
    expect(s.state()).toEqual(ref.state());
  });

  it('adding agents (and streams) leaves every other agent\'s draws unchanged', () => {
    const draws = (rng: Rng, agent: number) => Array.from({ length: 20 }, () => rng.stream('agent', agent).float());
    const small = new Rng(5n);
    const a = [0, 1, 2].map((i) => draws(small, i));
    const big = new Rng(5n);
    // new agents and other streams created first, interleaved draws: agent i's sequence must not change
    big.stream('agent', 1000).float();
    big.stream('net.link', 3).float();
    const b1 = draws(big, 1);
    big.stream('agent', 7).float();
    const b0 = draws(big, 0);
    const b2 = draws(big, 2);
    expect([b0, b1, b2]).toEqual(a);
    // and different agents, names and seeds do differ
    expect(a[0]).not.toEqual(a[1]);
    expect(draws(new Rng(5n), 0)).toEqual(a[0]);
    expect(draws(new Rng(6n), 0)).not.toEqual(a[0]);
    expect(new Rng(5n).stream('agent2', 0).float()).not.toBe(a[0]![0]);
  });

  it('returns the same stream object on every look-up (dense and sparse agent ids, no agent)', () => {
    const rng = new Rng(3n);
    for (const id of [-1, 0, 5, 2 ** 22 - 1, 2 ** 22, 2 ** 30]) {
      const s = rng.stream('n', id);
      expect(rng.stream('n', id)).toBe(s);
      expect(s.agentId).toBe(id);
      expect(rng.stream('m', id)).not.toBe(s);
    }
    expect(rng.stream('n')).toBe(rng.stream('n', -1));
    expect(rng.streamCount).toBe(12);
    expect(rng.snapshot().streams.map(([n, id]) => `${n}${id}`)).toHaveLength(12);
  });

  it('snapshot/restore (through JSON) resumes every stream where it was; later streams start fresh', () => {
    const rng = new Rng(11n);
    rng.stream('a').float(); rng.stream('b', 4).float(); rng.stream('b', 4).float();
    const snap = JSON.parse(JSON.stringify(rng.snapshot(), (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    snap.rootSeed = BigInt(snap.rootSeed);
    const expected = [rng.stream('a').float(), rng.stream('b', 4).float(), rng.stream('c').float()];
    const other = new Rng(11n);
    other.stream('c').float(); other.stream('c').float(); // advanced before restore: must reset to its initial state
    other.restoreSnapshot(snap);
    expect([other.stream('a').float(), other.stream('b', 4).float(), other.stream('c').float()]).toEqual(expected);
    expect(() => new Rng(12n).restoreSnapshot(snap)).toThrow(/root seed/);
  });
});

describe('distributions', () => {
  // Fixed seed and large n: the sample statistics are deterministic; the tolerances are ~6 standard errors.
  const n = 200_000;
  const s = new Rng(2024n).stream('dist');
  const mean = (f: () => number) => { let t = 0; for (let i = 0; i < n; i++) t += f(); return t / n; };

  it('float in (0,1) with mean 1/2; int(n) in range and uniform', () => {
    let lo = 1, hi = 0;
    const m = mean(() => { const v = s.float(); lo = Math.min(lo, v); hi = Math.max(hi, v); return v; });
    expect(lo).toBeGreaterThan(0); expect(hi).toBeLessThan(1);
    expect(Math.abs(m - 0.5)).toBeLessThan(6 * Math.sqrt(1 / 12 / n));
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[s.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(6 * Math.sqrt(10_000));
  });
  it('exponential(mean) has that mean (not rate)', () => {
    expect(Math.abs(mean(() => s.exponential(250)) - 250)).toBeLessThan(6 * 250 / Math.sqrt(n));
  });
  it('normal(mean, sd) has that mean and variance; lognormal median is e^mu', () => {
    const xs = Array.from({ length: n }, () => s.normal(3, 2));
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / n;
    expect(Math.abs(m - 3)).toBeLessThan(6 * 2 / Math.sqrt(n));
    expect(Math.abs(v - 4)).toBeLessThan(6 * 4 * Math.sqrt(2 / n));
    const ls = Array.from({ length: 20_001 }, () => s.lognormal(1, 0.5)).sort((a, b) => a - b);
    expect(Math.abs(ls[10_000]! - Math.E)).toBeLessThan(0.05);
  });
  it('bernoulli(p) frequency and pick covers all items', () => {
    expect(Math.abs(mean(() => (s.bernoulli(0.3) ? 1 : 0)) - 0.3)).toBeLessThan(6 * Math.sqrt(0.21 / n));
    expect(s.bernoulli(0)).toBe(false);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(s.pick(['a', 'b', 'c']));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => s.pick([])).toThrow(RangeError);
    expect(() => s.int(0)).toThrow(RangeError);
  });
});

function le64(v: bigint): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  return out;
}
