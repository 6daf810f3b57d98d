// Where a command writes. The launcher passes the process streams; tests pass buffers so the CLI runs in-process.

export interface CliIO {
  out(text: string): void;          // stdout: data (summary JSON, tables)
  err(text: string): void;          // stderr: seed line, progress, errors
  readonly stderrIsTTY: boolean;    // progress bars only on a terminal
}

export const processIO: CliIO = {
  out: (t) => { process.stdout.write(t); },
  err: (t) => { process.stderr.write(t); },
  get stderrIsTTY() { return process.stderr.isTTY === true; },
};

/** A buffering IO for tests. */
export function bufferIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '', stderr: '', stderrIsTTY: false,
    out(t: string) { io.stdout += t; },
    err(t: string) { io.stderr += t; },
  };
  return io;
}
