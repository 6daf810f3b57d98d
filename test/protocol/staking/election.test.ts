import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalize } from '../../../protocol/pallets/staking/election/normalize.js';
import { seqPhragmen, seqPhragmenReference } from '../../../protocol/pallets/staking/election/phragmen.js';
import { phragmms } from '../../../protocol/pallets/staking/election/phragmms.js';
import { resultToSupports, type ElectionResult } from '../../../protocol/pallets/staking/election/result.js';
import type { VoterInput } from '../../../protocol/pallets/staking/election/graph.js';
import { electSupports } from '../../../protocol/pallets/staking/election/supports.js';
import { currencyToVoteFactor, toVote } from '../../../protocol/pallets/staking/election/currency-to-vote.js';

const v = (who: string, weight: number, targets: string[]): VoterInput => ({ who, weight: BigInt(weight), targets });

describe('normalize (sp_arithmetic test vectors)', () => {
  const n = (xs: number[], t: number) => normalize(xs.map(BigInt), BigInt(t)).map(Number);
  it('bumps from the minimum', () => {
    expect(n([8, 9, 7, 10], 40)).toEqual([10, 10, 10, 10]);
    expect(n([7, 7, 7, 10], 40)).toEqual([11, 11, 8, 10]);
    expect(n([7, 8, 7, 10], 40)).toEqual([11, 8, 11, 10]);
    expect(n([8, 11, 9, 10], 40)).toEqual([10, 11, 9, 10]);
    expect(n([10, 10, 7, 10], 40)).toEqual([10, 10, 10, 10]);
  });
  it('trims from the maximum, saturating at zero', () => {
    expect(n([13, 13, 13, 10], 40)).toEqual([12, 9, 9, 10]);
    expect(n([13, 12, 13, 10], 40)).toEqual([9, 12, 9, 10]);
    expect(n([1, 100, 100], 10)).toEqual([1, 9, 0]);
    expect(n([1, 8, 9], 1)).toEqual([0, 1, 0]);
  });
  it('Perbill thirds', () => {
    expect(n([330000000, 330000000, 330000000], 1e9)).toEqual([333333334, 333333333, 333333333]);
  });
  it('always sums to the target', () => {
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 20n }), { minLength: 1, maxLength: 20 }),
      fc.bigInt({ min: -40n, max: 40n }), (xs, d) => {
        const sum = xs.reduce((a, b) => a + b, 0n);
        const t = sum + d < 0n ? 0n : sum + d;
        expect(normalize(xs, t).reduce((a, b) => a + b, 0n)).toBe(t);
      }));
  });
});

describe('sequential Phragmén', () => {
  // Hand computation (rationals): approvals c1=30, c2=40, c3=50.
  // Round 1 scores 1/30, 1/40, 1/50 -> elect 3; loads v20 = v30 = 1/50.
  // Round 2: c1 = (1 + 20/50)/30 = 0.04667, c2 = (1 + 30/50)/40 = 0.04 -> elect 2; load v10 = 0.04 (edge 0.04),
  // v30 = 0.04 (edge to 2: 0.04 - 0.02 = 0.02, edge to 3: 0.02).
  // Weights: v10 -> 2: 10; v20 -> 3: 20; v30 -> 3: 30*0.02/0.04 = 15, -> 2: 15. Backing: c2 = 25, c3 = 35.
  const candidates = ['1', '2', '3'];
  const voters = [v('10', 10, ['1', '2']), v('20', 20, ['1', '3']), v('30', 30, ['2', '3'])];
  it('golden: the three-candidate example by hand', () => {
    const r = seqPhragmen(2, candidates, voters);
    expect(r.winners).toEqual([{ who: '3', backedStake: 35n }, { who: '2', backedStake: 25n }]);
    expect(r.assignments).toEqual([
      { who: '10', distribution: [['2', 1_000_000_000n]] },
      { who: '20', distribution: [['3', 1_000_000_000n]] },
      { who: '30', distribution: [['2', 500_000_000n], ['3', 500_000_000n]] },
    ]);
    const stake = new Map(voters.map((x) => [x.who, x.weight]));
    const sup = resultToSupports(r, (w) => stake.get(w)!);
    expect(sup).toEqual([
      ['2', { total: 25n, voters: [['10', 10n], ['30', 15n]] }],
      ['3', { total: 35n, voters: [['20', 20n], ['30', 15n]] }],
    ]);
  });
  it('golden: with balancing the 30-voter evens out backings (25/35 -> 30/30)', () => {
    // Voter 30 splits 30 over {2 (10 from voter 10), 3 (20 from voter 20)}: equalise -> 20 to 2, 10 to 3.
    const r = seqPhragmen(2, candidates, voters, { iterations: 10, tolerance: 0n });
    expect(r.winners.map((w) => [w.who, w.backedStake])).toEqual([['3', 30n], ['2', 30n]]);
  });
  it('ties go to the first candidate in canonical order', () => {
    const r = seqPhragmen(1, ['a', 'b'], [v('x', 10, ['a']), v('y', 10, ['b'])]);
    expect(r.winners[0]!.who).toBe('a');
  });
  it('ignores votes for non-candidates and duplicate targets; elects unapproved candidates only to fill seats', () => {
    const r = seqPhragmen(3, ['a', 'b', 'c'], [v('x', 10, ['a', 'a', 'zz']), v('y', 5, ['b'])]);
    expect(r.winners.map((w) => w.who)).toEqual(['a', 'b', 'c']);
    expect(r.winners[2]!.backedStake).toBe(0n);
  });

  // Independent model: textbook sequential Phragmén over exact rationals (numerator/denominator bigints).
  // The chain's fixed-point version floors each term at 1/u128::MAX, so on small integer stakes the winners agree
  // and each edge weight is within a few units of the exact rational weight.
  type Q = [bigint, bigint];
  const gcd = (a: bigint, b: bigint): bigint => { while (b !== 0n) { [a, b] = [b, a % b]; } return a < 0n ? -a : a; };
  const q = (n: bigint, d: bigint): Q => { const g = gcd(n, d) || 1n; return [n / g, d / g]; };
  const qadd = (a: Q, b: Q): Q => q(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
  const qsub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1]);
  const qlt = (a: Q, b: Q) => a[0] * b[1] < b[0] * a[1];
  function exactPhragmen(k: number, cands: string[], vs: VoterInput[]) {
    const approval = new Map(cands.map((c) => [c, 0n]));
    for (const x of vs) for (const t of new Set(x.targets)) if (approval.has(t)) approval.set(t, approval.get(t)! + x.weight);
    const load = new Map<string, Q>(vs.map((x) => [x.who, [0n, 1n] as Q]));
    const edgeLoad = new Map<string, Q>();
    const elected: string[] = [];
    for (let r = 0; r < Math.min(k, cands.length); r++) {
      let best: string | null = null; let bestS: Q | null = null;
      for (const c of cands) {
        if (elected.includes(c) || approval.get(c) === 0n) continue;
        let s: Q = q(1n, approval.get(c)!);
        for (const x of vs) if (x.targets.includes(c)) s = qadd(s, q(x.weight * load.get(x.who)![0], load.get(x.who)![1] * approval.get(c)!));
        if (bestS === null || qlt(s, bestS)) { best = c; bestS = s; }
      }
      if (best === null) break;
      elected.push(best);
      for (const x of vs) if (x.targets.includes(best)) {
        edgeLoad.set(`${x.who}>${best}`, qsub(bestS!, load.get(x.who)!));
        load.set(x.who, bestS!);
      }
    }
    const backing = new Map<string, number>();
    for (const x of vs) for (const c of new Set(x.targets)) {
      const el = edgeLoad.get(`${x.who}>${c}`); if (!el) continue;
      const l = load.get(x.who)!;
      const w = q(x.weight * el[0] * l[1], el[1] * l[0]); // weight * edgeLoad / load, exact
      backing.set(c, (backing.get(c) ?? 0) + Number(w[0]) / Number(w[1]));
    }
    return { elected, backing };
  }
  const arbElection = fc.integer({ min: 2, max: 8 }).chain((nc) => fc.record({
    k: fc.integer({ min: 1, max: nc }),
    cands: fc.constant(Array.from({ length: nc }, (_, i) => `c${i}`)),
    voters: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 1_000_000 }),
      targets: fc.uniqueArray(fc.integer({ min: 0, max: nc - 1 }), { minLength: 1, maxLength: nc }) }), { minLength: 1, maxLength: 12 }),
  }));
  it('agrees with an exact-rational textbook model (winners; backings within rounding)', () => {
    fc.assert(fc.property(arbElection, ({ k, cands, voters: raw }) => {
      const vs = raw.map((x, i) => v(`v${i}`, x.weight, x.targets.map((t) => `c${t}`)));
      const r = seqPhragmen(k, cands, vs);
      const m = exactPhragmen(k, cands, vs);
      expect(r.winners.map((w) => w.who).slice(0, m.elected.length)).toEqual(m.elected);
      for (const w of r.winners) if (m.backing.has(w.who)) {
        expect(Math.abs(Number(w.backedStake) - m.backing.get(w.who)!)).toBeLessThanOrEqual(raw.reduce((a, x) => a + x.targets.length, 0)); // ≤ 1 unit of floor + normalization per edge
      }
    }), { numRuns: 300 });
  });
  it('incremental implementation is identical to the direct transcription of the Rust loops', () => {
    fc.assert(fc.property(arbElection, ({ k, cands, voters: raw }) => {
      const vs = raw.map((x, i) => v(`v${i}`, x.weight * 1_000_003, x.targets.map((t) => `c${t}`)));
      expect(seqPhragmen(k, cands, vs)).toEqual(seqPhragmenReference(k, cands, vs) as ElectionResult);
    }), { numRuns: 300 });
  });
  it('identical to the Rust transcription under heavy ties (equal stakes: exercises the exact tie-break path)', () => {
    const tieElection = fc.integer({ min: 2, max: 10 }).chain((nc) => fc.record({
      k: fc.integer({ min: 1, max: nc }),
      cands: fc.constant(Array.from({ length: nc }, (_, i) => `c${i}`)),
      voters: fc.array(fc.record({ weight: fc.constantFrom(10n ** 18n, 2n * 10n ** 18n, 18_446_744_073_709_551_615n),
        targets: fc.uniqueArray(fc.integer({ min: 0, max: nc - 1 }), { minLength: 1, maxLength: nc }) }), { minLength: 1, maxLength: 16 }),
    }));
    fc.assert(fc.property(tieElection, ({ k, cands, voters: raw }) => {
      const vs = raw.map((x, i) => ({ who: `v${i}`, weight: x.weight, targets: x.targets.map((t) => `c${t}`) }));
      expect(seqPhragmen(k, cands, vs)).toEqual(seqPhragmenReference(k, cands, vs));
    }), { numRuns: 300 });
  });
  it('every voter distributes exactly its stake (supports sum to the elected voters stake)', () => {
    fc.assert(fc.property(arbElection, fc.boolean(), ({ k, cands, voters: raw }, bal) => {
      const vs = raw.map((x, i) => v(`v${i}`, x.weight, x.targets.map((t) => `c${t}`)));
      const stake = new Map(vs.map((x) => [x.who, x.weight]));
      const r = seqPhragmen(k, cands, vs, bal ? { iterations: 5, tolerance: 0n } : null);
      const sup = resultToSupports(r, (w) => stake.get(w)!);
      const total = sup.reduce((a, [, s]) => a + s.total, 0n);
      const assigned = r.assignments.reduce((a, x) => a + stake.get(x.who)!, 0n);
      expect(total).toBe(assigned);
    }), { numRuns: 200 });
  });
});

describe('fused staking pipeline', () => {
  it('electSupports == resultToSupports(election result) for both algorithms, with and without balancing', () => {
    const arb = fc.integer({ min: 2, max: 8 }).chain((nc) => fc.record({
      k: fc.integer({ min: 1, max: nc }), nc: fc.constant(nc),
      voters: fc.array(fc.record({ weight: fc.bigInt(0n, 10n ** 19n),
        targets: fc.uniqueArray(fc.integer({ min: 0, max: nc + 1 }), { minLength: 1, maxLength: nc }) }), { minLength: 1, maxLength: 12 }),
      bal: fc.boolean(), algo: fc.constantFrom('phragmen' as const, 'phragmms' as const),
    }));
    fc.assert(fc.property(arb, ({ k, nc, voters: raw, bal, algo }) => {
      const cands = Array.from({ length: nc }, (_, i) => `c${i}`);
      const vs = raw.map((x, i) => ({ who: `v${i}`, weight: x.weight, targets: x.targets.map((t) => `c${t}`) })).filter((x) => x.weight > 0n);
      const b = bal ? { iterations: 3, tolerance: 0n } : null;
      const stake = new Map(vs.map((x) => [x.who, x.weight]));
      const r = (algo === 'phragmen' ? seqPhragmen : phragmms)(k, cands, vs, b);
      const fused = electSupports(algo, k, cands, vs, b);
      expect(fused.supports).toEqual(resultToSupports(r, (w) => stake.get(w)!));
      expect(fused.winners).toEqual(r.winners.map((w) => w.who));
    }), { numRuns: 300 });
  });
});

describe('PhragMMS', () => {
  it('golden: the three-candidate example by hand (with balancing)', () => {
    // Round 1: no loads, score = approval -> 3 (50). Voters 20, 30 move all stake to 3 (backed 50).
    // Round 2: denominators 1 + 20/50 (c1, via v20) and 1 + 30/50 (c2, via v30): scores 30/1.4 = 21.4, 40/1.6 = 25
    // -> elect 2, cutoff 25: v10 gives 10; v30 takes 30*25/50 = 15 from 3. Balancing evens v30: 20 to 2, 10 to 3.
    const r = phragmms(2, ['1', '2', '3'], [v('10', 10, ['1', '2']), v('20', 20, ['1', '3']), v('30', 30, ['2', '3'])],
      { iterations: 2, tolerance: 0n });
    expect(r.winners).toEqual([{ who: '3', backedStake: 30n }, { who: '2', backedStake: 30n }]);
    expect(r.assignments).toEqual([
      { who: '10', distribution: [['2', 1_000_000_000n]] },
      { who: '20', distribution: [['3', 1_000_000_000n]] },
      { who: '30', distribution: [['2', 666_666_666n], ['3', 333_333_334n]] },
    ]);
  });
  it('golden: linear voting chain (sp-npos-elections test vector)', () => {
    const r = phragmms(4, ['11', '21', '31', '41', '51', '61', '71'], [
      v('2', 2000, ['11']), v('4', 1000, ['11', '21']), v('6', 1000, ['21', '31']), v('8', 1000, ['31', '41']),
      v('110', 1000, ['41', '51']), v('120', 1000, ['51', '61']), v('130', 1000, ['61', '71'])],
      { iterations: 2, tolerance: 0n });
    expect(r.winners.map((w) => [w.who, w.backedStake])).toEqual([['11', 3000n], ['31', 2000n], ['51', 1500n], ['61', 1500n]]);
  });
});

describe('CurrencyToVote', () => {
  it('factor is 1 below u64::MAX and issuance/u64::MAX above', () => {
    expect(currencyToVoteFactor(10n ** 19n)).toBe(1n);
    const ti = 21_000_000n * 10n ** 18n;
    expect(currencyToVoteFactor(ti)).toBe(ti / 18446744073709551615n);
    expect(toVote(10n ** 18n, ti)).toBe(10n ** 18n / 1138412n);
  });
});
