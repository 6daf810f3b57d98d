// The bai-lab CLI entry.
//
// ADDING A COMMAND (one file + one line):
//   1. Write cli/commands/<name>.ts exporting `export const command: CliCommand = { name, register(program, io) }`.
//      `register` adds a commander sub-command: `program.command('<name>').description(...).option(...)
//      .action(async (...) => { ... })`. Write data to `io.out`, diagnostics to `io.err`.
//   2. Add one import line and one entry to COMMANDS below, e.g.
//        import { command as sweep } from './commands/sweep.js';   ...   COMMANDS = [run, resume, ..., sweep]
// EXIT CODES: return normally -> 0. Throw an error with `exitCode === 2` (BadInputError, ScenarioError, from
// sim/runner/errors.ts and scenarios/load.ts) for bad input -> one-line message, exit 2. Throw CheckFailedError
// for a failed check -> its message, exit 1. Any other error -> "internal error: <message>", exit 1 (the stack
// trace only with BAI_LAB_DEBUG=1). Commander usage errors (unknown flag, missing argument) -> exit 2.
// `--help` is automatic on every command.

import { Command, CommanderError } from 'commander';
import { isBadInput } from '../sim/runner/errors.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';
import { command as run } from './commands/run.js';
import { command as resume } from './commands/resume.js';
import { command as schema } from './commands/schema.js';
import { command as report } from './commands/report.js';
import { command as compare } from './commands/compare.js';
import { command as sweep } from './commands/sweep.js';
import { command as worker } from './commands/worker.js';
import { command as check } from './commands/check.js';

export interface CliCommand {
  readonly name: string;
  register(program: Command, io: CliIO): void;
}

const COMMANDS: readonly CliCommand[] = [
  run,
  resume,
  schema,
  report,
  compare,
  sweep,
  worker,
  check,
];

import { LAB_VERSION } from '../sim/metrics/summary.js';
export { LAB_VERSION };

export function buildProgram(io: CliIO): Command {
  const program = new Command();
  program
    .name('bai-lab')
    .description('BalanceAI Lab: deterministic simulation and tokenomics lab for the BalanceAI chain')
    .version(LAB_VERSION)
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const c of COMMANDS) c.register(program, io);
  // Sub-commands inherit neither exitOverride nor output settings: apply them to every command.
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  }
  return program;
}

/** Run the CLI with `argv` (without node and script) and return the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (e) {
    return exitCodeFor(e, io);
  }
}

function exitCodeFor(e: unknown, io: CliIO): number {
  if (e instanceof CommanderError) {
    // Help and version are successes; commander has already printed usage errors on one line.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (e.code === 'commander.executeSubCommandAsync') return 1;
    return 2;
  }
  // ConfigError (protocol/primitives/config-error.ts): a pallet rejected a scenario value.
  if (isBadInput(e) || (e instanceof Error && e.name === 'ConfigError')) {
    io.err(`error: ${oneLine((e as Error).message)}\n`);
    return 2;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  // A run that hit a bound the scenario sets (e.g. engine.queueCapacity): the message names the parameter.
  if (err.name === 'QueueFullError') {
    io.err(`error: ${oneLine(err.message)}\n`);
    return 1;
  }
  if ((err as { exitCode?: unknown }).exitCode === 1) {
    io.err(`${err.message}\n`);
    return 1;
  }
  io.err(`internal error: ${oneLine(err.name + ': ' + err.message)}\n`);
  if (process.env.BAI_LAB_DEBUG === '1' && err.stack) io.err(err.stack + '\n');
  return 1;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
