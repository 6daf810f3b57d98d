// sim/experiments: sweeps (grid × seeds), Morris / Sobol sensitivity, on worker threads or BullMQ workers.
//
// Folder layout of a sweep DIR (what reports/ reads):
//   DIR/manifest.json        SweepManifest: scenario ref + sets, params (+ values, linked groups), design, points
//                            (params + scenarioHash), runs (runIndex, pointIndex, replicate, seed), status, outputs
//   DIR/runs/r000042/        one folder per completed run, renamed into place whole: summary.json, timeseries.arrow
//   DIR/runs.arrow           runs table (Arrow IPC file), one row per run in run-index order (see runs-table.ts)
//   DIR/runs.parquet         the same table in Parquet
//   DIR/sensitivity.json     morris/sobol only: { method, kpi, factors, indices: [{path, rank, mu, muStar, sigma} |
//                            {path, rank, s1, st, s1Conf, stConf}], effects (morris), pointMeans }
// Seeds: see seeds.ts (blake2b-256 of "bai-lab/sweep-seed/v1/<root>/<index>", first 8 bytes little-endian).
export { runSweep, sweepId, type SweepOptions, type SweepDeps, type SweepResult, type LoadedDoc } from './sweep.js';
export { readManifest, MANIFEST_FILE, type SweepManifest, type SweepMethod } from './manifest.js';
export { readRunsTable, buildRunsTable, flattenKpis, RUNS_TABLE_FILE } from './runs-table.js';
export { RUNS_PARQUET_FILE } from './parquet.js';
export { SENSITIVITY_FILE } from './sensitivity.js';
export { runDirName, readRunSummary, completedRuns, RUNS_SUBDIR, SUMMARY_FILE, TIMESERIES_FILE } from './results-store.js';
export { deriveSeed, runSeed, type SeedScheme } from './seeds.js';
export { productionDeps, localExecutor, redisExecutor, loadDoc } from './deps.js';
export { startWorker, checkRedis, DEFAULT_QUEUE, DEFAULT_LOCK_MS } from './redis.js';
export * from './errors.js';
