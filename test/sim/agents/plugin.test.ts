// Staking agents in real runs (small: 1-minute blocks, 1-hour eras, tens of agents). Expectations are counts that
// follow from the rules by hand: with inertia 0 every nominator reconsiders at its first wake of an era; a
// validator whose cost can never be met raises commission to its cap step by step and then leaves.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../scenarios/load.js';
import { runScenario, resumeRun } from '../../../sim/runner/run.js';
import { Engine } from '../../../sim/engine/index.js';
import { agentsFromScenario, agentsSection, type AgentsSection } from '../../../sim/agents/config.js';
import { buildStakingPopulation, nominatorAgentId, validatorAgentId } from '../../../sim/agents/population.js';
import { PriceCsvError } from '../../../sim/agents/price.js';
import type { Runtime } from '../../../protocol/runtime.js';
import { Value } from '@sinclair/typebox/value';

mkdirSync('test-output', { recursive: true });
const dir = resolve(mkdtempSync(join('test-output', 'agents-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SMALL = [
  'chain.blockTimeMs=60000', 'staking.eraBlocks=60', 'staking.bondingDurationEras=2', 'staking.slashDeferDurationEras=1',
  'workload.accounts=10', 'workload.validators=4', 'workload.nominators=0', 'oracles.everyBlocks=1',
  'agents.enabled=true', 'agents.validators.count=8', 'agents.validators.genesisActive=6', 'agents.nominators.count=60',
  'agents.nominators.genesisBonded=1',
];

/** A scenario file extending baseline (for list-valued fields), loaded through the real loader. */
function scenarioFile(name: string, yaml: string, sets: string[] = []) {
  const f = join(dir, `${name}.yaml`);
  writeFileSync(f, `extends: ${resolve('scenarios/baseline.yaml')}\nname: ${name}\n${yaml}`);
  return loadScenario(f, [...SMALL, ...sets]);
}

const runtimeOf = (r: Awaited<ReturnType<typeof runScenario>>) => (r.world.chain as unknown as { runtime: Runtime }).runtime;
const kpi = (r: Awaited<ReturnType<typeof runScenario>>, day: number, name: string) => r.timeseries[day - 1]!.values[name];

describe('staking agents in a run', () => {
  it('nominators leave when the outside yield rises above every APY (and not before)', async () => {
    const s = scenarioFile('outside-yield', [
      'agents:', '  nominators:', '    outsideYieldSchedule: [{ day: 1, value: 99 }]',
    ].join('\n'), ['agents.nominators.inertia=0', 'agents.nominators.hurdleMax=0', 'agents.nominators.outsideYield=0',
      'agents.validators.entryProbability=0']);
    const r = await runScenario(s, { seed: 3n, days: 2 });
    // day 1: outside yield 0, hurdle 0: staying is always at least as good; all 60 nominate
    expect(kpi(r, 1, 'nominatorsLeft')).toBe(0);
    expect(kpi(r, 1, 'activeNominators')).toBe(60);
    expect(kpi(r, 1, 'outsideYield')).toBe(0);
    // day 2: 9,900% outside: every nominator leaves at its first wake, chills and unbonds
    expect(kpi(r, 2, 'outsideYield')).toBe(99);
    expect(kpi(r, 2, 'nominatorsLeft')).toBe(60);
    expect(kpi(r, 2, 'activeNominators')).toBe(0);
    const st = runtimeOf(r).staking.storage;
    for (let i = 0; i < 60; i++) {
      const l = st.ledger.get(nominatorAgentId(i));
      expect(st.nominators.has(nominatorAgentId(i))).toBe(false);
      if (l !== undefined) expect(l.unlocking.length + (l.active === 0n ? 0 : 1)).toBeGreaterThan(0); // unbonding (or withdrawn)
    }
  }, 60_000);

  it('validators that cannot cover their cost raise commission to the cap step by step, then leave and withdraw', async () => {
    const s = scenarioFile('unprofitable', '', [
      'agents.validators.count=6', 'agents.validators.costPerEraUsd=1000000000', 'agents.validators.costSigma=0',
      'agents.validators.commissionMin=0.1', 'agents.validators.commissionMax=0.1', 'agents.validators.commissionStep=0.05',
      'agents.validators.commissionCap=0.3', 'agents.validators.patienceEras=2', 'agents.validators.entryProbability=0',
      'agents.nominators.count=0',
    ]);
    const r = await runScenario(s, { seed: 5n, days: 1 });
    const last = r.timeseries.length;
    // 0.1 -> 0.15 -> 0.2 -> 0.25 -> 0.3 (4 changes), then at the cap with 5 loss eras >= patience 2: leave
    expect(kpi(r, last, 'commissionChanges')).toBe(6 * 4);
    expect(kpi(r, last, 'validatorsLeft')).toBe(6);
    expect(kpi(r, last, 'validatorsEntered')).toBe(0);
    expect(kpi(r, last, 'validatorCandidates')).toBe(4); // the workload's validators stay
    const st = runtimeOf(r).staking.storage;
    for (let i = 0; i < 6; i++) expect(st.ledger.has(validatorAgentId(i))).toBe(false); // unbonded 2 eras, then withdrawn
  }, 60_000);

  it('a resumed checkpoint ends exactly like the uninterrupted run (agent state is plain data)', async () => {
    const s = scenarioFile('resume', '', ['agents.nominators.inertia=0.5', 'agents.price.volatilityPerYear=2']);
    const full = join(dir, 'full'), part = join(dir, 'part');
    const a = await runScenario(s, { seed: 11n, days: 3, outDir: full });
    await expect(runScenario(s, {
      seed: 11n, days: 3, outDir: part, checkpointEveryDays: 1,
      onProgress: (d) => { if (d === 2) throw new Error('interrupted'); },
    })).rejects.toThrow('interrupted');
    expect(readdirSync(join(part, 'checkpoints'))).toEqual(['day-000001.ckpt']);
    const b = await resumeRun(part);
    expect(b.summary.traceHash).toBe(a.summary.traceHash);
    expect(b.summary.kpis).toEqual(a.summary.kpis);
    expect(Number(a.summary.kpis['nominatorsRebalanced']) + Number(a.summary.kpis['nominatorsLeft'])).toBeGreaterThan(0); // agents acted
  }, 90_000);

  it('the CSV price path drives baiPriceUsd; a bad CSV fails the run with a named error', async () => {
    writeFileSync(join(dir, 'prices.csv'), 'date,price\n2025-01-01,0.5\n2025-01-02,0.75\n');
    const s = scenarioFile('csv', ['agents:', '  price:', '    model: csv', '    csvFile: prices.csv'].join('\n'));
    const r = await runScenario(s, { seed: 1n, days: 3 });
    expect(r.timeseries.map((row) => row.values['baiPriceUsd'])).toEqual([0.5, 0.75, 0.75]);
    writeFileSync(join(dir, 'bad.csv'), 'date,price\n2025-01-01,0.5\n2025-01-01,0.75\n');
    const bad = scenarioFile('csv-bad', ['agents:', '  price:', '    model: csv', '    csvFile: bad.csv'].join('\n'));
    await expect(runScenario(bad, { seed: 1n, days: 1 })).rejects.toThrow(PriceCsvError);
    await expect(runScenario(bad, { seed: 1n, days: 1 })).rejects.toThrow(/bad\.csv:3: date 2025-01-01 is not after/);
  }, 60_000);
});

describe('voters', () => {
  it('a stake majority approves treasury spends by Root; unanimous nays approve none', async () => {
    const base = ['agents.voters.enabled=true', 'agents.voters.proposalEveryEras=4', 'agents.voters.turnout=1', 'agents.validators.entryProbability=0'];
    const yes = await runScenario(scenarioFile('voters-yes', '', [...base, 'agents.voters.sizeAversion=0']), { seed: 2n, days: 1 });
    // 24 one-hour eras: proposals after the wake windows of eras 4, 8, ..., 20 (era 24 starts at the day's end)
    expect(kpi(yes, 1, 'proposals')).toBe(5);
    expect(kpi(yes, 1, 'proposalsPassed')).toBe(5);
    expect(runtimeOf(yes).treasury.storage.spendCount.get()).toBe(5);
    const no = await runScenario(scenarioFile('voters-no', '', [...base, 'agents.voters.sizeAversion=1000']), { seed: 2n, days: 1 });
    expect(kpi(no, 1, 'proposals')).toBe(5);
    expect(kpi(no, 1, 'proposalsPassed')).toBe(0); // exp(−1000 × share) ≈ 0 for any share above ~1e-6
    expect(runtimeOf(no).treasury.storage.spendCount.get()).toBe(0);
  }, 60_000);
});

describe('spammer', () => {
  it('submits transfersPerMinute every minute from startDay, round robin; the chain includes them', async () => {
    const s = scenarioFile('spam', '', ['agents.nominators.count=0', 'agents.validators.count=0', 'agents.validators.genesisActive=0', 'workload.accounts=2',
      'workload.transfersPerAccountPerDay=0', 'agents.spam.enabled=true', 'agents.spam.startDay=1', 'agents.spam.accounts=3',
      'agents.spam.transfersPerMinute=10']);
    const r = await runScenario(s, { seed: 1n, days: 2 });
    expect(kpi(r, 1, 'spamTransfers')).toBe(0);
    expect(kpi(r, 2, 'spamTransfers')).toBe(1440 * 10); // minutes of day 2 × 10
    const applied = Number(kpi(r, 2, 'extrinsics')) - Number(kpi(r, 1, 'extrinsics'));
    expect(applied).toBeGreaterThanOrEqual(1439 * 10); // the last minute's batch may wait for the next block
    const b = runtimeOf(r).balances;
    // each spammer sent and received the same number of transfers (±1 batch position): balances moved only by fees
    for (let i = 0; i < 3; i++) expect(b.free(`agent/spammer/${i}`)).toBeLessThan(1000n * 10n ** 18n);
  }, 60_000);
});

describe('population', () => {
  const section = (count: number): AgentsSection => Value.Default(agentsSection, {
    enabled: true, nominators: { count }, validators: { count: 5, genesisActive: 5 },
  }) as AgentsSection;
  const build = (count: number) => {
    const e = new Engine({ seed: 42n });
    return buildStakingPopulation(agentsFromScenario(section(count), 18), 16, ['validator/0'],
      (i) => e.rng.stream('agents.validator.traits', i), (i) => e.rng.stream('agents.nominator.traits', i));
  };

  it('adding a nominator leaves every other agent\'s traits and genesis targets unchanged', () => {
    const a = build(50), b = build(51);
    expect(b.hurdle.slice(0, 50)).toEqual(a.hurdle);
    expect(b.costUsd).toEqual(a.costUsd);
    expect(b.genesis.nominators.slice(0, 50)).toEqual(a.genesis.nominators);
    expect(b.hurdle[50]).not.toBe(a.hurdle[49]);
  });

  it('genesis: bonds and balances by config, targets distinct among the genesis validators', () => {
    const p = build(40);
    const ids = new Set([...p.validatorIds, 'validator/0']);
    expect(p.genesis.validators.length).toBe(5);
    expect(p.genesis.nominators.length).toBe(Math.floor(40 * 0.8));
    for (const n of p.genesis.nominators) {
      expect(n.targets.length).toBe(6); // min(8 nominations, 6 genesis validators)
      expect(new Set(n.targets).size).toBe(6);
      for (const t of n.targets) expect(ids.has(t)).toBe(true);
      expect(n.bond).toBe(200n * 10n ** 18n);
    }
    expect(p.genesis.accounts.find((a) => a.id === nominatorAgentId(0))!.free).toBe(220n * 10n ** 18n);
    expect(p.genesis.accounts.find((a) => a.id === validatorAgentId(0))!.free).toBe(20_500n * 10n ** 18n);
  });
});
