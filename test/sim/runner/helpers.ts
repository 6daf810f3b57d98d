// Shared helpers for runner tests: a small, fast scenario (few accounts, 1-minute blocks).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenario } from '../../../scenarios/load.js';
import type { Scenario } from '../../../scenarios/schema.js';

// The baseline may enable large agent populations and sparse oracles: runner tests pin a small world of their own.
export const SMALL_SETS = [
  'agents.enabled=false', 'agents.marketplace.enabled=false', 'oracles.everyBlocks=1',
  'chain.blockTimeMs=60000', 'workload.accounts=60', 'workload.validators=4', 'workload.nominators=10',
  'workload.transfersPerAccountPerDay=24', 'workload.nominationsPerNominator=2',
];

export function smallScenario(extra: string[] = []): Scenario {
  return loadScenario('baseline', [...SMALL_SETS, ...extra]);
}

export function tempDir(prefix: string): string {
  mkdirSync('test-output', { recursive: true });
  return resolve(mkdtempSync(join('test-output', prefix)));
}
