// Marketplace benchmark (issue 5): 1,000 models, 200 curators, 100k calls/day for one simulated year, through the
// real runner, runtime and marketplace plugin (consumers settle each day's calls in one calls_batch each; curators
// score all 1,000 models each per era; one Yuma epoch and grant payout per era). Prints figures; asserts nothing.
//   (a) the marketplace load with 10-minute blocks (144 blocks/day, era = 1 day): the marketplace's own cost;
//   (b) the same load with the chain's 12 s blocks (7,200 blocks/day) over a few days, extrapolated to a year:
//       the per-block cost of the whole chain (emissions, fees, invariant oracles) on top;
//   (c) as (b) with the invariant oracles once a day (oracles.everyBlocks = 7200) instead of after every block.
// BENCH_MARKET_DAYS (default 365) and BENCH_MARKET_FULL_DAYS (default 3) shorten the runs (figures extrapolate);
// BENCH_MARKET_PARTS (default "abc") picks the parts, e.g. "c" for the target figure alone.
import { scenarioFromObject } from '../scenarios/load.js';
import { runScenario } from '../sim/runner/run.js';
import { marketplacePlugin } from '../sim/agents/marketplace/plugin.js';
import type { Scenario } from '../scenarios/schema.js';

const MARKET = {
  enabled: true, providers: 1000, modelsPerProvider: 1, consumers: 1000, callsPerDay: 100_000, curators: 200,
  curatorCoverage: 1000, consumerBalance: '2000', consumerStake: '100',
};

function scenario(blockTimeMs: number, days: number, oracleEveryBlocks = 1): Scenario {
  const eraBlocks = 86_400_000 / blockTimeMs;
  const base = scenarioFromObject({ name: 'bench-marketplace', days,
    chain: { blockTimeMs }, staking: { eraBlocks, sessionsPerEra: 1 }, workload: { enabled: false, validators: 4, nominators: 0, accounts: 0 } } as never);
  return { ...base, oracles: { ...(base as { oracles?: object }).oracles, everyBlocks: oracleEveryBlocks },
    curation: { maxScoresPerCurator: 1024 }, agents: { marketplace: MARKET } } as unknown as Scenario;
}

async function run(label: string, blockTimeMs: number, days: number, yearScale: number, oracleEveryBlocks = 1): Promise<void> {
  const t0 = performance.now(); // wall-clock-ok (bench only)
  const cpu0 = process.cpuUsage();
  const r = await runScenario(scenario(blockTimeMs, days, oracleEveryBlocks), { seed: 1n, days, plugins: [marketplacePlugin] });
  const sec = (performance.now() - t0) / 1000; // wall-clock-ok
  const cpu = process.cpuUsage(cpu0);
  const cpuSec = (cpu.user + cpu.system) / 1e6;
  const k = r.summary.kpis as Record<string, unknown>;
  console.log(`marketplace ${label}: ${days} days in ${sec.toFixed(1)} s wall (${cpuSec.toFixed(1)} s CPU), ` +
    `${r.summary.blocks} blocks, ${k.consumerCalls} calls, providers ${k.providerCount}, grantGini ${Number(k.grantGini).toFixed(3)}; ` +
    `year ≈ ${(sec * yearScale).toFixed(0)} s wall (${(cpuSec * yearScale).toFixed(0)} s CPU); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

export async function bench(): Promise<void> {
  const parts = process.env.BENCH_MARKET_PARTS ?? 'abc';
  const days = Number(process.env.BENCH_MARKET_DAYS ?? 365);
  if (days > 0 && parts.includes('a')) await run('(a) 10-min blocks', 600_000, days, 365 / days);
  const fullDays = Number(process.env.BENCH_MARKET_FULL_DAYS ?? 3);
  if (fullDays > 0) {
    if (parts.includes('b')) await run('(b) 12-s blocks, oracles every block', 12_000, fullDays, 365 / fullDays);
    if (parts.includes('c')) await run('(c) 12-s blocks, oracles once a day', 12_000, fullDays, 365 / fullDays, 7200);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
