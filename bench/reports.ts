// Report speed: `bai-lab report` on a 100-run sweep (target ≤ 20 s). The sweep folder is synthesised to the output
// contract at realistic size: 10 grid points (5 × 2 over two parameters) × 10 seeds, 365 days, 24 time-series KPIs,
// 30 runs-table KPIs. Also times `compare` of two such sweeps. Prints figures; asserts nothing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Float64, Int32, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { writeReport } from '../reports/report.js';
import { writeCompare } from '../reports/compare.js';

const DAYS = 365;
const SERIES_KPIS = 24;
const FINAL_KPIS = 30;
const X_VALUES = [0.5, 1, 2, 4, 8];
const Y_VALUES = [0.3, 0.6];
const SEEDS = 10;

/** Deterministic pseudo-noise in [0, 1) from integers (no Math.random: the bench is reproducible). */
function noise(a: number, b: number, c: number): number {
  let h = (a * 374761393 + b * 668265263 + c * 2147483647) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

function writeSweep(dir: string, shift: number): void {
  const runs: { runIndex: number; pointIndex: number; seed: string; x: number; y: number }[] = [];
  let runIndex = 0;
  let pointIndex = 0;
  for (const y of Y_VALUES) {
    for (const x of X_VALUES) {
      for (let s = 0; s < SEEDS; s++) runs.push({ runIndex: runIndex++, pointIndex, seed: String(1000 + s), x, y });
      pointIndex++;
    }
  }
  const finals: number[][] = [];
  for (const r of runs) {
    const runDir = join(dir, 'runs', `r${String(r.runIndex).padStart(6, '0')}`);
    mkdirSync(runDir, { recursive: true });
    const days = Int32Array.from({ length: DAYS }, (_, d) => d);
    const cols: Record<string, ReturnType<typeof makeVector>> = {
      day: makeVector(days), block: makeVector(Int32Array.from(days, (d) => (d + 1) * 14400)),
    };
    for (let k = 0; k < SERIES_KPIS; k++) {
      cols[`kpi${k}`] = makeVector(Float64Array.from(days, (d) => (k + 1) * r.x * (1 + r.y) * d + shift * d + 50 * noise(r.runIndex % SEEDS, d, k)));
    }
    writeFileSync(join(runDir, 'timeseries.arrow'), tableToIPC(new Table(cols), 'file'));
    const f = Array.from({ length: FINAL_KPIS }, (_, k) => (k + 1) * r.x * (1 + r.y) * DAYS + shift * DAYS + 50 * noise(Number(r.seed), DAYS, k));
    finals.push(f);
    const kpis: Record<string, unknown> = {};
    f.forEach((v, k) => { kpis[`kpi${k}`] = v; });
    writeFileSync(join(runDir, 'summary.json'), JSON.stringify({
      scenario: 'bench', scenarioFile: null, seed: r.seed, days: DAYS, traceHash: `0x${r.runIndex.toString(16).padStart(64, '0')}`,
      stateRoot: `0x${'00'.repeat(32)}`, token: { symbol: 'BAI', decimals: 18 },
      params: { 'emissions.blockReward': String(r.x), 'emissions.split.stakers': r.y, 'chain.blockTimeMs': 6000 }, kpis, labVersion: '0.1.0',
    }));
  }
  const table: Record<string, Vector> = {
    runIndex: vectorFromArray(runs.map((r) => r.runIndex), new Int32()),
    pointIndex: vectorFromArray(runs.map((r) => r.pointIndex), new Int32()),
    replicate: vectorFromArray(runs.map((r) => r.runIndex % SEEDS), new Int32()),
    seed: vectorFromArray(runs.map((r) => r.seed), new Utf8()),
    'param.emissions.blockReward': vectorFromArray(runs.map((r) => r.x), new Float64()),
    'param.emissions.split.stakers': vectorFromArray(runs.map((r) => r.y), new Float64()),
    traceHash: vectorFromArray(runs.map((r) => `0x${r.runIndex.toString(16).padStart(64, '0')}`), new Utf8()),
    stateRoot: vectorFromArray(runs.map(() => `0x${'00'.repeat(32)}`), new Utf8()),
  };
  for (let k = 0; k < FINAL_KPIS; k++) table[`kpi${k}`] = vectorFromArray(finals.map((f) => f[k]!), new Float64());
  writeFileSync(join(dir, 'runs.arrow'), tableToIPC(new Table(table), 'file'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    kind: 'bai-lab/sweep', version: 1, scenario: { ref: 'bench', name: 'bench', sets: [] }, rootSeed: '1', method: 'grid',
    totalRuns: runs.length, completedRuns: runs.length, status: 'complete',
    outputs: { runsTable: 'runs.arrow', runsParquet: null, runFolders: 'runs/r{runIndex:06}', sensitivity: null },
  }));
}

/** CPU seconds (user + system, every thread of the process) since `from`: the figure that does not depend on how
 *  busy the shared machine is. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

export async function bench(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bai-bench-reports-'));
  try {
    writeSweep(join(root, 'base'), 0);
    writeSweep(join(root, 'prop'), 0.5);
    let t0 = performance.now();
    let cpu0 = process.cpuUsage();
    const r = await writeReport(join(root, 'base'));
    const reportS = (performance.now() - t0) / 1000;
    const reportCpu = cpuSeconds(cpu0);
    console.log(`reports: report of a 100-run sweep (10 points × 10 seeds, ${DAYS} days, ${SERIES_KPIS} series KPIs): `
      + `${reportS.toFixed(2)} s wall, ${reportCpu.toFixed(2)} s CPU (all threads), ${r.charts.length} charts (target ≤ 20 s)`);
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    const c = await writeCompare(join(root, 'base'), join(root, 'prop'));
    const compareS = (performance.now() - t0) / 1000;
    console.log(`reports: compare of two 100-run sweeps (${c.pairs} pairs): ${compareS.toFixed(2)} s wall, `
      + `${cpuSeconds(cpu0).toFixed(2)} s CPU, ${c.charts.length} charts`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
