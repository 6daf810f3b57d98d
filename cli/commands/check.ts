// `bai-lab check [--seeds N] [--faults] [--scenario S]`: seeded consensus fault simulations with every oracle.
// Prints each failure with the command that replays it and, after shrinking, the minimal fault schedule with its
// own replay command (`--case '<json>'`). Exit 1 on any violation, 2 on bad input.
import type { Command } from 'commander';
import { withDefaults, fromScenario, type ConsensusSection } from '../../protocol/pallets/consensus/index.js';
import { loadScenario } from '../../scenarios/load.js';
import { CheckFailedError } from '../../sim/runner/errors.js';
import {
  DEFAULT_CHECK_BASE, caseCommand, formatFailure, parseCase, runCase, runCheck, type CheckBase,
} from '../../sim/runner/check.js';
import { networkWithDefaults, validateFaults, linkFromScenario, type FaultsSection, type NetworkSection } from '../../sim/node/index.js';
import type { CliIO } from '../io.js';
import type { CliCommand } from '../main.js';
import { collect, intFlag } from '../flags.js';

interface CheckFlags { seeds?: string; firstSeed?: string; faults?: boolean; scenario?: string; set: string[]; case?: string; shrink: boolean }


export const command: CliCommand = {
  name: 'check',
  register(program: Command, io: CliIO) {
    program.command('check')
      .description('run N seeded consensus fault simulations with all oracles; print failures with replay commands; exit 1 on any violation')
      .option('--seeds <N>', 'number of seeded simulations (default 20)')
      .option('--first-seed <S>', 'first seed (default 1); seeds S .. S+N-1')
      .option('--faults', 'draw a fault schedule per seed (partitions, crashes, loss, latency spikes, clock skew, withheld votes)')
      .option('--scenario <S>', 'take consensus, network, faults and the validator count from this scenario (file or library name)')
      .option('--set <path=value>', 'override a scenario parameter (with --scenario); repeatable', collect, [])
      .option('--case <json>', 'replay exactly one case (as printed after "replay minimal:")')
      .option('--no-shrink', 'do not shrink failing cases')
      .action((flags: CheckFlags) => { checkCommand(flags, io); });
  },
};

function checkCommand(flags: CheckFlags, io: CliIO): void {
  if (flags.case !== undefined) {
    const c = parseCase(flags.case);
    const v = runCase(c);
    if (v.length === 0) { io.out(`check: case seed ${c.seed} passed every oracle\n`); return; }
    throw new CheckFailedError(`check: case seed ${c.seed} failed:\n${v.slice(0, 10).map((x) => `  ${x.kind} at ${x.atMs} ms: ${x.detail}`).join('\n')}\n  replay: ${caseCommand(c)}`);
  }
  const seeds = intFlag('--seeds', flags.seeds) ?? 20;
  const firstSeed = flags.firstSeed === undefined ? 1 : intFlag('--first-seed', flags.firstSeed, 0)!;
  const base = flags.scenario !== undefined ? baseFromScenario(flags.scenario, flags.set, flags.faults === true) : { ...DEFAULT_CHECK_BASE, withFaults: flags.faults === true };
  const replayFlags = [
    flags.faults ? '--faults' : '',
    flags.scenario !== undefined ? `--scenario ${flags.scenario}` : '',
    ...flags.set.map((s) => `--set ${s}`),
    flags.shrink ? '' : '--no-shrink',
  ].filter((x) => x !== '').join(' ');
  io.err(`bai-lab check: ${seeds} seeds from ${firstSeed}${flags.faults ? ' with faults' : ''}${flags.scenario ? `, scenario ${flags.scenario}` : ''}\n`);
  const report = runCheck({ seeds, firstSeed, base, replayFlags, shrink: flags.shrink,
    onRun: (seed, ok) => io.err(`  seed ${seed}: ${ok ? 'ok' : 'FAILED'}\n`) });
  for (const f of report.failures) io.out(formatFailure(f) + '\n');
  io.out(`check: ${report.runs} runs, ${report.failures.length} failed\n`);
  if (report.failures.length > 0) throw new CheckFailedError(`check: ${report.failures.length} of ${report.runs} runs violated an oracle`);
}

/** Base case from a loaded scenario: its consensus/network/faults sections (when the schema has them). */
function baseFromScenario(ref: string, sets: string[], withFaults: boolean): CheckBase {
  const s = loadScenario(ref, sets) as unknown as {
    consensus?: Partial<ConsensusSection>; network?: Partial<NetworkSection>; faults?: FaultsSection;
    chain?: { blockTimeMs?: number }; staking?: { validatorCount?: number };
  };
  const slotMs = s.chain?.blockTimeMs ?? 12_000;
  const validators = s.staking?.validatorCount ?? 10;
  const consensus = withDefaults(s.consensus ?? {});
  const network = networkWithDefaults(s.network ?? {});
  // Validate now, so a bad scenario is exit 2 before any run.
  fromScenario(consensus, validators, slotMs);
  linkFromScenario(network);
  const hasSchedule = s.faults !== undefined && s.faults.events.length > 0;
  if (hasSchedule) validateFaults(s.faults!, validators, slotMs);
  return {
    validators, slotMs, consensus: { ...consensus, fidelity: consensus.fidelity }, network,
    ...(hasSchedule ? { faults: s.faults! } : {}),
    withFaults: withFaults || hasSchedule,
    livenessBoundSlots: s.faults?.finalityResumeWithinSlots ?? DEFAULT_CHECK_BASE.livenessBoundSlots,
  };
}
