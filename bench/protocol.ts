// Protocol benchmarks: signed balance transfers with fees through the runtime API (target >= 500k/s), and
// empty-block throughput (initializeBlock + finalizeBlock with halving emission). Prints figures; asserts nothing.
import { Runtime, runtimeConfigFromScenario, type Extrinsic } from '../protocol/runtime.js';

const BAI = 10n ** 18n;

function makeRuntime(accounts: number): Runtime {
  const endowed = Array.from({ length: accounts }, (_, i) => ({ who: `user/${i}`, amountPlanck: 1_000n * BAI }));
  return new Runtime(runtimeConfigFromScenario({}), { endowed });
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-US');
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function now(): number { return Number(process.hrtime.bigint()) / 1e6; } // wall-clock-ok (bench only)

export async function bench(): Promise<void> {
  const ACCOUNTS = 10_000, PER_BLOCK = 2_000, BLOCKS = 200;
  const rt = makeRuntime(ACCOUNTS);
  rt.events.enabled = false;
  // pre-build the extrinsics so the loop measures the runtime, not object construction
  const xts: Extrinsic[] = [];
  for (let i = 0; i < PER_BLOCK * 4; i++) {
    xts.push({ signer: `user/${i % ACCOUNTS}`, lengthBytes: 140,
      call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest: `user/${(i * 7919 + 13) % ACCOUNTS}`, value: 1_000_000_000n } } });
  }
  let ok = 0;
  const c0 = process.cpuUsage(); // wall-clock-ok: CPU time too, since the shared machine's load skews wall time
  const t0 = now();
  for (let b = 1; b <= BLOCKS; b++) {
    rt.initializeBlock(b, `user/${b % 100}`, b * 12_000);
    const base = (b % 4) * PER_BLOCK;
    for (let i = 0; i < PER_BLOCK; i++) if (rt.applyExtrinsic(xts[base + i]!).ok) ok++;
    rt.finalizeBlock();
  }
  const dt = now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  rt.checkInvariants();
  console.log(`protocol: signed transfers with fees: ${rate(ok, dt)}/s wall, ${rate(ok, cpu)}/s per CPU-second ` +
    `(${ok} ok in ${dt.toFixed(0)} ms wall / ${cpu.toFixed(0)} ms CPU, ${PER_BLOCK}/block, events off)`);

  const rt2 = makeRuntime(10);
  rt2.events.enabled = false;
  const N = 200_000;
  const c1 = process.cpuUsage();
  const t1 = now();
  for (let b = 1; b <= N; b++) { rt2.initializeBlock(b, 'user/1', b * 12_000); rt2.finalizeBlock(); }
  const dt2 = now() - t1;
  const cpu2 = cpuMs(process.cpuUsage(c1));
  rt2.checkInvariants();
  console.log(`protocol: empty blocks (emission, staking hooks, multiplier): ${rate(N, dt2)}/s wall, ${rate(N, cpu2)}/s per CPU-second ` +
    `(${((cpu2 * 1000) / N).toFixed(2)} CPU-µs per block; a 2.63M-block year ≈ ${((2_629_800 / N) * cpu2 / 1000).toFixed(1)} CPU-s)`);

  // As the runner drives it: events on and drained, the O(1) per-block oracle after every block.
  const rt3 = makeRuntime(10);
  const c3 = process.cpuUsage();
  for (let b = 1; b <= N; b++) { rt3.initializeBlock(b, 'user/1', b * 12_000); rt3.finalizeBlock(); rt3.checkBlockInvariants(); rt3.drainEvents(); }
  const cpu3 = cpuMs(process.cpuUsage(c3));
  rt3.checkInvariants();
  console.log(`protocol: empty blocks as the runner drives them (events drained, per-block oracle): ${((cpu3 * 1000) / N).toFixed(2)} CPU-µs per block ` +
    `(a 2.63M-block year ≈ ${((2_629_800 / N) * cpu3 / 1000).toFixed(1)} CPU-s)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
