import { describe, expect, it } from 'vitest';
import { designRng, factorsFromAxes, formatValue, morrisLevels } from '../../../sim/experiments/factors.js';
import { parseGrid } from '../../../sim/experiments/grid.js';
import { morrisAnalyze, morrisDesign } from '../../../sim/experiments/morris.js';
import { SweepOptionError } from '../../../sim/experiments/errors.js';
import { toyResolver } from './fixtures/toy-model.js';

const factors = factorsFromAxes(parseGrid(['toy.a=0,10', 'toy.b=1,2,3,4', 'toy.mode=x,y'], toyResolver));

describe('Morris design', () => {
  it('reads min,max as a range and 3+ values as levels', () => {
    expect(factors[0]!.range).toEqual({ min: 0, max: 10 });
    expect(factors[1]!.levels).toEqual(['1', '2', '3', '4']);
    expect(factors[2]!.levels).toEqual(['x', 'y']);
    expect(morrisLevels(factors[0]!, 4)).toEqual(['0', '3.33333333333', '6.66666666667', '10']);
    expect(formatValue(factors[0]!.spec, 0.1 + 0.2)).toBe('0.3');
    expect(formatValue(factors[0]!.spec, 1e-9)).toBe('0.000000001');
  });

  it('moves every factor exactly once per trajectory by floor(p/2) levels, within bounds', () => {
    const d = morrisDesign(factors, 20, 4, designRng(5n, 'morris'));
    expect(d.trajectories).toHaveLength(20);
    for (const traj of d.trajectories) {
      expect(traj).toHaveLength(4);
      const moved: number[] = [];
      for (let s = 1; s < traj.length; s++) {
        const diff = traj[s]!.map((v, i) => v - traj[s - 1]![i]!);
        const changed = diff.flatMap((x, i) => (x !== 0 ? [i] : []));
        expect(changed).toHaveLength(1);
        const i = changed[0]!;
        expect(Math.abs(diff[i]!)).toBe(Math.floor(d.levels[i]!.length / 2));
        moved.push(i);
      }
      expect(moved.sort()).toEqual([0, 1, 2]);
      for (const pt of traj) pt.forEach((j, i) => expect(j >= 0 && j < d.levels[i]!.length).toBe(true));
    }
    // same seed, same design; another seed, another design
    expect(morrisDesign(factors, 20, 4, designRng(5n, 'morris'))).toEqual(d);
    expect(morrisDesign(factors, 20, 4, designRng(6n, 'morris'))).not.toEqual(d);
    expect(() => morrisDesign(factors, 1, 4, designRng(5n, 'morris'))).toThrow(SweepOptionError);
  });

  it('recovers hand-computed elementary effects of y = 3a + b^2 (+5 when mode=y)', () => {
    const d = morrisDesign(factors, 12, 4, designRng(9n, 'morris'));
    const y = d.trajectories.map((traj) => traj.map((idx) => {
      const a = Number(d.levels[0]![idx[0]!]);
      const b = Number(d.levels[1]![idx[1]!]);
      return 3 * a + b * b + (d.levels[2]![idx[2]!] === 'y' ? 5 : 0);
    }));
    const { effects, indices } = morrisAnalyze(factors, d, y);
    expect(effects).toHaveLength(36);
    // a: linear, EE = 3 * (max - min) = 30 in every trajectory, so mu = mu* = 30, sigma = 0
    const a = indices.find((x) => x.path === 'toy.a')!;
    expect(a.mu).toBeCloseTo(30, 9);
    expect(a.muStar).toBeCloseTo(30, 9);
    expect(a.sigma).toBeCloseTo(0, 9);
    // b: steps of 2 levels on [1,2,3,4] (du = 2/3): 1<->3 gives 8/(2/3) = 12, 2<->4 gives 12/(2/3) = 18
    for (const e of effects.filter((x) => x.path === 'toy.b')) expect([12, 18]).toContain(Math.round(e.ee * 1e9) / 1e9);
    // mode: x<->y is the whole range (du = 1), effect 5
    const mode = indices.find((x) => x.path === 'toy.mode')!;
    expect(mode.muStar).toBeCloseTo(5, 9);
    expect(indices.map((x) => x.path)).toEqual(['toy.a', 'toy.b', 'toy.mode']);
    expect(indices.map((x) => x.rank)).toEqual([1, 2, 3]);
  });
});
