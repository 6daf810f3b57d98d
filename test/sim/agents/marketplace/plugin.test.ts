// The marketplace population inside a real world (runner + runtime + plugin), on a compressed clock (10-minute
// blocks, one-day eras) so a few simulated days take a second or two.
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2';
import { CID } from 'multiformats/cid';
import { scenarioFromObject } from '../../../../scenarios/load.js';
import type { Scenario } from '../../../../scenarios/schema.js';
import { runScenario } from '../../../../sim/runner/run.js';
import { World } from '../../../../sim/runner/world.js';
import { defaultChainFactory } from '../../../../sim/runner/chain-factory.js';
import { DAY_MS } from '../../../../sim/runner/workload.js';
import { batchBodyBytes, marketplacePlugin, MarketplacePopulation } from '../../../../sim/agents/marketplace/plugin.js';
import { dagJsonEncode } from '../../../../protocol/pallets/marketplace/index.js';
import fc from 'fast-check';
import { jsonReplacer, jsonReviver } from '../../../../protocol/primitives/storage.js';
import type { Runtime } from '../../../../protocol/runtime.js';

function scenario(market: Record<string, unknown>, extra: Record<string, unknown> = {}): Scenario {
  const base = scenarioFromObject({ name: 'market-test', days: 3, chain: { blockTimeMs: 600_000 },
    staking: { eraBlocks: 144, sessionsPerEra: 1 }, workload: { enabled: false, validators: 4, nominators: 0, accounts: 0 } });
  return { ...base, curation: { maxScoresPerCurator: 64 }, ...extra,
    agents: { marketplace: { enabled: true, providers: 8, consumers: 30, callsPerDay: 600, curators: 6, curatorCoverage: 64, ...market } } } as unknown as Scenario;
}
const kpi = (r: { summary: { kpis: Record<string, unknown> } }, k: string) => r.summary.kpis[k];

describe('marketplace plugin in a world', () => {
  it('runs the economy: calls, grants to providers and curators, deterministic per seed', async () => {
    const s = scenario({ cabal: { curators: 2, stakeShare: 0.3, providers: 1 }, wash: { providers: 1, accountsPerProvider: 3, callsPerDay: 60 },
      sybil: { entities: 1, accountsPerEntity: 3 } });
    const a = await runScenario(s, { seed: 7n, days: 3, plugins: [marketplacePlugin] });
    const b = await runScenario(s, { seed: 7n, days: 3, plugins: [marketplacePlugin] });
    expect(b.summary.traceHash).toBe(a.summary.traceHash);
    expect(JSON.stringify(b.summary.kpis, jsonReplacer)).toBe(JSON.stringify(a.summary.kpis, jsonReplacer));
    expect(kpi(a, 'consumerCalls') as number).toBeGreaterThan(1000);
    expect(kpi(a, 'providerCount')).toBe(8 + 1 + 1 + 3); // honest + cabal + wash + sybil providers, all served
    expect(BigInt(kpi(a, 'curatorDividends') as string)).toBeGreaterThan(0n); // summary.json: planck as decimal strings
    expect(BigInt(kpi(a, 'providerRevenue') as string)).toBeGreaterThan(0n);
    const share = kpi(a, 'grantShareByCabal') as number;
    expect(share >= 0 && share < 0.3).toBe(true);
    // every era's pool is fully accounted: what emissions sent to the pool = paid + what is left in it
    const rt = (a.world.chain as unknown as { runtime: Runtime }).runtime;
    const t = rt.grants.storage.totals.get();
    expect(t.eras).toBe(3);
    expect(t.providers + t.curators + t.treasury + rt.grants.poolPlanck()).toBe(rt.emissions.emittedTo().grants);
    const c = await runScenario(s, { seed: 8n, days: 3, plugins: [marketplacePlugin] });
    expect(c.summary.traceHash).not.toBe(a.summary.traceHash);
  });

  it('stores call bodies through the Storage port under content addresses', async () => {
    const r = await runScenario(scenario({}), { seed: 1n, days: 2, plugins: [marketplacePlugin] });
    const pop = r.world.plugins.find((p) => p.name === 'marketplace')!.plugin as MarketplacePopulation;
    const snap = pop.storage.snapshot();
    expect(snap.committed.length).toBeGreaterThan(0);
    for (const [keyHex, valueHex] of snap.committed.slice(0, 50)) {
      const cid = CID.decode(Uint8Array.from(Buffer.from(keyHex, 'hex')));
      expect(Buffer.from(cid.multihash.digest).toString('hex')).toBe(Buffer.from(sha256(Buffer.from(valueHex, 'hex'))).toString('hex'));
    }
  });

  it('single-call mode charges like batches and leaves one record per call', async () => {
    const batch = await runScenario(scenario({ consumers: 4, callsPerDay: 40 }), { seed: 3n, days: 2, plugins: [marketplacePlugin] });
    const single = await runScenario(scenario({ consumers: 4, callsPerDay: 40, aggregateCalls: false }), { seed: 3n, days: 2, plugins: [marketplacePlugin] });
    expect(kpi(single, 'consumerCalls')).toBe(kpi(batch, 'consumerCalls'));
    expect(kpi(single, 'providerRevenue')).toBe(kpi(batch, 'providerRevenue'));
    const rs = (single.world.chain as unknown as { runtime: Runtime }).runtime;
    expect(rs.marketplace.storage.recentRecords.size).toBe(Math.min(Number(rs.marketplace.callCount()), 4096));
  });

  it('a world restored from a snapshot continues exactly like the uninterrupted one', () => {
    const s = scenario({ wash: { providers: 1, callsPerDay: 30 } });
    const make = () => new World(s, { seed: 5n, chainFactory: defaultChainFactory, plugins: [marketplacePlugin] });
    const a = make();
    a.start();
    a.engine.runUntil(DAY_MS + DAY_MS / 2 - 1);
    const snap = JSON.parse(JSON.stringify({ e: a.engine.snapshot(), w: a.snapshot() }, jsonReplacer), jsonReviver);
    a.engine.runUntil(3 * DAY_MS - 1);
    const b = make();
    b.engine.restoreSnapshot(snap.e);
    b.restoreSnapshot(snap.w);
    b.engine.runUntil(3 * DAY_MS - 1);
    expect(Buffer.from(b.chain.stateRoot()).toString('hex')).toBe(Buffer.from(a.chain.stateRoot()).toString('hex'));
    expect(b.engine.traceHash()).toBe(a.engine.traceHash());
  });
});

describe('batch bodies document', () => {
  it('the direct encoder gives the bytes of dagJsonEncode of the document', () => {
    const int = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.nat(), int,
      fc.array(fc.record({ modelId: fc.nat({ max: 0xffffffff }), count: fc.nat() }), { maxLength: 6 }), (consumer, day, nonce, items) => {
        const doc = { consumer, day, nonce, items: items.map((p) => ({ modelId: p.modelId, count: p.count })) };
        expect(Buffer.from(batchBodyBytes(consumer, day, nonce, items)).toString('hex')).toBe(Buffer.from(dagJsonEncode(doc)).toString('hex'));
      }), { numRuns: 500 });
  });
});
