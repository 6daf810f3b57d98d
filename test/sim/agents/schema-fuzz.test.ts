// Fuzz of the `agents` scenario section through the real loader (YAML files on disk, `extends: baseline`):
// fast-check writes documents with wrong types, unknown fields, out-of-range values and broken YAML. Loading never
// crashes: it succeeds, or throws a ScenarioError naming file:line, the field path under `agents`, and (for
// schema errors) the allowed values.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { TSchema } from '@sinclair/typebox';
import { loadScenario, ScenarioError } from '../../../scenarios/load.js';
import { agentsSection } from '../../../sim/agents/config.js';

mkdirSync('test-output', { recursive: true });
const dir = resolve(mkdtempSync(join('test-output', 'agents-fuzz-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASELINE = resolve('scenarios/baseline.yaml');

/** Every leaf of the agents section (not the marketplace owner's part) with its schema. */
function leaves(s: TSchema, prefix: string, out: Array<{ path: string; schema: TSchema }>): typeof out {
  if (s.type === 'object' && s.properties) {
    for (const [k, v] of Object.entries(s.properties as Record<string, TSchema>)) if (k !== 'marketplace') leaves(v, `${prefix}.${k}`, out);
  } else out.push({ path: prefix, schema: s });
  return out;
}
const LEAVES = leaves(agentsSection, 'agents', []);
const numeric = LEAVES.filter((l) => l.schema.type === 'integer' || l.schema.type === 'number');

const junk = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
  fc.string({ maxLength: 10 }), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  fc.constantFrom('gbm', 'csv', '0.5', '-1', '1e3', '', 'nope', '1.0000000000000000000001'),
);

function nest(path: string, value: unknown): Record<string, unknown> {
  const segs = path.split('.');
  let o: unknown = value;
  for (const s of segs.reverse()) o = { [s]: o };
  return o as Record<string, unknown>;
}

let n = 0;
function load(doc: Record<string, unknown> | string): { file: string; result: unknown } {
  const file = join(dir, `f${n++}.yaml`);
  writeFileSync(file, typeof doc === 'string' ? doc : stringify({ extends: BASELINE, ...doc }));
  try { return { file, result: loadScenario(file) }; } catch (e) { return { file, result: e }; }
}

function expectNamed(e: unknown, file: string, opts: { path?: boolean; allowed?: boolean }): ScenarioError {
  if (!(e instanceof ScenarioError)) throw e instanceof Error ? e : new Error(String(e)); // a crash: fail with it
  expect(e.exitCode).toBe(2);
  expect(e.message).not.toContain('\n');
  expect(e.where).toMatch(new RegExp(`(^|/)${basename(file).replace('.', '\\.')}:\\d+$`)); // file:line
  if (opts.path) expect(e.path.startsWith('agents')).toBe(true);
  // allowed values: in `allowed`, or (booleans) in the reason itself ("must be true or false")
  if (opts.allowed) expect((e.allowed ?? '').length > 0 || /true or false/.test(e.reason)).toBe(true);
  return e;
}

describe('agents section fuzz (real loader, files on disk)', () => {
  it('wrong types and arbitrary values at any agents leaf: valid, or a named error at that path', () => {
    fc.assert(fc.property(fc.constantFrom(...LEAVES), junk, (leaf, value) => {
      const { file, result } = load(nest(leaf.path, value));
      if (result instanceof Error) {
        const e = expectNamed(result, file, { path: true, allowed: true });
        // the error is about this leaf, or a cross-field rule of the same group
        expect(e.path.split('.').slice(0, 2).join('.')).toBe(leaf.path.split('.').slice(0, 2).join('.'));
      }
    }), { numRuns: 250, seed: 61 });
  });

  it('out-of-range numbers are rejected with the allowed range', () => {
    fc.assert(fc.property(fc.constantFrom(...numeric), fc.boolean(), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (leaf, below, by) => {
      const s = leaf.schema as { minimum?: number; maximum?: number; exclusiveMinimum?: number };
      const lo = s.minimum ?? s.exclusiveMinimum, hi = s.maximum;
      const bound = below ? lo : hi;
      fc.pre(bound !== undefined);
      const v = below ? bound! - by : bound! + by; // strictly outside (an exclusive minimum rejects the bound itself too)
      const value = leaf.schema.type === 'integer' ? (below ? Math.floor(v) - 1 : Math.ceil(v) + 1) : v;
      const { file, result } = load(nest(leaf.path, value));
      expect(result).toBeInstanceOf(ScenarioError);
      const e = expectNamed(result, file, { path: true, allowed: true });
      expect(e.path).toBe(leaf.path);
    }), { numRuns: 150, seed: 62 });
  });

  it('unknown fields anywhere in the section name the field and list the known ones', () => {
    const groups = ['agents', ...new Set(LEAVES.filter((l) => l.path.split('.').length > 2).map((l) => l.path.split('.').slice(0, 2).join('.')))];
    fc.assert(fc.property(fc.constantFrom(...groups), fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), junk, (group, key, value) => {
      const known = LEAVES.some((l) => l.path === `${group}.${key}` || l.path.startsWith(`${group}.${key}.`)) || (group === 'agents' && key === 'marketplace');
      fc.pre(!known);
      const { file, result } = load(nest(`${group}.${key}`, value));
      expect(result).toBeInstanceOf(ScenarioError);
      const e = expectNamed(result, file, { path: true, allowed: true });
      expect(e.message).toContain(key);
    }), { numRuns: 100, seed: 63 });
  });

  it('broken YAML inside the agents section never crashes and names file:line', () => {
    const line = fc.constantFrom(
      'agents:', '  enabled: true', '  nominators: {count: [1', '  nominators:', '    count: 10', '    count: ten', '  price: {model: gbm',
      '  price:', '    model: csv', '    csvFile: prices.csv', '    outsideYieldSchedule: [{day: 1, value: 0.1}, {day: 0, value: 0.2}]',
      '    outsideYieldSchedule: [{day: 1, value: 0.1}, {day: 1, value: 0.2}]', '  validators: {genesisActive: 9, count: 3}',
      '  wake: {offsetFraction: 0.5, windowFraction: 0.6}', '  spam: {startDay: 5, endDay: 2}', '\tbad', ': :', '  a: &x 1', '  b: *y',
      '  validators: {commissionMin: 0.3, commissionMax: 0.1}', '    - item',
    );
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 7 }), (lines) => {
      const { file, result } = load(`extends: ${BASELINE}\n${lines.join('\n')}\n`);
      if (result instanceof Error) expectNamed(result, file, {});
    }), { numRuns: 300, seed: 64 });
  });

  it('cross-field rules name the later field, its line and the allowed values', () => {
    const { file, result } = load({ agents: { validators: { count: 3, genesisActive: 9 } } });
    const e = expectNamed(result, file, { path: true, allowed: true });
    expect(e.path).toBe('agents.validators.genesisActive');
    expect(e.allowed).toBe('0..3');
    expect(e.where.endsWith(`${basename(file)}:5`)).toBe(true); // extends, agents, validators, count, genesisActive
  });
});
