// Schema fuzz: fast-check builds broken scenario documents (mutations of valid ones: wrong types, out-of-range
// numbers, unknown keys, deleted or replaced sections) and broken YAML texts. Loading must never crash: it either
// succeeds or throws a ScenarioError whose message names a location and a field path.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, scenarioFromObject, ScenarioError, parameterPaths } from '../../scenarios/load.js';

mkdirSync('test-output', { recursive: true });
const dir = resolve(mkdtempSync(join('test-output', 'fuzz-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const paths = parameterPaths().map((p) => p.path).filter((p) => p !== 'extends');
const junk = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null),
  fc.string({ maxLength: 12 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.constantFrom('0.01', '-1', '1e3', '0x10', 'halving', 'npos', '', '1.0000000000000000001'),
);
const mutation = fc.oneof(
  fc.record({ path: fc.constantFrom(...paths), value: junk }),
  fc.record({ path: fc.constantFrom(...paths).map((p) => p.split('.').slice(0, -1).concat('bogus').join('.')), value: junk }),
  fc.record({ path: fc.constantFrom(...new Set(paths.map((p) => p.split('.')[0]!))), value: junk }),
);

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = path.split('.').filter(Boolean);
  let o = obj;
  for (const s of segs.slice(0, -1)) {
    if (typeof o[s] !== 'object' || o[s] === null || Array.isArray(o[s])) o[s] = {};
    o = o[s] as Record<string, unknown>;
  }
  if (segs.length > 0) o[segs[segs.length - 1]!] = value;
}

function expectNamedError(e: unknown): void {
  if (!(e instanceof ScenarioError)) throw e; // anything else is a crash: fail with it
  expect(e.exitCode).toBe(2);
  expect(e.message).not.toContain('\n');
  expect(e.message.length).toBeGreaterThan(5);
}

describe('scenario fuzz', () => {
  it('mutated documents either validate or fail with a named ScenarioError', () => {
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
      const doc: Record<string, unknown> = { name: 'fuzz' };
      for (const m of muts) setPath(doc, m.path, m.value);
      try { scenarioFromObject(doc, 'fuzz.yaml'); } catch (e) {
        expectNamedError(e);
        const err = e as ScenarioError;
        expect(err.where.startsWith('fuzz.yaml')).toBe(true);
      }
    }), { numRuns: 400, seed: 20261125 });
  });

  it('arbitrary YAML-ish text never crashes the loader', () => {
    const line = fc.oneof(
      fc.constantFrom('days: 3', 'workload:', '  accounts: 5', '  accounts: [1', 'fees: {split: {burn: 2}}', 'extends: baseline',
        'extends: nowhere.yaml', 'seed: 0xZZ', '- item', 'days: !!binary AAAA', 'a: &x 1', 'b: *x', 'chain: {tokenDecimals: 40}', '\t bad', ': :'),
      fc.string({ maxLength: 20 }),
    );
    let i = 0;
    fc.assert(fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const p = join(dir, `t${i++}.yaml`);
      writeFileSync(p, lines.join('\n'));
      try { loadScenario(p); } catch (e) { expectNamedError(e); }
    }), { numRuns: 200, seed: 7 });
  });
});
