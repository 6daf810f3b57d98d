// Test vectors of paritytech/polkadot-sdk substrate/primitives/npos-elections/src/tests.rs (the Rust crate the chain
// runs), ported verbatim: same candidates (in the given order), voters, stakes and expected exact outputs.
import { describe, expect, it } from 'vitest';
import { seqPhragmen, seqPhragmenCore } from '../../../protocol/pallets/staking/election/phragmen.js';
import { setupInputs, type VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { balance } from '../../../protocol/pallets/staking/election/balancing.js';
import { resultToSupports } from '../../../protocol/pallets/staking/election/result.js';
import { phragmms } from '../../../protocol/pallets/staking/election/phragmms.js';

const U64_MAX = 18_446_744_073_709_551_615n;
const ids = (xs: number[]) => xs.map(String);
const voters = (vs: Array<[number, bigint, number[]]>): VoterInput[] => vs.map(([w, s, t]) => ({ who: String(w), weight: s, targets: ids(t) }));
const winners = (r: ReturnType<typeof seqPhragmen>) => r.winners.map((w) => [w.who, w.backedStake]);

describe('sp-npos-elections test vectors', () => {
  it('balancing_core_works: seq_phragmen_core(4) then balance(4 iterations, tolerance 0)', () => {
    const g = setupInputs(ids([1, 2, 3, 4, 5]), voters([[10, 10n, [1, 2]], [20, 20n, [1, 3]], [30, 30n, [1, 2, 3, 4]], [40, 40n, [1, 3, 4, 5]], [50, 50n, [2, 4, 5]]]));
    seqPhragmenCore(g, 4);
    expect(balance(g, { iterations: 4, tolerance: 0n })).toBeGreaterThan(0);
    const edges = g.voterWho.map((who, v) => {
      const out: Array<[string, bigint]> = [];
      for (let e = g.edgeStart[v]!; e < g.edgeStart[v + 1]!; e++) if (g.alive[e]) out.push([g.candWho[g.edgeCand[e]!]!, g.weight[e]!]);
      return [who, out];
    });
    expect(edges).toEqual([
      ['10', [['1', 9n], ['2', 1n]]],
      ['20', [['1', 9n], ['3', 11n]]],
      ['30', [['1', 8n], ['2', 7n], ['3', 8n], ['4', 7n]]],
      ['40', [['1', 11n], ['3', 18n], ['4', 11n]]],
      ['50', [['2', 30n], ['4', 20n]]],
    ]);
    expect(g.candWho.map((c, i) => [c, g.elected[i] === 1, g.elected[i] ? g.round[i] : 0, g.backed[i]])).toEqual([
      ['1', true, 1, 37n], ['2', true, 2, 38n], ['3', true, 3, 37n], ['4', true, 0, 38n], ['5', false, 0, 0n],
    ]);
  });
  it('phragmen_accuracy_on_large_scale_only_candidates', () => {
    const c = [1, 2, 3, 4, 5];
    const stake = [U64_MAX - 1n, U64_MAX - 4n, U64_MAX - 5n, U64_MAX - 3n, U64_MAX - 2n];
    const r = seqPhragmen(2, ids(c), voters(c.map((x, i) => [x, stake[i]!, [x]])));
    expect(winners(r)).toEqual([['1', 18446744073709551614n], ['5', 18446744073709551613n]]);
    expect(r.assignments.length).toBe(2);
  });
  it('phragmen_accuracy_on_large_scale_voters_and_candidates', () => {
    const c = [1, 2, 3, 4, 5];
    const stake = new Map<number, bigint>([[1, U64_MAX - 1n], [2, U64_MAX - 4n], [3, U64_MAX - 5n], [4, U64_MAX - 3n], [5, U64_MAX - 2n], [13, U64_MAX - 10n], [14, U64_MAX]]);
    const vs: Array<[number, bigint, number[]]> = [[13, stake.get(13)!, [1, 3, 5]], [14, stake.get(14)!, [2, 4]], ...c.map((x) => [x, stake.get(x)!, [x]] as [number, bigint, number[]])];
    const r = seqPhragmen(2, ids(c), voters(vs));
    expect(winners(r)).toEqual([['2', 36893488147419103226n], ['1', 36893488147419103219n]]);
    expect(r.assignments).toEqual([
      { who: '13', distribution: [['1', 1_000_000_000n]] }, { who: '14', distribution: [['2', 1_000_000_000n]] },
      { who: '1', distribution: [['1', 1_000_000_000n]] }, { who: '2', distribution: [['2', 1_000_000_000n]] },
    ]);
  });
  it('phragmen_accuracy_on_small_scale_self_vote (a zero-stake candidate is never preferred)', () => {
    const r = seqPhragmen(3, ids([40, 10, 20, 30]), voters([[40, 0n, [40]], [10, 1n, [10]], [20, 2n, [20]], [30, 1n, [30]]]));
    expect(winners(r)).toEqual([['20', 2n], ['10', 1n], ['30', 1n]]);
  });
  it('phragmen_large_scale_test and _2', () => {
    const c = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];
    const st = [1n, 100n, 1000000n, 100000000001000n, 100000000002000n, 100000000003000n, 400000000000000n, 400000000001000n,
      18000000000000000n, 20000000000000000n, 500000000000100000n, 500000000000200000n];
    const r = seqPhragmen(2, ids(c), voters([[50, 990000000000000000n, c], ...c.map((x, i) => [x, st[i]!, [x]] as [number, bigint, number[]])]));
    expect(r.winners.map((w) => w.who)).toEqual(['24', '22']);
    const r2 = seqPhragmen(2, ids([2, 4]), voters([[50, 1_000_000_000_000_000_000n, [2, 4]], [2, 4_000_000n, [2]], [4, 4_000_000n, [4]]]));
    expect(winners(r2)).toEqual([['2', 500000000005000000n], ['4', 500000000003000000n]]);
    expect(r2.assignments).toEqual([
      { who: '50', distribution: [['2', 500_000_000n], ['4', 500_000_000n]] },
      { who: '2', distribution: [['2', 1_000_000_000n]] }, { who: '4', distribution: [['4', 1_000_000_000n]] },
    ]);
  });
  it('elect_has_no_entry_barrier: an unapproved candidate fills the last seat with 0', () => {
    const r = seqPhragmen(3, ids([10, 20, 30]), voters([[1, 10n, [10]], [2, 10n, [20]]]));
    expect(winners(r)).toEqual([['10', 10n], ['20', 10n], ['30', 0n]]);
  });
  it('phragmen_self_votes_should_be_kept', () => {
    const vs = voters([[5, 5n, [5]], [10, 10n, [10]], [20, 20n, [20]], [1, 8n, [10, 20]]]);
    const r = seqPhragmen(2, ids([5, 10, 20, 30]), vs);
    expect(winners(r)).toEqual([['20', 24n], ['10', 14n]]);
    const stake = new Map(vs.map((v) => [v.who, v.weight]));
    expect(resultToSupports(r, (w) => stake.get(w)!)).toEqual([
      ['10', { total: 14n, voters: [['10', 10n], ['1', 4n]] }],
      ['20', { total: 24n, voters: [['20', 20n], ['1', 4n]] }],
    ]);
  });
  it('duplicate_target_is_ignored (and when winner)', () => {
    const r = seqPhragmen(2, ids([1, 2, 3]), voters([[10, 100n, [1, 1, 2, 3]], [20, 100n, [2, 3]], [30, 50n, [1, 1, 2]]]));
    expect(winners(r)).toEqual([['2', 140n], ['3', 110n]]);
    expect(r.assignments.map((a) => [a.who, a.distribution.map((d) => d[0])])).toEqual([['10', ['2', '3']], ['20', ['2', '3']], ['30', ['2']]]);
    const r2 = seqPhragmen(2, ids([1, 2, 3]), voters([[10, 100n, [1, 1, 2, 3]], [20, 100n, [1, 2]]]));
    expect(winners(r2)).toEqual([['1', 100n], ['2', 100n]]);
  });
  it('phragmms large_balance_wont_overflow (1,000 voters of u64::MAX, Perbill)', () => {
    const vs: Array<[number, bigint, number[]]> = Array.from({ length: 1000 }, (_, i) => [10 + i, U64_MAX, [1, 2, 3]]);
    vs.push([2, U64_MAX, [1, 3]]);
    const r = phragmms(2, ids([1, 2, 3]), voters(vs), { iterations: 2, tolerance: 0n });
    expect(r.winners.map((w) => w.who)).toEqual(['1', '3']);
  });
});
