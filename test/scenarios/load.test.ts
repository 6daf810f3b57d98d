// Scenario loader: line-numbered errors, extends composition and cycles, --set coercion, defaults, freezing,
// and the generated JSON Schema being current.

import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError, flattenParams, scenarioSource } from '../../scenarios/load.js';
import { scenarioJsonSchemaText } from '../../scenarios/schema.js';

mkdirSync('test-output', { recursive: true });
const dir = resolve(mkdtempSync(join('test-output', 'scn-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}
const shown = (p: string) => relative(process.cwd(), p);
function errorOf(fn: () => unknown): ScenarioError {
  try { fn(); } catch (e) { if (e instanceof ScenarioError) return e; throw e; }
  throw new Error('expected a ScenarioError');
}

describe('loadScenario', () => {
  it('loads the baseline by library name and fills defaults', () => {
    const s = loadScenario('baseline');
    expect(s.name).toBe('baseline');
    expect(s.workload.accounts).toBe(1000);
    expect(s.workload.maxTransferFraction).toBe(0.01);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.workload)).toBe(true);
    expect(scenarioSource(s)?.file).toBe('scenarios/baseline.yaml');
  });

  it('names file:line, path and allowed range for an out-of-range value', () => {
    const p = file('range.yaml', 'name: r\n# comment\nworkload:\n  enabled: true\n  accounts: -1\n');
    const e = errorOf(() => loadScenario(p));
    expect(e.message).toBe(`${shown(p)}:5: workload.accounts: must be >= 0 (allowed: integer 0..1000000)`);
    expect(e.exitCode).toBe(2);
  });

  it('rejects unknown fields at their line, listing the known ones', () => {
    const p = file('unknown.yaml', 'workload:\n  acounts: 5\n');
    const e = errorOf(() => loadScenario(p));
    expect(e.message.startsWith(`${shown(p)}:2: workload.acounts: unknown field (allowed: enabled, accounts,`)).toBe(true);
    const top = file('unknown-top.yaml', 'name: x\nstakng: {}\n');
    expect(errorOf(() => loadScenario(top)).message).toMatch(new RegExp(`^${shown(top)}:2: stakng: unknown field`));
  });

  it('rejects wrong types', () => {
    const p = file('type.yaml', 'days: ten\n');
    expect(errorOf(() => loadScenario(p)).message).toBe(`${shown(p)}:1: days: must be an integer, got "ten" (allowed: integer 1..36525)`);
    const q = file('frac.yaml', 'days: 2.5\n');
    expect(errorOf(() => loadScenario(q)).message).toBe(`${shown(q)}:1: days: must be an integer, got 2.5 (allowed: integer 1..36525)`);
  });

  it('reports YAML syntax errors with a line and non-mapping documents', () => {
    const p = file('syntax.yaml', 'name: a\ndays: [1, 2\n');
    expect(errorOf(() => loadScenario(p)).message).toMatch(new RegExp(`^${shown(p)}:\\d+: YAML syntax: `));
    const dup = file('dup.yaml', 'days: 1\ndays: 2\n');
    expect(errorOf(() => loadScenario(dup)).message).toMatch(new RegExp(`^${shown(dup)}:2: YAML syntax: .*[Mm]ap keys must be unique`));
    const list = file('list.yaml', '- a\n- b\n');
    expect(errorOf(() => loadScenario(list)).message).toBe(`${shown(list)}:1: a scenario must be a mapping of sections (key: value)`);
  });

  it('reports a missing scenario', () => {
    expect(errorOf(() => loadScenario(join(dir, 'nope.yaml'))).message).toMatch(/^scenario: file not found: /);
    expect(errorOf(() => loadScenario('no-such-library-scenario')).message)
      .toMatch(/^scenario: no scenario file or library scenario named "no-such-library-scenario"/);
  });

  it('composes extends: the child overrides, errors point at the file that set the value', () => {
    file('comp/parent.yaml', 'name: parent\ndays: 7\nworkload:\n  accounts: 10\n  validators: 0\n');
    const child = file('comp/child.yaml', 'extends: parent.yaml\nname: child\nworkload:\n  accounts: 20\n');
    const s = loadScenario(child);
    expect(s.name).toBe('child');
    expect(s.days).toBe(7);
    expect(s.workload.accounts).toBe(20);
    expect(s.workload.validators).toBe(0);
    expect((s as Record<string, unknown>).extends).toBeUndefined();
    expect(scenarioSource(s)?.chain).toEqual([shown(child), shown(join(dir, 'comp/parent.yaml'))]);
    const badParent = file('comp/bad-parent.yaml', 'name: p\n\nworkload:\n  nominators: -3\n');
    const kid = file('comp/kid.yaml', 'extends: ./bad-parent.yaml\n');
    expect(errorOf(() => loadScenario(kid)).message).toBe(`${shown(badParent)}:4: workload.nominators: must be >= 0 (allowed: integer 0..1000000)`);
    const lib = file('comp/lib.yaml', 'extends: baseline\ndays: 3\n');
    const ls = loadScenario(lib);
    expect(ls.name).toBe('baseline');
    expect(ls.days).toBe(3);
  });

  it('detects extends cycles and missing parents', () => {
    file('cyc/a.yaml', 'extends: b.yaml\n');
    file('cyc/b.yaml', 'name: b\nextends: a.yaml\n');
    const e = errorOf(() => loadScenario(join(dir, 'cyc/a.yaml')));
    expect(e.message).toContain('extends cycle: ');
    expect(e.message).toContain('a.yaml -> ');
    const self = file('cyc/self.yaml', 'extends: self.yaml\n');
    expect(errorOf(() => loadScenario(self)).message).toContain('extends cycle');
    const orphan = file('cyc/orphan.yaml', 'name: o\nextends: missing.yaml\n');
    expect(errorOf(() => loadScenario(orphan)).message).toBe(`${shown(orphan)}:2: extends: file not found: missing.yaml`);
  });

  it('--set coerces by the schema type and validates the result', () => {
    const s = loadScenario('baseline', ['days=5', 'workload.enabled=false', 'workload.accountBalance=0.5', 'seed=0x2a']);
    expect(s.days).toBe(5);
    expect(s.workload.enabled).toBe(false);
    expect(s.workload.accountBalance).toBe('0.5');
    expect(s.seed).toBe('0x2a');
    expect(errorOf(() => loadScenario('baseline', ['days=0'])).message).toBe('--set days=0: days: must be >= 1 (allowed: integer 1..36525)');
    expect(errorOf(() => loadScenario('baseline', ['days=abc'])).message).toBe('--set days=abc: days: not a number: "abc" (allowed: integer 1..36525)');
    expect(errorOf(() => loadScenario('baseline', ['workload.enabled=yes'])).message).toBe('--set workload.enabled=yes: workload.enabled: not a boolean: "yes" (allowed: true, false)');
    expect(errorOf(() => loadScenario('baseline', ['nosuch.path=1'])).message).toMatch(/^--set nosuch\.path=1: nosuch\.path: unknown parameter path/);
    expect(errorOf(() => loadScenario('baseline', ['workload.accountz=1'])).message).toMatch(/^--set workload\.accountz=1: workload\.accountz: unknown parameter path \(allowed: workload\.enabled/);
    expect(errorOf(() => loadScenario('baseline', ['days'])).message).toBe('--set days: expected path=value (allowed: e.g. --set staking.validatorCount=100)');
    // a whole section as YAML flow syntax
    const w = loadScenario('baseline', ['workload={accounts: 3, validators: 1}']);
    expect(w.workload.accounts).toBe(3);
    expect(w.workload.nominators).toBe(300); // default refilled inside the replaced section
  });

  it('flattens parameters to leaf paths', () => {
    const p = flattenParams(loadScenario('baseline', ['days=4']));
    expect(p.days).toBe(4);
    expect(p['workload.accounts']).toBe(1000);
    expect(Object.keys(p)).toContain('name');
  });
});

describe('scenarios/schema.json', () => {
  it('is generated from the TypeScript schema (run `npm run schema` after changing a section)', () => {
    expect(readFileSync('scenarios/schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });
});

describe('semantic checks (pallet fromScenario)', () => {
  it('maps a ConfigError to the file:line that set the value', () => {
    const p = file('amount.yaml', 'name: a\nworkload:\n  accounts: 2\n  accountBalance: "0.0000000000000000001"\n');
    const e = errorOf(() => loadScenario(p));
    expect(e.message).toMatch(new RegExp(`^${shown(p)}:4: workload\\.accountBalance: more than 18 decimals`));
    const ed = errorOf(() => loadScenario('baseline', ['chain.existentialDeposit=0']));
    expect(ed.message).toBe('--set chain.existentialDeposit=0: chain.existentialDeposit: must be positive (Substrate requires ED > 0) (allowed: > 0)');
  });
});

describe('documented parameter paths (issue 3 item 8)', () => {
  it('every path users rely on is settable with --set and lands typed in the scenario', () => {
    const sets: Array<[string, unknown]> = [
      ['chain.blockTimeMs=6000', 6000], ['emissions.model=npos', 'npos'], ['emissions.blockReward=0.5', '0.5'],
      ['emissions.halvingIntervalBlocks=1000', 1000], ['emissions.maxSupply=1000000000', '1000000000'],
      ['emissions.split.stakers=0.5', 0.5], ['emissions.split.grants=0.4', 0.4], ['emissions.split.treasury=0.1', 0.1],
      ['fees.split.burn=0.8', 0.8], ['fees.split.author=0.2', 0.2], ['fees.split.treasury=0', 0],
      ['staking.eraBlocks=600', 600], ['staking.bondingDurationEras=7', 7], ['staking.maxNominations=8', 8],
      ['staking.validatorCount=20', 20],
    ];
    const s = loadScenario('baseline', [...sets.map(([a]) => a), 'staking.sessionsPerEra=6']);
    const flat = flattenParams(s);
    for (const [spec, want] of sets) expect(flat[spec.slice(0, spec.indexOf('='))], spec).toBe(want);
  });

  it('rejects invalid economics at load time, naming the path and the allowed range', () => {
    expect(errorOf(() => loadScenario('baseline', ['emissions.split.stakers=0.5'])).message)
      .toMatch(/^--set emissions\.split\.stakers=0\.5: emissions\.split: shares must sum to exactly 1 \(100%\), got 1\.06 \(allowed: stakers \+ grants \+ treasury = 1\)$/);
    expect(errorOf(() => loadScenario('baseline', ['fees.split.burn=1.5'])).message)
      .toBe('--set fees.split.burn=1.5: fees.split.burn: must be <= 1 (allowed: number 0..1)');
    expect(errorOf(() => loadScenario('baseline', ['emissions.blockReward=-1'])).message)
      .toMatch(/^--set emissions\.blockReward=-1: emissions\.blockReward: /);
    expect(errorOf(() => loadScenario('baseline', ['staking.validatorCount=0'])).message)
      .toBe('--set staking.validatorCount=0: staking.validatorCount: must be >= 1 (allowed: integer 1..100000)');
    expect(errorOf(() => loadScenario('baseline', ['emissions.model=pow'])).message)
      .toMatch(/^--set emissions\.model=pow: emissions\.model: invalid value "pow" \(allowed: one of halving, npos\)$/);
  });
});
