// The determinism checker's failure report: two runs that differ must name the first divergent event, and every
// event before it must be identical in both logs (checked independently from the logs' per-event detail).

import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../sim/runner/run.js';
import { compareRuns } from '../../../sim/runner/determinism.js';
import { smallScenario } from './helpers.js';

const LOG = { checkpointEvery: 64, detailFrom: 0, detailTo: 1 << 16 };

describe('compareRuns', () => {
  it('passes for two identical runs', async () => {
    const s = smallScenario();
    const a = await runScenario(s, { seed: 11n, days: 1, traceLog: LOG });
    const b = await runScenario(s, { seed: 11n, days: 1, traceLog: LOG });
    const rep = await compareRuns(a, b);
    expect(rep.ok).toBe(true);
    expect(rep.message).toBe(`determinism check passed: both runs have traceHash ${a.summary.traceHash} and identical outputs`);
  });

  it('names the first divergent event (tick, kind, actor) of two differing runs', async () => {
    const s = smallScenario();
    const a = await runScenario(s, { seed: 11n, days: 1, traceLog: LOG });
    const b = await runScenario(s, { seed: 12n, days: 1, traceLog: LOG }); // a nondeterministic rerun, simulated
    const rep = await compareRuns(a, b);
    expect(rep.ok).toBe(false);
    const m = /first divergent event #(\d+): run 1 \(tick (\d+), kind ([\w.]+), actor (\d+)\) vs run 2 \(tick (\d+), kind ([\w.]+), actor (\d+)\)/.exec(rep.message);
    expect(m, rep.message).not.toBeNull();
    const idx = Number(m![1]);
    const la = a.world.engine.trace.log!, lb = b.world.engine.trace.log!;
    for (let i = 0; i < idx; i++) expect(la.event(i)).toEqual(lb.event(i));
    const ea = la.event(idx), eb = lb.event(idx);
    expect([ea.tick, a.world.engine.kindName(ea.kind), ea.actor]).toEqual([Number(m![2]), m![3], Number(m![4])]);
    expect([eb.tick, b.world.engine.kindName(eb.kind), eb.actor]).toEqual([Number(m![5]), m![6], Number(m![7])]);
    expect(ea.tick !== eb.tick || ea.kind !== eb.kind || ea.actor !== eb.actor).toBe(true);
    expect(rep.message).toMatch(/^determinism check FAILED: traceHash 0x[0-9a-f]{64} \(run 1\) != 0x[0-9a-f]{64} \(run 2\)/);
  });
});

describe('checkDeterminism', () => {
  it('catches hidden state shared between runs and reports where the second run departs', async () => {
    const { checkDeterminism } = await import('../../../sim/runner/determinism.js');
    const { EventClass } = await import('../../../sim/engine/index.js');
    let runs = 0; // state outside the world: the classic source of nondeterminism
    const leaky = {
      name: 'leaky', enabled: () => true,
      create(world: import('../../../sim/runner/world.js').World) {
        const delayMs = 1000 + 1000 * runs++;
        const kind = world.engine.defineKind('leaky.tick', () => {});
        return { start: () => world.engine.schedule(delayMs, EventClass.Agent, 7, kind, 7), snapshot: () => null, restoreSnapshot: () => {} };
      },
    };
    const rep = await checkDeterminism(smallScenario(), { seed: 5n, days: 1, plugins: [leaky] });
    expect(rep.ok).toBe(false);
    // Run 1 fires leaky.tick at 1000 ms, run 2 at 2000 ms. Blocks come every 60 s from tick 0 and user transfers at
    // seeded times, so the first difference is run 1's leaky.tick at tick 1000 (unless a transfer falls before it).
    expect(rep.message).toMatch(/first divergent event #\d+: run 1 \(tick \d+, kind [\w.]+, actor \d+\) vs run 2 \(tick \d+, kind [\w.]+, actor \d+\)/);
    expect(rep.message).toContain('run 1 (tick 1000, kind leaky.tick, actor 7)');
  });
});
