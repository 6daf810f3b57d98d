#!/usr/bin/env -S node --max-semi-space-size=128
// The `bai-lab` launcher: registers tsx's ESM loader in this process, then runs the TypeScript CLI entry.
// No build step: `npx bai-lab ...` or `npm run bai-lab -- ...` after `npm install` in the repo.
// --max-semi-space-size=128 (here, in the npm scripts and the bench): runs allocate many short-lived bigints and small
// objects; V8's default 16 MiB young generation promotes too many of them. A/B on this machine against the default:
// 64 MiB cut run CPU by 10-13%, 128 MiB by a further ~10% (staking year bench 101-102 -> 90 ms CPU/era; baseline days
// 6-12 ~0.43 -> ~0.32 CPU s/day); 256 MiB gained nothing more. Peak RSS grows by at most the extra young space.
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
