// Results folders written exactly as the output contract says (CONTRACTS.md "Output contract"), from small
// deterministic formulas, so report/compare tests know every number they should see.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, Int32, Table, Utf8, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';

export const DECIMALS = 18;
const UNIT = 10n ** 18n;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `bai-reports-${prefix}-`));
}

/** Deterministic per-run KPI model: issuance grows linearly with the block reward; staked ratio depends on seed. */
export function finalIssuanceBai(blockReward: number, seedIndex: number, days: number): number {
  return 1000 + blockReward * 10 * days + seedIndex;
}
export function stakedRatio(seedIndex: number, day: number): number {
  return 0.5 + 0.01 * seedIndex + 0.001 * day;
}

export interface RunSpec {
  seed: string; seedIndex: number; blockReward: number; days: number; scenario?: string;
  /** a proposal's effect: added to totalIssuance (BAI) on every day and at the end */
  issuanceOffsetBai?: number;
}

export function writeRunFolder(dir: string, spec: RunSpec): void {
  mkdirSync(dir, { recursive: true });
  const offset = spec.issuanceOffsetBai ?? 0;
  const issuance = finalIssuanceBai(spec.blockReward, spec.seedIndex, spec.days) + offset;
  const summary = {
    scenario: spec.scenario ?? 'baseline', scenarioFile: 'scenarios/baseline.yaml', seed: spec.seed, days: spec.days,
    traceHash: `0x${(BigInt(spec.seed) * 7919n + BigInt(Math.round(spec.blockReward * 100))).toString(16).padStart(64, '0')}`,
    stateRoot: `0x${'ab'.repeat(32)}`, token: { symbol: 'BAI', decimals: DECIMALS },
    params: { 'chain.blockTimeMs': 6000, 'emissions.blockReward': String(spec.blockReward), 'emissions.model': 'halving' },
    kpis: {
      totalIssuance: (BigInt(Math.round(issuance * 1000)) * (UNIT / 1000n)).toString(),
      stakedRatio: stakedRatio(spec.seedIndex, spec.days - 1),
      blocksProduced: 14400 * spec.days,
      emittedTo: { stakers: (7n * UNIT).toString(), treasury: (3n * UNIT).toString() },
    },
    labVersion: '0.1.0',
  };
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
  const days = Array.from({ length: spec.days }, (_, d) => d);
  const t = new Table({
    day: makeVector(Int32Array.from(days)),
    block: makeVector(Int32Array.from(days.map((d) => (d + 1) * 14400))),
    totalIssuance: makeVector(Float64Array.from(days.map((d) => 1000 + spec.blockReward * 10 * (d + 1) + spec.seedIndex + offset))),
    stakedRatio: makeVector(Float64Array.from(days.map((d) => stakedRatio(spec.seedIndex, d)))),
  });
  writeFileSync(join(dir, 'timeseries.arrow'), tableToIPC(t, 'file'));
}

export interface SweepSpec {
  rewards: number[]; seeds: number; days: number; rootSeed?: bigint; scenario?: string;
  /** per seed index, the proposal's issuance offset (BAI) */
  issuanceOffsetBai?: (seedIndex: number) => number;
}

export function seedFor(root: bigint, seedIndex: number): string {
  return (root * 1000n + BigInt(seedIndex)).toString();
}

/** Run folder name as sim/experiments writes it (results-store.ts runDirName). */
export function runDirName(runIndex: number): string {
  return `r${String(runIndex).padStart(6, '0')}`;
}

/** A sweep over emissions.blockReward × seeds laid out as sim/experiments does: manifest.json, runs.arrow,
 *  runs/r000000/ run folders. */
export function writeSweepFolder(dir: string, spec: SweepSpec): void {
  mkdirSync(dir, { recursive: true });
  const root = spec.rootSeed ?? 42n;
  const rows: { runIndex: number; pointIndex: number; seed: string; reward: number; trace: string; iss: number; ratio: number }[] = [];
  let runIndex = 0;
  spec.rewards.forEach((reward, pointIndex) => {
    for (let s = 0; s < spec.seeds; s++) {
      const seed = seedFor(root, s);
      const runDir = join(dir, 'runs', runDirName(runIndex));
      const offset = spec.issuanceOffsetBai?.(s) ?? 0;
      writeRunFolder(runDir, { seed, seedIndex: s, blockReward: reward, days: spec.days, scenario: spec.scenario, issuanceOffsetBai: offset });
      rows.push({
        runIndex, pointIndex, seed, reward, trace: `0x${(BigInt(seed) * 7919n + BigInt(Math.round(reward * 100))).toString(16).padStart(64, '0')}`,
        iss: finalIssuanceBai(reward, s, spec.days) + offset, ratio: stakedRatio(s, spec.days - 1),
      });
      runIndex++;
    }
  });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(sweepManifest(spec, root, rows.length), null, 2));
  writeFileSync(join(dir, 'runs.arrow'), runsTableIpc(rows));
}

function runsTableIpc(rows: { runIndex: number; pointIndex: number; seed: string; reward: number; trace: string; iss: number; ratio: number }[]): Uint8Array {
  const t = new Table({
    runIndex: makeVector(Int32Array.from(rows.map((r) => r.runIndex))),
    pointIndex: makeVector(Int32Array.from(rows.map((r) => r.pointIndex))),
    seed: vectorFromArray(rows.map((r) => r.seed), new Utf8()),
    'param.emissions.blockReward': vectorFromArray(rows.map((r) => r.reward), new Float64()),
    traceHash: vectorFromArray(rows.map((r) => r.trace), new Utf8()),
    totalIssuance: vectorFromArray(rows.map((r) => r.iss), new Float64()),
    totalIssuancePlanck: vectorFromArray(rows.map((r) => (BigInt(Math.round(r.iss * 1000)) * (UNIT / 1000n)).toString()), new Utf8()),
    stakedRatio: vectorFromArray(rows.map((r) => r.ratio), new Float64()),
  });
  void Int32;
  return tableToIPC(t, 'file');
}

/** The manifest fields sim/experiments/manifest.ts writes that reports read. */
export function sweepManifest(spec: SweepSpec, root: bigint, totalRuns: number, status: 'running' | 'complete' = 'complete'): Record<string, unknown> {
  return {
    kind: 'bai-lab/sweep', version: 1, labVersion: '0.1.0',
    scenario: { ref: 'baseline', name: spec.scenario ?? 'baseline', sets: [] },
    days: spec.days, rootSeed: root.toString(), runsPerPoint: spec.seeds, method: 'grid', kpi: null,
    params: [{ path: 'emissions.blockReward', values: spec.rewards.map(String) }],
    totalRuns, status, completedRuns: status === 'complete' ? totalRuns : Math.floor(totalRuns / 2),
    outputs: { runsTable: 'runs.arrow', runsParquet: null, runFolders: 'runs/r{runIndex:06}', sensitivity: null },
  };
}
