// The scenario library: every scenarios/*.yaml starts with the question it answers, loads through the real loader
// (extends baseline), and runs a short horizon with the invariant oracles on. To keep the suite fast the run
// shrinks the populations (agents, workload users) and uses aggregated consensus where a file asks for
// message-level nodes (the consensus owner's tests run those); the parameters each file is about stay as written.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenarios/load.js';
import { runScenario } from '../../sim/runner/run.js';

const FILES = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const SHRINK = ['agents.nominators.count=300', 'agents.validators.count=20', 'workload.accounts=100', 'oracles.everyBlocks=600'];

describe('scenario library', () => {
  it('has the scenarios issue 6 names', () => {
    for (const f of ['baseline', 'emission-split-60-30-10', 'fee-burn-80', 'first-halving', 'fee-spam-floor', 'curator-cabal',
      'wash-usage', 'validator-cartel', 'partition-recovery']) expect(FILES).toContain(`${f}.yaml`);
  });

  for (const file of FILES) {
    it(`${file}: states its question, extends baseline, loads and runs 1 day`, async () => {
      const text = readFileSync(`scenarios/${file}`, 'utf8');
      expect(text.startsWith('# Question')).toBe(true);
      if (file !== 'baseline.yaml') expect(text).toMatch(/^extends: baseline$/m);
      const full = loadScenario(`scenarios/${file}`);
      expect(full.name).toBe(file.replace(/\.yaml$/, ''));
      const consensus = (full as { consensus?: { fidelity?: string } }).consensus;
      const sets = [...SHRINK, ...(consensus?.fidelity === 'message' ? ['consensus.fidelity=aggregated'] : [])];
      const s = loadScenario(`scenarios/${file}`, sets);
      const r = await runScenario(s, { seed: 1n, days: 1 });
      const blockMs = (s as { chain: { blockTimeMs: number } }).chain.blockTimeMs;
      expect(r.summary.blocks).toBeGreaterThan(0.9 * 86_400_000 / blockMs); // a short run that actually produced blocks
      expect(r.timeseries.length).toBe(1);
    }, 120_000);
  }
});
