import { describe, expect, it } from 'vitest';
import { designRng, factorsFromAxes } from '../../../sim/experiments/factors.js';
import { parseGrid } from '../../../sim/experiments/grid.js';
import { sobolAnalyze, sobolDesign } from '../../../sim/experiments/sobol.js';
import { toyResolver } from './fixtures/toy-model.js';

const factors = factorsFromAxes(parseGrid(['toy.a=0,1', 'toy.noise=0,1'], toyResolver));

function evaluate(model: (x1: number, x2: number) => number, n: number) {
  const d = sobolDesign(factors, n, designRng(3n, 'sobol'));
  const y = d.values.map((row) => model(Number(row[0]), Number(row[1])));
  return { d, idx: sobolAnalyze(factors, d, y, designRng(3n, 'boot'), 100) };
}

describe('Sobol / Saltelli', () => {
  it('lays out A, B, A_B^i rows', () => {
    const d = sobolDesign(factors, 3, designRng(1n, 'sobol'));
    expect(d.unitPoints).toHaveLength(3 * 4);
    for (let j = 0; j < 3; j++) {
      const [a, b, ab1, ab2] = d.unitPoints.slice(j * 4, j * 4 + 4) as number[][];
      expect(ab1).toEqual([b![0], a![1]]);
      expect(ab2).toEqual([a![0], b![1]]);
    }
  });

  it('matches analytic indices of an additive model y = x1 + 2 x2 (S1 = ST = 0.2, 0.8)', () => {
    const { idx } = evaluate((x1, x2) => x1 + 2 * x2, 4096);
    const by = Object.fromEntries(idx.map((x) => [x.path, x]));
    expect(by['toy.a']!.s1!).toBeCloseTo(0.2, 1);
    expect(by['toy.noise']!.s1!).toBeCloseTo(0.8, 1);
    expect(by['toy.a']!.st!).toBeCloseTo(0.2, 1);
    expect(by['toy.noise']!.st!).toBeCloseTo(0.8, 1);
    expect(idx[0]!.path).toBe('toy.noise');
    expect(by['toy.a']!.s1Conf!).toBeGreaterThan(0);
  });

  it('matches analytic indices of the interaction y = x1 x2 (S1 = 3/7, ST = 4/7 each)', () => {
    const { idx } = evaluate((x1, x2) => x1 * x2, 4096);
    for (const x of idx) {
      expect(Math.abs(x.s1! - 3 / 7)).toBeLessThan(0.05);
      expect(Math.abs(x.st! - 4 / 7)).toBeLessThan(0.05);
    }
  });

  it('returns null indices for a constant output', () => {
    const { idx } = evaluate(() => 1, 16);
    expect(idx.every((x) => x.s1 === null && x.st === null)).toBe(true);
  });
});
