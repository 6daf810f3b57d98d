import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRunsTable, flattenKpis, readRunsTable, runsTableBytes } from '../../../sim/experiments/runs-table.js';
import { RunsTableError } from '../../../sim/experiments/errors.js';
import type { ParamSpec } from '../../../sim/experiments/param-space.js';

const params: ParamSpec[] = [
  { path: 'emissions.blockReward', kind: 'token', numeric: true },
  { path: 'emissions.model', kind: 'enum', numeric: false, allowed: ['halving', 'fixed'] },
];
const points = [
  { pointIndex: 0, params: { 'emissions.blockReward': '0.5', 'emissions.model': 'halving' } },
  { pointIndex: 1, params: { 'emissions.blockReward': '2', 'emissions.model': 'fixed' } },
];
const runs = [
  { runIndex: 0, pointIndex: 0, replicate: 0, seed: '1' },
  { runIndex: 1, pointIndex: 1, replicate: 0, seed: '2' },
];
const summaries: Record<number, Record<string, unknown>> = {
  0: { traceHash: '0xaa', stateRoot: '0xbb', token: { decimals: 12 }, kpis: { issuance: '1500000000000', ratio: 0.25, emittedTo: { b: '3', a: '1000000000000' }, flag: true } },
  // run 1: decimals 18, ratio missing, a text KPI where run 0 had none
  1: { traceHash: '0xcc', stateRoot: '0xdd', token: { decimals: 18 }, kpis: { issuance: '-25', emittedTo: { a: '0' }, flag: false, note: 'x' } },
};

describe('runs table', () => {
  it('flattens keyed KPIs in sorted key order', () => {
    expect(flattenKpis({ z: 1, e: { b: '2', a: '1' }, l: [1, 2] })).toEqual({ 'e.a': '1', 'e.b': '2', l: '[1,2]', z: 1 });
  });

  it('types columns, converts planck to token units with each run\'s decimals, keeps exact planck text, fills nulls', () => {
    const t = buildRunsTable({ runs, points, params, summary: (i) => summaries[i]! });
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'runIndex:Int32', 'pointIndex:Int32', 'replicate:Int32', 'seed:Utf8',
      'param.emissions.blockReward:Float64', 'param.emissions.model:Utf8', 'traceHash:Utf8', 'stateRoot:Utf8',
      'emittedTo.a:Float64', 'emittedTo.aPlanck:Utf8', 'emittedTo.b:Float64', 'emittedTo.bPlanck:Utf8',
      'flag:Bool', 'issuance:Float64', 'issuancePlanck:Utf8', 'note:Utf8', 'ratio:Float64',
    ]);
    const [r0, r1] = t.toArray().map((r) => r.toJSON());
    expect(r0).toMatchObject({ 'param.emissions.blockReward': 0.5, 'param.emissions.model': 'halving', issuance: 1.5, issuancePlanck: '1500000000000', 'emittedTo.a': 1, 'emittedTo.b': 3e-12, flag: true, note: null, ratio: 0.25 });
    expect(r1).toMatchObject({ 'param.emissions.blockReward': 2, issuance: -25e-18, issuancePlanck: '-25', 'emittedTo.b': null, 'emittedTo.bPlanck': null, flag: false, note: 'x', ratio: null });
  });

  it('is the same bytes for the same inputs, and refuses rows out of run order', () => {
    const a = runsTableBytes(buildRunsTable({ runs, points, params, summary: (i) => summaries[i]! }));
    const b = runsTableBytes(buildRunsTable({ runs, points, params, summary: (i) => structuredClone(summaries[i]!) }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(() => buildRunsTable({ runs: [runs[1]!, runs[0]!], points, params, summary: (i) => summaries[i]! })).toThrow(/run-index order/);
  });

  it('reads back, and names a missing, truncated, foreign or short runs file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bai-rt-'));
    try {
      expect(() => readRunsTable(dir)).toThrow(RunsTableError);
      const bytes = runsTableBytes(buildRunsTable({ runs, points, params, summary: (i) => summaries[i]! }));
      writeFileSync(join(dir, 'runs.arrow'), bytes);
      expect(readRunsTable(dir, 2).numRows).toBe(2);
      expect(() => readRunsTable(dir, 3)).toThrow(/2 rows, the manifest lists 3/);
      writeFileSync(join(dir, 'runs.arrow'), bytes.subarray(0, bytes.length - 30));
      expect(() => readRunsTable(dir)).toThrow(RunsTableError);
      writeFileSync(join(dir, 'runs.arrow'), 'PAR1 not arrow');
      expect(() => readRunsTable(dir)).toThrow(/not a readable Arrow IPC file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
