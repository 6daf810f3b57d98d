// Staking benchmarks (issue 3 "Speed"):
//  1. sequential Phragmén, 1,000 candidates and 20,000 nominators of 16 targets (target ≤ 3 s), full pipeline
//     (election + Perbill assignments + supports) — exact, identical to the chain's fixed-point algorithm;
//  2. one simulated year of emissions and payouts for 1,000 validators and 20,000 nominators (target ≤ 30 s):
//     the Runtime driven directly, blocks authored by rotation over the active set, an election every era,
//     auto payout of every validator at era end.
// Env: BENCH_STAKING_DAYS (default 365), BENCH_STAKING_SEATS (validatorCount in the year run, default 100 = the
//      scenario default; 1000 elects every candidate and costs ~5x more per era),
//      BENCH_STAKING_PART=election|year (default both), BENCH_STAKING_SOLVER=inline|worker|both (default inline: one
//      thread, snapshot at the planning point unless BENCH_STAKING_LOOKAHEAD is set; worker: elections mined in a worker
//      thread from a snapshot BENCH_STAKING_LOOKAHEAD blocks early, default 600; both: the year twice, side by side),
//      BENCH_STAKING_REDUCE=false (exposures without the miner's reduce).
import { seqPhragmen } from '../protocol/pallets/staking/election/phragmen.js';
import { resultToSupports } from '../protocol/pallets/staking/election/result.js';
import { electSupports } from '../protocol/pallets/staking/election/supports.js';
import type { VoterInput } from '../protocol/pallets/staking/election/graph.js';
import { Runtime, runtimeConfigFromScenario } from '../protocol/runtime.js';
import type { GenesisStaker } from '../protocol/pallets/staking/index.js';
import { formatPlanck } from '../protocol/primitives/units.js';
import { InlineSolver } from '../protocol/pallets/staking/index.js';
import { WorkerSolver } from '../sim/adapters/election/worker-solver.js';

const now = (): number => performance.now(); // wall-clock-ok (bench only)
/** CPU ms of this process (user + system): on a shared machine it is the fairer figure next to wall time. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }; // wall-clock-ok (bench only)
const BAI = 10n ** 18n;

/** Deterministic 64-bit LCG (bench inputs only). */
function lcg(seed: bigint): () => number {
  let s = seed;
  return () => { s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n); return Number(s >> 33n); };
}

function population(nv: number, nn: number, targets: number) {
  const rnd = lcg(20261125n);
  const validators = Array.from({ length: nv }, (_, i) => `validator/${String(i).padStart(5, '0')}`);
  const nominators = Array.from({ length: nn }, (_, i) => `nominator/${String(i).padStart(6, '0')}`);
  const vBond = validators.map(() => (1_000n + BigInt(rnd() % 4_000)) * BAI);
  const nBond = nominators.map(() => (10n + BigInt(rnd() % 490)) * BAI);
  const nTargets = nominators.map(() => {
    const t = new Set<string>();
    while (t.size < Math.min(targets, nv)) t.add(validators[rnd() % nv]!);
    return [...t];
  });
  return { validators, nominators, vBond, nBond, nTargets };
}

function benchElection(): void {
  const p = population(1000, 20_000, 16);
  const ti = 21_000_000n * BAI; // CurrencyToVote factor as for the 21M supply
  const factor = ti / 18_446_744_073_709_551_615n;
  const voters: VoterInput[] = [
    ...p.validators.map((v, i) => ({ who: v, weight: p.vBond[i]! / factor, targets: [v] })),
    ...p.nominators.map((n, i) => ({ who: n, weight: p.nBond[i]! / factor, targets: p.nTargets[i]! })),
  ].sort((a, b) => (a.who < b.who ? -1 : 1));
  const stake = new Map(voters.map((v) => [v.who, v.weight]));
  const edges = voters.reduce((a, v) => a + v.targets.length, 0);
  for (const seats of [100, 300, 1000]) {
    // What the pallet runs every era: election + Perbill assignments + supports (fused pipeline).
    const t0 = now(), c0 = cpu();
    const fused = electSupports('phragmen', seats, p.validators, voters, null);
    const t1 = now(), c1 = cpu();
    // The general API (ElectionResult with Assignments, then supports), as a cross-check of the figures.
    const r = seqPhragmen(seats, p.validators, voters);
    const sup = resultToSupports(r, (w) => stake.get(w)!);
    const t2 = now(), c2 = cpu();
    if (sup.length !== fused.supports.length) throw new Error('bench: fused and general election pipelines disagree');
    process.stdout.write(`seq-Phragmén 1,000 candidates, 20,000 nominators x 16 (${edges} edges), ${seats} seats -> supports: ` +
      `${((t1 - t0) / 1000).toFixed(2)} s wall, ${((c1 - c0) / 1000).toFixed(2)} s CPU (target <= 3 s); general API ` +
      `${((t2 - t1) / 1000).toFixed(2)} s wall, ${((c2 - c1) / 1000).toFixed(2)} s CPU; min backing ` +
      `${fused.supports.reduce((m, [, x]) => (x.total < m ? x.total : m), 1n << 128n)} votes\n`);
  }
}

function benchYear(useWorker: boolean): void {
  const days = Number(process.env.BENCH_STAKING_DAYS ?? 365);
  const seats = Number(process.env.BENCH_STAKING_SEATS ?? 100);
  const p = population(1000, 20_000, 16);
  const endowed = [
    ...p.validators.map((who, i) => ({ who, amountPlanck: p.vBond[i]! + 100n * BAI })),
    ...p.nominators.map((who, i) => ({ who, amountPlanck: p.nBond[i]! + 10n * BAI })),
  ];
  const stakers: GenesisStaker[] = [
    ...p.validators.map((stash, i) => ({ stash, bondPlanck: p.vBond[i]!, role: 'validator' as const, commission: BigInt(i % 20) * 5_000_000n })),
    ...p.nominators.map((stash, i) => ({ stash, bondPlanck: p.nBond[i]!, role: 'nominator' as const, targets: p.nTargets[i]!,
      payee: i % 2 === 0 ? 'Staked' as const : 'Stash' as const })),
  ];
  // Inline: elections in this thread (one core). Worker: mined in a worker thread from a snapshot taken 600 blocks
  // (Polkadot's election phases, ~2 h) early. It gains little here: the next era is planned at the start of the era's
  // last session (1,200 blocks before its end, where the era payout runs), and the 600 blocks between snapshot and
  // planning take a few ms, so the main thread waits for nearly the whole election. It pays off where blocks are
  // expensive (message-level consensus).
  const lookahead = Number(process.env.BENCH_STAKING_LOOKAHEAD ?? (useWorker ? 600 : 0));
  const solver = useWorker ? new WorkerSolver() : new InlineSolver();
  // The miner's reduce (default) or the on-chain fallback distribution (BENCH_STAKING_REDUCE=false).
  const reduce = process.env.BENCH_STAKING_REDUCE !== 'false';
  const t0 = now();
  const rt = new Runtime(runtimeConfigFromScenario({ staking: { validatorCount: seats, electionLookaheadBlocks: lookahead, reduce } }),
    { endowed, stakers }, { electionSolver: solver });
  rt.events.enabled = false;
  const tGenesis = now() - t0;
  const eraBlocks = rt.config.staking.eraBlocks;
  const blockMs = rt.config.chain.blockTimeMs;
  const blocks = days * eraBlocks;

  let eraWorkMs = 0, eraWorkCpuMs = 0;
  const t1 = now(), c1 = cpu();
  for (let n = 1; n <= blocks; n++) {
    const heavy = (n - 1) % rt.config.staking.sessionBlocks === 0;
    const th = heavy ? now() : 0, ch = heavy ? cpu() : 0;
    const set = rt.staking.validatorsForBlock(n); // the incoming set at an era's first block
    rt.initializeBlock(n, set[n % set.length]!, n * blockMs);
    if (heavy) { eraWorkMs += now() - th; eraWorkCpuMs += cpu() - ch; }
    rt.finalizeBlock();
  }
  const tRun = now() - t1, cRun = cpu() - c1;
  if (solver instanceof WorkerSolver) solver.close();
  rt.checkInvariants();
  const st = rt.staking.stats();
  const s = rt.stats;
  const f = (x: bigint) => formatPlanck(x, 18);
  process.stdout.write(`year: ${days} eras x ${eraBlocks} blocks (${blocks} blocks), 1,000 validator candidates (${seats} elected), 20,000 nominators x 16, ` +
    `elections ${useWorker ? 'in a worker thread' : 'inline'} with a ${lookahead}-block snapshot lookahead, reduce ${reduce}; ` +
    `genesis ${(tGenesis / 1000).toFixed(1)} s, run ${(tRun / 1000).toFixed(1)} s wall / ${(cRun / 1000).toFixed(1)} s CPU${useWorker ? ' of both threads' : ''} (target <= 30 s), of which session/era work ` +
    `(elections, exposures, payouts) ${(eraWorkMs / 1000).toFixed(1)} s wall = ${(eraWorkMs / days).toFixed(0)} ms/era ` +
    `(${(eraWorkCpuMs / days).toFixed(0)} ms CPU/era); blocks alone ${useWorker ? `${((tRun - eraWorkMs) / blocks * 1000).toFixed(1)} µs wall` : `${((cRun - eraWorkCpuMs) / blocks * 1000).toFixed(1)} µs CPU`} each; ` +
    `${(blocks / (tRun / 1000) / 1000).toFixed(0)}k blocks/s\n`);
  process.stdout.write(`  elections ${st.elections}, staker reward allocated ${f(st.rewardAllocatedPlanck)} BAI, paid ${f(st.rewardPaidPlanck)} BAI, ` +
    `expired/dust ${f(st.rewardExpiredPlanck)} BAI; minted ${f(s.minted)} BAI, issuance ${f(s.totalIssuance)} BAI; invariants OK\n`);
}

export async function bench(): Promise<void> {
  const part = process.env.BENCH_STAKING_PART;
  if (part === undefined || part === 'election') benchElection();
  const solver = process.env.BENCH_STAKING_SOLVER ?? 'inline';
  if (part === undefined || part === 'year') {
    if (solver !== 'worker') benchYear(false);
    if (solver !== 'inline') benchYear(true);
  }
}
