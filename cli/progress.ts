// A progress bar on stderr for runs longer than a few seconds, and only when stderr is a terminal (quiet in pipes,
// CI logs and tests). Wall-clock time is fine here: the CLI is outside the deterministic core.

import { SingleBar, Presets } from 'cli-progress';
import type { CliIO } from './io.js';

const SHOW_AFTER_MS = 2000;

export function progressReporter(io: CliIO, label: string): { onProgress: (done: number, total: number) => void; stop: () => void } {
  if (!io.stderrIsTTY) return { onProgress: () => {}, stop: () => {} };
  const started = Date.now(); // wall-clock-ok: UI only
  let bar: SingleBar | null = null;
  return {
    onProgress(done, total) {
      if (bar === null) {
        if (Date.now() - started < SHOW_AFTER_MS || done >= total) return; // wall-clock-ok
        bar = new SingleBar({ stream: process.stderr, format: `${label} [{bar}] {value}/{total} days | eta {eta_formatted}`, hideCursor: true }, Presets.shades_classic);
        bar.start(total, done);
      } else bar.update(done);
    },
    stop() { if (bar !== null) { bar.stop(); bar = null; } },
  };
}
