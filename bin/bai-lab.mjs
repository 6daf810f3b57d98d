#!/usr/bin/env node
// The `bai-lab` launcher: registers tsx's ESM loader in this process, then runs the TypeScript CLI entry.
// No build step: `npx bai-lab ...` or `npm run bai-lab -- ...` after `npm install` in the repo.
import { register } from 'tsx/esm/api';

// A closed pipe (`bai-lab ... | head`) is not an error of the lab.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
}

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
// Set the exit code instead of exiting at once so stdout/stderr writes are flushed before the process ends.
process.exitCode = code;
