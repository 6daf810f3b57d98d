// Staking-agent decision rules against hand-computed expectations, with scripted random draws.
import { describe, expect, it } from 'vitest';
import {
  bestTargets, decideNominator, decideValidator, meanYield, tally, voterChoice, type AgentRng, type ValidatorMemory,
} from '../../../sim/agents/behaviours.js';
import { buildSurvey, validatorIncomeBai, type Survey, type SurveyEntry, type SurveyReads } from '../../../sim/agents/survey.js';

/** A scripted stream: float() returns the listed values in order; int(n) = floor(next float × n). */
function scripted(values: number[]): AgentRng {
  let i = 0;
  const next = () => { if (i >= values.length) throw new Error('scripted rng exhausted'); return values[i++]!; };
  return { float: next, int: (n) => Math.floor(next() * n) };
}

const E18 = 10n ** 18n;

function entry(p: Partial<SurveyEntry> & { id: string }): SurveyEntry {
  return { commission: 0.1, elected: true, potBai: 100, eraCommission: 0.1, ownBai: 1000, stakeBai: 10_000, yieldPerYear: 0, ...p };
}
function survey(entries: SurveyEntry[], meanPotBai = 100, meanStakeBai = 10_000): Survey {
  return { era: 5, entries, meanPotBai, meanStakeBai };
}
const index = (s: Survey) => new Map(s.entries.map((e, i) => [e.id, i]));

describe('survey', () => {
  // Two elected validators with 2:1 points over an era reward of 300 BAI; one waiting candidate.
  const reads: SurveyReads = {
    elected: () => ['a', 'b'],
    eraReward: () => 300n * E18,
    points: (_e, v) => (v === 'a' ? 40 : 20),
    totalPoints: () => 60,
    exposure: (_e, v) => (v === 'a' ? { own: 1000n * E18, total: 4000n * E18 } : { own: 500n * E18, total: 1000n * E18 }),
    eraCommission: (_e, v) => (v === 'a' ? 100_000_000n : 0n),
    candidates: () => [['c', 500_000_000n], ['b', 200_000_000n], ['a', 100_000_000n]],
  };
  const s = buildSurvey(reads, 3, 365, 18);

  it('pots, yields and the waiting candidate by hand', () => {
    expect(s.entries.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = s.entries;
    expect(a!.potBai).toBeCloseTo(200, 9);                      // 300 × 40/60
    expect(b!.potBai).toBeCloseTo(100, 9);
    expect(a!.yieldPerYear).toBeCloseTo(200 * 0.9 / 4000 * 365, 9); // current commission 10%
    expect(b!.yieldPerYear).toBeCloseTo(100 * 0.8 / 1000 * 365, 9); // raised to 20% since the era
    expect(s.meanPotBai).toBeCloseTo(150, 9);
    expect(s.meanStakeBai).toBeCloseTo(2500, 9);
    expect(c!.elected).toBe(false);
    expect(c!.yieldPerYear).toBeCloseTo(150 * 0.5 / 2500 * 365, 9);
  });

  it("a validator's income: commission plus its own stake's share of the rest", () => {
    expect(validatorIncomeBai(s.entries[0]!)).toBeCloseTo(200 * 0.1 + 200 * 0.9 * (1000 / 4000), 9); // 65
    expect(validatorIncomeBai(s.entries[1]!)).toBeCloseTo(100 * 0.5, 9);                             // own half, 0%
    expect(validatorIncomeBai(s.entries[2]!)).toBe(0);
  });

  it('no completed era: the empty survey', () => { expect(buildSurvey(reads, -1, 365, 18).entries).toEqual([]); });
});

const VP = { commissionStep: 0.05, commissionCap: 0.3, lowerMargin: 1, patienceEras: 2, entryProbability: 0.5 };

describe('validators', () => {
  const base = { survey: survey([]), priceUsd: 2, bondBai: 1000 };
  const elected = (incomeCommission: number) => entry({ id: 'v', potBai: 100, eraCommission: incomeCommission, ownBai: 1000, stakeBai: 10_000 });

  it('a loss raises commission one step per era until the cap, then it leaves after patience', () => {
    // income at 10%: 100×0.1 + 100×0.9×0.1 = 19 BAI = 38 USD < cost 1000
    const m: ValidatorMemory = { commission: 0.1, unprofitableEras: 0, waitingEras: 0 };
    const seen: string[] = [];
    for (let era = 0; era < 6; era++) {
      const a = decideValidator({ ...base, status: 'active', entry: elected(m.commission), costUsd: 1000 }, m, VP, scripted([]));
      seen.push(a.kind === 'set-commission' ? `c${a.commission}` : a.kind);
    }
    // at the cap after leaving, the counter restarted: one loss era is within patience
    expect(seen).toEqual(['c0.15', 'c0.2', 'c0.25', 'c0.3', 'leave', 'none']);
  });

  it('a comfortable profit lowers commission; a thin one keeps it', () => {
    const m: ValidatorMemory = { commission: 0.1, unprofitableEras: 3, waitingEras: 0 };
    // income 19 BAI × 2 USD = 38 USD; cost 10: 38 > 10 × (1 + 1) -> lower
    expect(decideValidator({ ...base, status: 'active', entry: elected(0.1), costUsd: 10 }, m, VP, scripted([]))).toEqual({ kind: 'set-commission', commission: 0.05 });
    expect(m.unprofitableEras).toBe(0);
    // cost 20: 38 < 40 -> keep
    expect(decideValidator({ ...base, status: 'active', entry: elected(0.05), costUsd: 20 }, m, VP, scripted([]))).toEqual({ kind: 'none' });
  });

  it('a waiting candidate lowers commission and leaves after patience eras unelected', () => {
    const m: ValidatorMemory = { commission: 0.06, unprofitableEras: 0, waitingEras: 0 };
    const waiting = entry({ id: 'v', elected: false });
    expect(decideValidator({ ...base, status: 'active', entry: waiting, costUsd: 1 }, m, VP, scripted([]))).toEqual({ kind: 'set-commission', commission: 0.01 });
    expect(decideValidator({ ...base, status: 'active', entry: waiting, costUsd: 1 }, m, VP, scripted([]))).toEqual({ kind: 'leave' });
  });

  it('an unbonded candidate enters when an average seat pays its cost (with the entry probability)', () => {
    // mean pot 100, mean stake 10,000, bond 1000, commission 10%: 10 + 90 × 0.1 = 19 BAI = 38 USD
    const s = survey([], 100, 10_000);
    const m: ValidatorMemory = { commission: 0.1, unprofitableEras: 0, waitingEras: 0 };
    expect(decideValidator({ ...base, survey: s, status: 'unbonded', entry: undefined, costUsd: 37 }, m, VP, scripted([0.4]))).toEqual({ kind: 'enter', commission: 0.1 });
    expect(decideValidator({ ...base, survey: s, status: 'unbonded', entry: undefined, costUsd: 39 }, m, VP, scripted([0.4]))).toEqual({ kind: 'none' });
    expect(decideValidator({ ...base, survey: s, status: 'unbonded', entry: undefined, costUsd: 1 }, m, VP, scripted([0.6]))).toEqual({ kind: 'none' });
  });

  it('matured unbonding is withdrawn; leftover bonded stake without a role is unbonded', () => {
    const m: ValidatorMemory = { commission: 0.1, unprofitableEras: 0, waitingEras: 0 };
    expect(decideValidator({ ...base, status: 'withdrawable', entry: undefined, costUsd: 1 }, m, VP, scripted([])).kind).toBe('withdraw');
    expect(decideValidator({ ...base, status: 'bonded-idle', entry: undefined, costUsd: 1 }, m, VP, scripted([])).kind).toBe('leave');
    expect(decideValidator({ ...base, status: 'unbonding', entry: undefined, costUsd: 1 }, m, VP, scripted([])).kind).toBe('none');
  });
});

describe('nominators', () => {
  // yields: a 10%, b 20%, c 30%, d 5%
  const s = survey(['a', 'b', 'c', 'd'].map((id, i) => entry({ id, yieldPerYear: [0.1, 0.2, 0.3, 0.05][i]! })));
  const idx = index(s);
  const NP = { inertia: 0.5, rebalanceThreshold: 0.1, choiceSample: 2, nominations: 2 };

  it('mean yield counts departed targets as 0', () => {
    expect(meanYield(['a', 'c'], s, idx)).toBeCloseTo(0.2, 12);
    expect(meanYield(['a', 'gone'], s, idx)).toBeCloseTo(0.05, 12);
  });

  it('best targets: the top k of sample ∪ current, sorted by id', () => {
    // sample draws 0.9 -> index 3 (d), 0.6 -> index 2 (c); current [a]: pool {a, d, c} -> top 2 by yield: c, a
    expect(bestTargets(s, idx, ['a'], 2, 2, scripted([0.9, 0.6]))).toEqual(['a', 'c']);
  });

  it('inertia: a draw below inertia changes nothing', () => {
    expect(decideNominator({ status: 'active', targets: ['d'], survey: s, index: idx, outsideYield: 1, hurdle: 0 }, NP, scripted([0.4]))).toEqual({ kind: 'none' });
  });

  it('leaves when APY < outside yield + hurdle, stays at or above it', () => {
    // APY of [a, b] = 15%
    const o = { status: 'active' as const, targets: ['a', 'b'], survey: s, index: idx, hurdle: 0.02 };
    expect(decideNominator({ ...o, outsideYield: 0.14 }, NP, scripted([0.7]))).toEqual({ kind: 'leave' });
    // bar 0.12 < 0.15: stays; sample picks d (0.9) and a (0.1): best [a, b] = same set -> none
    expect(decideNominator({ ...o, outsideYield: 0.10 }, NP, scripted([0.7, 0.9, 0.1]))).toEqual({ kind: 'none' });
  });

  it('re-nominates when the best sampled set beats its APY by the threshold', () => {
    // current [a, d] = 7.5%; sample c (0.6), b (0.3): best [b, c] = 25% > 7.5% × 1.1
    expect(decideNominator({ status: 'active', targets: ['a', 'd'], survey: s, index: idx, outsideYield: 0, hurdle: 0 }, NP, scripted([0.7, 0.6, 0.3])))
      .toEqual({ kind: 'nominate', targets: ['b', 'c'] });
  });

  it('an unbonded nominator enters only when the best sampled set clears the bar', () => {
    const o = { status: 'unbonded' as const, targets: [], survey: s, index: idx, hurdle: 0 };
    // sample c, b: mean 25%
    expect(decideNominator({ ...o, outsideYield: 0.24 }, NP, scripted([0.7, 0.6, 0.3]))).toEqual({ kind: 'enter', targets: ['b', 'c'] });
    expect(decideNominator({ ...o, outsideYield: 0.26 }, NP, scripted([0.7, 0.6, 0.3]))).toEqual({ kind: 'none' });
  });

  it('withdraws matured chunks regardless of inertia; nothing before the first completed era', () => {
    expect(decideNominator({ status: 'withdrawable', targets: [], survey: s, index: idx, outsideYield: 0, hurdle: 0 }, NP, scripted([]))).toEqual({ kind: 'withdraw' });
    const empty: Survey = { era: -1, entries: [], meanPotBai: 0, meanStakeBai: 0 };
    expect(decideNominator({ status: 'active', targets: ['a'], survey: empty, index: new Map(), outsideYield: 9, hurdle: 0 }, NP, scripted([]))).toEqual({ kind: 'none' });
  });
});

describe('voters', () => {
  it('turnout, then approval with probability exp(−aversion × share)', () => {
    // exp(−5 × 0.1) = 0.6065
    expect(voterChoice(scripted([0.29, 0.60]), 0.3, 0.1, 5)).toBe('aye');
    expect(voterChoice(scripted([0.29, 0.61]), 0.3, 0.1, 5)).toBe('nay');
    expect(voterChoice(scripted([0.31]), 0.3, 0.1, 5)).toBeNull();
  });
  it('stake-weighted majority; abstentions do not count; a tie fails', () => {
    expect(tally([{ vote: 'aye', weight: 5n }, { vote: 'nay', weight: 3n }, { vote: null, weight: 100n }])).toEqual({ aye: 5n, nay: 3n, passed: true });
    expect(tally([{ vote: 'aye', weight: 3n }, { vote: 'nay', weight: 3n }]).passed).toBe(false);
    expect(tally([]).passed).toBe(false);
  });
});
