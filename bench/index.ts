// `npm run bench`: runs every bench/<area>.ts that exports `async function bench(): Promise<void>`, one after the
// other (never in parallel: figures must not compete for the 2 cores), printing each area's own figures.
// `npm run bench -- engine protocol` runs only the named areas.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const areas = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const unknown = wanted.filter((w) => !areas.includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`error: no bench area ${unknown.join(', ')} (areas: ${areas.join(', ')})\n`);
    return 2;
  }
  const run = wanted.length > 0 ? areas.filter((a) => wanted.includes(a)) : areas;
  let failed = 0;
  for (const area of run) {
    const mod = (await import(pathToFileURL(join(here, `${area}.ts`)).href)) as { bench?: () => Promise<void> };
    if (typeof mod.bench !== 'function') continue;
    process.stdout.write(`\n=== bench: ${area} ===\n`);
    const t0 = performance.now(); // wall-clock-ok (bench only)
    try {
      await mod.bench();
    } catch (e) {
      failed++;
      process.stdout.write(`bench ${area} FAILED: ${(e as Error).stack ?? String(e)}\n`);
    }
    process.stdout.write(`--- ${area}: ${((performance.now() - t0) / 1000).toFixed(1)} s, peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`); // wall-clock-ok
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
