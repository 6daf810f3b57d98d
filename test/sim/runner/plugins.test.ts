// World plugins (how agents/consensus join a run): genesis contributions, own event kinds, KPI sources in the
// outputs, authorship replacement, and plugin state carried through checkpoint/resume.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventClass } from '../../../sim/engine/index.js';
import { runScenario, resumeRun } from '../../../sim/runner/run.js';
import type { WorldPluginFactory } from '../../../sim/runner/plugins.js';
import type { KpiSource } from '../../../sim/metrics/kpi.js';
import { smallScenario, tempDir } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const BAI = 10n ** 18n;
const HOUR_MS = 3_600_000;

/** Sends 1 BAI from "plugin/0" to "user/0" every hour; counts its sends as a KPI; authors every block itself. */
const hourly: WorldPluginFactory = {
  name: 'hourly',
  enabled: () => true,
  genesis: () => ({ accounts: [{ id: 'plugin/0', free: 1_000_000n * BAI }], validators: [], nominators: [] }),
  create(world) {
    let sent = 0;
    const kind = world.engine.defineKind('hourly.send', () => {
      world.mempool.submit({ signer: 'plugin/0', lengthBytes: 100, call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest: 'user/0', value: BAI } } });
      sent++;
      world.engine.scheduleIn(HOUR_MS, EventClass.Agent, 1_000_000, kind, 0);
    });
    const kpi: KpiSource = {
      defs: [{ name: 'hourlySends', unit: 'count', series: true, description: 'test plugin sends' }],
      sample: () => ({ hourlySends: sent }),
      snapshot: () => sent,
      restoreSnapshot: (s) => { sent = s as number; },
    };
    return {
      start: () => world.engine.schedule(HOUR_MS / 2, EventClass.Agent, 1_000_000, kind, 0),
      snapshot: () => sent,
      restoreSnapshot: (s) => { sent = s as number; },
      kpiSources: [kpi],
      authorship: { name: 'plugin', authorFor: () => 'plugin/0', snapshot: () => null, restoreSnapshot: () => {} },
    };
  },
};

describe('world plugins', () => {
  it('join genesis, schedule events, report KPIs and author blocks', async () => {
    const r = await runScenario(smallScenario(['workload.enabled=false']), { seed: 1n, days: 2, plugins: [hourly] });
    expect(r.summary.kpis.hourlySends).toBe(48); // at 0:30, 1:30, ... 47:30
    expect(r.world.extrinsicsApplied).toBe(48);
    // activity KPIs: 60 s blocks for 2 days; only the plugin's 48 transfers, none failed or dropped
    expect([r.summary.kpis.blocks, r.summary.kpis.extrinsics, r.summary.kpis.failedExtrinsics, r.summary.kpis.droppedExtrinsics])
      .toEqual([2880, 48, 0, 0]);
    // user/0 received 48 BAI on top of its 1000 BAI genesis balance (transfers only: fees are paid by plugin/0)
    expect(r.world.binding.reads.free('user/0')).toBe(1048n * BAI);
    // plugin/0 authored every block, so it also collected the author's share of its own fees
    expect(r.world.authorship.name).toBe('plugin');
  });

  it('an extrinsic too large for any block is dropped instead of stalling the pool', async () => {
    const oversized: WorldPluginFactory = {
      name: 'oversized', enabled: () => true,
      genesis: () => ({ accounts: [{ id: 'big/0', free: 1000n * BAI }], validators: [], nominators: [] }),
      create(world) {
        const kind = world.engine.defineKind('oversized.send', () => {
          world.mempool.submit({ signer: 'big/0', lengthBytes: 6 * 1024 * 1024, call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest: 'user/1', value: BAI } } });
        });
        return { start: () => world.engine.schedule(HOUR_MS / 4, EventClass.Agent, 1_000_001, kind, 0), snapshot: () => null, restoreSnapshot: () => {} };
      },
    };
    // the oversized one (6 MiB > the 5 MiB block) is submitted at 0:15, before the hourly plugin's first at 0:30
    const r = await runScenario(smallScenario(['workload.enabled=false']), { seed: 1n, days: 1, plugins: [oversized, hourly] });
    expect([r.summary.kpis.extrinsics, r.summary.kpis.failedExtrinsics]).toEqual([24, 1]);
    expect(r.world.binding.reads.free('big/0')).toBe(1000n * BAI); // rejected before inclusion: nothing charged
  });

  it('carries plugin state through checkpoint and resume', async () => {
    const s = smallScenario();
    const full = tempDir('pl-full-'), part = tempDir('pl-part-');
    dirs.push(full, part);
    await runScenario(s, { seed: 4n, days: 3, outDir: full, plugins: [hourly] });
    await expect(runScenario(s, { seed: 4n, days: 3, outDir: part, checkpointEveryDays: 1, plugins: [hourly],
      onProgress: (d) => { if (d === 2) throw new Error('stop'); } })).rejects.toThrow('stop');
    const r = await resumeRun(part, { plugins: [hourly] });
    expect(r.summary.kpis.hourlySends).toBe(72);
    expect(readFileSync(join(part, 'summary.json'))).toEqual(readFileSync(join(full, 'summary.json')));
    expect(readFileSync(join(part, 'timeseries.arrow'))).toEqual(readFileSync(join(full, 'timeseries.arrow')));
  });
});
