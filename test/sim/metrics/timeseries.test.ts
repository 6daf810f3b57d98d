// timeseries.arrow: exact round trip of day/block/values, planck -> token conversion, keyed KPIs expanded to
// sorted `<name>.<key>` columns, and a key appearing mid-run gives NaN in earlier rows instead of a failure.

import { describe, expect, it } from 'vitest';
import type { KpiDef } from '../../../sim/metrics/kpi.js';
import { planckToToken, rowFromValues, timeseriesFromArrow, timeseriesToArrow } from '../../../sim/metrics/timeseries.js';
import { kpisForJson } from '../../../sim/metrics/summary.js';

const DEFS: KpiDef[] = [
  { name: 'issuance', unit: 'planck', series: true, description: '' },
  { name: 'ratio', unit: 'ratio', series: true, description: '' },
  { name: 'to', unit: 'planck', series: true, keyed: true, description: '' },
  { name: 'final', unit: 'count', series: false, description: '' },
];
const BAI = 10n ** 18n;

describe('timeseries', () => {
  it('converts planck to token units without overflow', () => {
    expect(planckToToken(1_500_000_000_000_000_000n, 18)).toBe(1.5);
    expect(planckToToken(21_000_000n * BAI + 1n, 18)).toBe(21_000_000.000000000000000001);
    expect(planckToToken(7n, 0)).toBe(7);
  });

  it('round-trips rows and expands keyed KPIs; late keys are NaN before they appear', () => {
    const r1 = rowFromValues(1, 7200, DEFS, { issuance: 3n * BAI / 2n, ratio: 0.25, to: { b: 2n * BAI, a: BAI }, final: 1 }, 18);
    const r2 = rowFromValues(2, 14400, DEFS, { issuance: 2n * BAI, ratio: 0.5, to: { a: BAI, b: 3n * BAI, c: BAI / 4n }, final: 2 }, 18);
    expect(Object.keys(r1.values)).toEqual(['issuance', 'ratio', 'to.a', 'to.b']);
    const back = timeseriesFromArrow(timeseriesToArrow([r1, r2]));
    expect(back.map((r) => [r.day, r.block])).toEqual([[1, 7200], [2, 14400]]);
    expect(back[0]!.values).toEqual({ issuance: 1.5, ratio: 0.25, 'to.a': 1, 'to.b': 2, 'to.c': Number.NaN });
    expect(back[1]!.values).toEqual({ issuance: 2, ratio: 0.5, 'to.a': 1, 'to.b': 3, 'to.c': 0.25 });
  });

  it('summary KPIs: planck as exact decimal strings, keyed objects sorted, undefined KPIs rejected', () => {
    const k = kpisForJson(DEFS, { issuance: 2n ** 100n, ratio: 0.5, to: { z: 1n, a: 2n }, final: 3 });
    expect(k).toEqual({ issuance: '1267650600228229401496703205376', ratio: 0.5, to: { a: '2', z: '1' }, final: 3 });
    expect(Object.keys(k.to as object)).toEqual(['a', 'z']);
    expect(() => kpisForJson(DEFS, { issuance: 1n, ratio: 0, to: {}, final: 0, extra: 1 })).toThrow('undefined KPI extra');
    expect(() => kpisForJson(DEFS, { issuance: 1n, ratio: 0, to: {} })).toThrow('KPI final has no value');
  });
});
