import { describe, expect, it } from 'vitest';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { cartesianPoints, parseGrid, parseGridArg, planRuns } from '../../../sim/experiments/grid.js';
import { deriveSeed, parseRootSeed } from '../../../sim/experiments/seeds.js';
import { ParameterValueError, SweepOptionError, UnknownParameterError } from '../../../sim/experiments/errors.js';
import { toyResolver } from './fixtures/toy-model.js';

describe('grid parsing', () => {
  it('splits path and values', () => {
    expect(parseGridArg('toy.a=1, 2,3')).toEqual({ paths: ['toy.a'], values: [['1'], ['2'], ['3']] });
    expect(parseGridArg('toy.a,toy.b=1:2,3:4')).toEqual({ paths: ['toy.a', 'toy.b'], values: [['1', '2'], ['3', '4']] });
    expect(() => parseGridArg('toy.a,toy.b=1:2,3')).toThrow(/has 1 part\(s\) for 2 linked/);
    expect(() => parseGridArg('toy.a')).toThrow(SweepOptionError);
    expect(() => parseGridArg('toy.a=1,,2')).toThrow(SweepOptionError);
  });

  it('names unknown paths, non-numeric values, out-of-range values, duplicates', () => {
    expect(() => parseGrid(['toy.zzz=1'], toyResolver)).toThrow(UnknownParameterError);
    expect(() => parseGrid(['toy.zzz=1'], toyResolver)).toThrow(/unknown parameter path "toy.zzz".*known: a, b/);
    expect(() => parseGrid(['toy=1'], toyResolver)).toThrow(/is a section/);
    expect(() => parseGrid(['toy.a=1,abc'], toyResolver)).toThrow(ParameterValueError);
    expect(() => parseGrid(['toy.a=1,abc'], toyResolver)).toThrow(/"abc" is not a number/);
    expect(() => parseGrid(['toy.b=1.5'], toyResolver)).toThrow(/not an integer/);
    expect(() => parseGrid(['toy.a=101'], toyResolver)).toThrow(/above the maximum 100/);
    expect(() => parseGrid(['toy.mode=x,z'], toyResolver)).toThrow(/allowed: x, y/);
    expect(() => parseGrid(['toy.reward=1e3'], toyResolver)).toThrow(/not a number/);
    expect(() => parseGrid(['toy.a=1', 'toy.a=2'], toyResolver)).toThrow(/given twice/);
    expect(() => parseGrid(['toy.a=1,1.0'], toyResolver)).toThrow(/repeated value/);
  });

  it('types parameters from the schema', () => {
    const axes = parseGrid(['toy.a=1,2', 'toy.b=3', 'toy.reward=0.5,2', 'toy.mode=x,y'], toyResolver);
    expect(axes.map((a) => [a.spec.kind, a.spec.numeric])).toEqual([['number', true], ['integer', true], ['token', true], ['enum', false]]);
  });
});

describe('cartesian plan', () => {
  it('lists points row-major, first axis slowest, lists of unequal lengths', () => {
    const axes = parseGrid(['toy.a=1,2', 'toy.mode=x,y', 'toy.b=5,6,7'], toyResolver);
    const pts = cartesianPoints(axes);
    expect(pts).toHaveLength(12);
    const text = pts.map((p) => `${p.pointIndex}:${p.params['toy.a']}${p.params['toy.mode']}${p.params['toy.b']}`);
    expect(text).toEqual([
      '0:1x5', '1:1x6', '2:1x7', '3:1y5', '4:1y6', '5:1y7',
      '6:2x5', '7:2x6', '8:2x7', '9:2y5', '10:2y6', '11:2y7',
    ]);
    expect(cartesianPoints([])).toEqual([{ pointIndex: 0, params: {} }]);
  });

  it('moves linked parameters together (p1,p2=a1:a2,...) as one axis', () => {
    const axes = parseGrid(['toy.a,toy.b=1:10,2:20,3:30', 'toy.mode=x,y'], toyResolver);
    expect(axes.map((a) => [a.spec.path, a.group])).toEqual([['toy.a', 0], ['toy.b', 0], ['toy.mode', 1]]);
    const text = cartesianPoints(axes).map((p) => `${p.params['toy.a']}/${p.params['toy.b']}/${p.params['toy.mode']}`);
    expect(text).toEqual(['1/10/x', '1/10/y', '2/20/x', '2/20/y', '3/30/x', '3/30/y']);
    expect(() => parseGrid(['toy.a,toy.b=1:10,1:10'], toyResolver)).toThrow(/repeated value/);
    expect(() => parseGrid(['toy.a,toy.a=1:1'], toyResolver)).toThrow(/given twice/);
  });

  it('numbers runs point-major with replicate seeds', () => {
    const runs = planRuns(3, 2, 42n, 'run');
    expect(runs.map((r) => [r.runIndex, r.pointIndex, r.replicate])).toEqual([[0, 0, 0], [1, 0, 1], [2, 1, 0], [3, 1, 1], [4, 2, 0], [5, 2, 1]]);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(6);
    const crn = planRuns(3, 2, 42n, 'replicate');
    expect(crn.map((r) => r.seed)).toEqual([crn[0]!.seed, crn[1]!.seed, crn[0]!.seed, crn[1]!.seed, crn[0]!.seed, crn[1]!.seed]);
    expect(crn[0]!.seed).toBe(runs[0]!.seed);
    expect(() => planRuns(1, 0, 1n, 'run')).toThrow(SweepOptionError);
  });
});

describe('seed derivation', () => {
  it('is the documented blake2b-256 prefix, checked with an independent blake2 implementation', () => {
    for (const [root, idx] of [[0n, 0], [42n, 7], [(1n << 64n) - 1n, 123456]] as const) {
      const d = blake2AsU8a(new TextEncoder().encode(`bai-lab/sweep-seed/v1/${root}/${idx}`), 256);
      const expected = new DataView(d.buffer, d.byteOffset, 8).getBigUint64(0, true);
      expect(deriveSeed(root, idx)).toBe(expected);
    }
  });
  it('parses root seeds', () => {
    expect(parseRootSeed('0x10')).toBe(16n);
    expect(parseRootSeed('99')).toBe(99n);
    expect(() => parseRootSeed('-1')).toThrow();
    expect(() => parseRootSeed('18446744073709551616')).toThrow(/64 bits/);
  });
});
