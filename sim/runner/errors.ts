// Error classes the CLI maps to exit codes. Anything with `exitCode === 2` is bad input (one-line message,
// no stack trace); every other error is an internal error or a failed check (exit 1).

/** Bad user input: a flag, a seed, a scenario, an output folder, a checkpoint. Exit code 2. */
export class BadInputError extends Error {
  readonly exitCode = 2 as const;
  constructor(message: string) { super(message); this.name = 'BadInputError'; }
}

/** A check that ran and failed (determinism, invariant oracle). Exit code 1, message printed as is. */
export class CheckFailedError extends Error {
  readonly exitCode = 1 as const;
  constructor(message: string) { super(message); this.name = 'CheckFailedError'; }
}

export function isBadInput(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { exitCode?: unknown }).exitCode === 2;
}
