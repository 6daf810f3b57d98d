import { describe, expect, it } from 'vitest';
import { Mempool, normalPriority } from '../../../sim/node/index.js';

describe('mempool by fee priority', () => {
  it('priority = (tip + 1) * floor(maxBlockLength / length)', () => {
    expect(normalPriority(0n, 140, 3_932_160)).toBe(28_086n); // floor(3932160 / 140) = 28086
    expect(normalPriority(9n, 1000, 10_000)).toBe(100n);
  });
  it('selects by priority then arrival, within the length budget, skipping excluded ids', () => {
    const p = new Mempool<string>(10);
    const a = p.submit('a', 5n, 100); const b = p.submit('b', 9n, 100); const c = p.submit('c', 5n, 100); const d = p.submit('d', 1n, 50);
    expect(p.select(1000, new Set()).map((e) => e.xt)).toEqual(['b', 'a', 'c', 'd']);
    expect(p.select(250, new Set()).map((e) => e.xt)).toEqual(['b', 'a', 'd']); // c does not fit, d does
    expect(p.select(1000, new Set([b])).map((e) => e.xt)).toEqual(['a', 'c', 'd']);
    p.removeIds([a, c]);
    expect(p.ids()).toEqual([b, d]);
  });
  it('evicts the lowest priority when full and rejects what would be evicted', () => {
    const p = new Mempool<string>(2);
    p.submit('x', 5n, 10); p.submit('y', 3n, 10);
    expect(p.submit('z', 1n, 10)).toBe(-1);
    expect(p.submit('w', 4n, 10)).toBeGreaterThan(0);
    expect(p.select(100, new Set()).map((e) => e.xt)).toEqual(['x', 'w']);
    expect(p.evicted).toBe(2);
  });
});
