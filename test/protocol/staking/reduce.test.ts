// reduce / reduce_4 / reduce_all against the sp-npos-elections test vectors (reduce.rs `mod tests`), ported verbatim,
// plus properties every reduction must keep: each voter's total, each target's backing, no cycle left (edges ≤ n + m − 1
// per connected component, checked as the forest bound on the whole graph).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reduce, reduce4, reduceAll, type MutableStaked } from '../../../protocol/pallets/staking/election/reduce.js';

const staked = (xs: Array<[number, Array<[number, number]>]>): MutableStaked[] =>
  xs.map(([who, d]) => ({ who: String(who), distribution: d.map(([t, w]) => [String(t), BigInt(w)] as [string, bigint]) }));

describe('reduce (sp-npos-elections vectors)', () => {
  it('basic_reduce_4_cycle_works', () => {
    const a = staked([[1, [[10, 25], [20, 75]]], [2, [[10, 50], [20, 50]]]]);
    expect(reduce4(a)).toBe(1);
    expect(a).toEqual(staked([[1, [[20, 100]]], [2, [[10, 75], [20, 25]]]]));
  });
  const five = (): MutableStaked[] => staked([[1, [[10, 10]]], [2, [[10, 15], [20, 5]]], [3, [[20, 15], [40, 15]]],
    [4, [[20, 10], [30, 10], [40, 20]]], [5, [[20, 20], [30, 10], [40, 20]]]]);
  const fiveReduced = staked([[1, [[10, 10]]], [2, [[10, 15], [20, 5]]], [3, [[20, 30]]], [4, [[40, 40]]], [5, [[20, 15], [30, 20], [40, 15]]]]);
  it('basic_reduce_all_cycles_works', () => {
    const a = five();
    expect(reduceAll(a)).toBe(3);
    expect(a).toEqual(fiveReduced);
  });
  it('basic_reduce_works', () => {
    const a = five();
    expect(reduce(a)).toBe(3);
    expect(a).toEqual(fiveReduced);
  });
  it('should_deal_with_self_vote', () => {
    const a = [...five(), ...staked([[10, [[10, 100]]], [20, [[20, 200]]]])];
    expect(reduce(a)).toBe(3);
    expect(a).toEqual([...fiveReduced, ...staked([[10, [[10, 100]]], [20, [[20, 200]]]])]);
  });
  it('reduce_3_common_votes_same_weight', () => {
    const a = staked([[4, [[1000000, 100], [1000002, 100], [1000004, 100]]], [5, [[1000000, 100], [1000002, 100], [1000004, 100]]]]);
    reduce4(a);
    expect(a).toEqual(staked([[4, [[1000000, 200], [1000004, 100]]], [5, [[1000002, 200], [1000004, 100]]]]));
  });
  it('reduce_panics_on_duplicate_voter', () => {
    expect(() => reduce(staked([[1, [[10, 10], [20, 10]]], [1, [[10, 15], [20, 5]]], [2, [[10, 15], [20, 15]]]]))).toThrow();
  });
  it('should_deal_with_duplicates_target', () => {
    const a = staked([[1, [[10, 15], [20, 5]]], [2, [[10, 15], [20, 15], [10, 1], [20, 1]]]]);
    reduce(a);
    expect(a).toEqual(staked([[1, [[10, 20]]], [2, [[10, 10], [20, 20], [10, 1], [20, 1]]]]));
  });
  it('bound_should_be_kept', () => {
    const a = staked([[1, [[103, 72], [101, 53], [100, 83], [102, 38]]], [2, [[103, 18], [101, 36], [102, 54], [100, 94]]],
      [3, [[100, 96], [101, 35], [102, 52], [103, 69]]], [4, [[102, 34], [100, 47], [103, 91], [101, 73]]]]);
    const removed = reduceAll(a);
    expect(16 - removed).toBeLessThanOrEqual(4 + 4);
  });
});

describe('reduce properties', () => {
  const graphArb = fc.array(fc.uniqueArray(fc.record({ t: fc.integer({ min: 0, max: 7 }), w: fc.bigInt({ min: 1n, max: 1000n }) }), { selector: (x) => x.t, minLength: 1, maxLength: 5 }), { maxLength: 14 });
  it('keeps every voter total and target backing, leaves no zero edge, and ends acyclic', () => {
    fc.assert(fc.property(graphArb, (g) => {
      const a: MutableStaked[] = g.map((d, i) => ({ who: `v${i}`, distribution: d.map((x) => [`t${x.t}`, x.w] as [string, bigint]) }));
      const totals = (xs: MutableStaked[]) => xs.map((x) => x.distribution.reduce((s, d) => s + d[1], 0n));
      const backing = (xs: MutableStaked[]) => {
        const m = new Map<string, bigint>();
        for (const x of xs) for (const [t, w] of x.distribution) m.set(t, (m.get(t) ?? 0n) + w);
        return [...m].filter(([, w]) => w > 0n).sort();
      };
      const before = { totals: totals(a), backing: backing(a), edges: a.reduce((s, x) => s + x.distribution.length, 0) };
      const removed = reduce(a);
      expect(totals(a)).toEqual(before.totals);
      expect(backing(a)).toEqual(before.backing);
      expect(a.reduce((s, x) => s + x.distribution.length, 0)).toBe(before.edges - removed);
      for (const x of a) for (const [, w] of x.distribution) expect(w > 0n).toBe(true);
      // Acyclic: union-find over voter and target nodes never joins two nodes already connected.
      const parent = new Map<string, string>();
      const find = (x: string): string => { while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!; return x; };
      for (const x of a) for (const [t] of x.distribution) {
        const r1 = find(`V${x.who}`), r2 = find(`T${t}`);
        expect(r1).not.toBe(r2);
        parent.set(r1, r2);
      }
    }), { numRuns: 400 });
  });
});
