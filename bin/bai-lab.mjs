#!/usr/bin/env -S node --max-semi-space-size=64
// The `bai-lab` launcher: registers tsx's ESM loader in this process, then runs the TypeScript CLI entry.
// No build step: `npx bai-lab ...` or `npm run bai-lab -- ...` after `npm install` in the repo.
// --max-semi-space-size=64 (here, in the npm scripts and the bench): runs allocate many short-lived bigints and small
// objects; V8's default 16 MiB young generation promotes too many of them, and a larger one cut run CPU by about
// 10-13% (baseline and staking year bench, A/B on this machine). Peak RSS grows by at most the extra young space.
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
