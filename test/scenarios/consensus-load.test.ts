// Consensus, network and fault sections are checked against the validator set when the scenario LOADS (issue 4's
// bad input: named errors at scenario load, exit 2), not only when a world is built.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, ScenarioError } from '../../scenarios/load.js';

let fileNo = 0;
const dir = mkdtempSync(join(tmpdir(), 'bai-consensus-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadErr(yaml: string): ScenarioError {
  const f = join(dir, `s${++fileNo}.yaml`);
  writeFileSync(f, yaml);
  try { loadScenario(f, []); } catch (e) { expect(e).toBeInstanceOf(ScenarioError); return e as ScenarioError; }
  throw new Error('loaded a bad scenario');
}

describe('consensus sections at scenario load', () => {
  it('rejects more byzantine validators than the set holds, naming file:line and the path', () => {
    // validator-cartel runs the workload's 30 validators: 31 byzantine ones cannot exist.
    const e = loadErr('extends: validator-cartel\nconsensus:\n  byzantine:\n    count: 31\n');
    expect(e.path).toBe('consensus.byzantine.count');
    expect(e.message).toMatch(/:4: consensus\.byzantine\.count: .*31.*30/);
  });

  it('accepts the whole set being byzantine (the boundary)', () => {
    const f = join(dir, 'ok.yaml');
    writeFileSync(f, 'extends: validator-cartel\nconsensus:\n  byzantine:\n    count: 30\n');
    expect(loadScenario(f, []).consensus).toBeDefined();
  });
});
