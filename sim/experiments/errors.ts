// Named errors of the experiments layer. Bad input (exit 2) is a SweepInputError subclass, so the CLI maps
// every one of them to a one-line message and exit code 2; a failed run is a SweepRunError (exit 1).

export class SweepInputError extends Error {
  readonly exitCode = 2 as const;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `--grid` names a path the scenario schema does not have. */
export class UnknownParameterError extends SweepInputError {}
/** A `--grid` value does not fit the parameter's type (e.g. "abc" for a numeric parameter). */
export class ParameterValueError extends SweepInputError {}
/** Malformed flags: duplicate grid path, empty value list, runs < 1, unknown method or KPI. */
export class SweepOptionError extends SweepInputError {}
/** Redis cannot be reached at the given URL. */
export class RedisUnreachableError extends SweepInputError {}
/** manifest.json is missing, unreadable, or not a sweep manifest. */
export class ManifestError extends SweepInputError {}
/** A completed run's result file cannot be read (tampered or damaged outside the lab: ours are renamed into place). */
export class CorruptRunResultError extends SweepInputError {}
/** runs.arrow is truncated, unreadable, or does not match the manifest. */
export class RunsTableError extends SweepInputError {}
/** The output folder already holds a sweep (use --resume) or another coordinator holds its lock. */
export class SweepDirError extends SweepInputError {}

/** A run failed inside the simulation (invariant violation, exception): an internal error, exit 1. */
export class SweepRunError extends Error {
  readonly exitCode = 1 as const;
  constructor(readonly runIndex: number, reason: string) {
    super(`run ${runIndex} failed: ${reason}`);
    this.name = 'SweepRunError';
  }
}
