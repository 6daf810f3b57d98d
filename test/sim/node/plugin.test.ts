// Consensus joins a real run: BABE authorship replaces rotation, the consensus KPIs reach summary.json, and
// byzantine equivocations are reported to the runtime's staking pallet.
import { describe, expect, it } from 'vitest';
import { withDefaults } from '../../../protocol/pallets/consensus/index.js';
import { loadScenario } from '../../../scenarios/load.js';
import { runScenario } from '../../../sim/runner/run.js';
import type { Scenario } from '../../../scenarios/schema.js';
import { consensusPlugin } from '../../../sim/node/plugin.js';

describe('consensus world plugin (aggregated fidelity)', () => {
  it('one day: every slot with a block on the chain, consensus KPIs in the summary, equivocations reported', async () => {
    const base = loadScenario('baseline', ['workload.accounts=20']);
    const scenario = {
      ...base,
      consensus: withDefaults({ fidelity: 'aggregated', byzantine: { count: 1, babeEquivocationRate: 1, grandpaEquivocationRate: 0 } }),
    } as unknown as Scenario;
    const r = await runScenario(scenario, { seed: 3n, days: 1, plugins: [consensusPlugin] });
    const k = r.summary.kpis as Record<string, unknown>;
    // No faults: every slot has a secondary author online, so the runtime gets one block per slot (7200 a day).
    expect(k.blocks).toBe(7200);
    expect(k.slotsMissed).toBe(0);
    // Expected blocks per slot: 1 secondary + N p primaries minus the overlap; > 1 means forks were produced.
    expect(k.blocksProduced as number).toBeGreaterThan(7200);
    expect(k.orphanRate as number).toBeGreaterThan(0);
    expect(k.finalityLagP50Blocks).toBe(2);
    // The byzantine validator authors about 1/N of slots and equivocates in each: reported, deduplicated per slot.
    expect(k.equivocationsSlashed as number).toBeGreaterThan(0);
  });
});
