// The marketplace attack scenarios load; bad marketplace/curation/grants input is a named error at load (exit 2).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, ScenarioError } from '../../../scenarios/load.js';

function loadError(yaml: string): ScenarioError {
  const dir = mkdtempSync(join(tmpdir(), 'mkt-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, yaml);
  try { loadScenario(file); } catch (e) { if (e instanceof ScenarioError) return e; throw e; }
  throw new Error('expected a ScenarioError');
}

describe('marketplace scenarios', () => {
  it('the four attack scenarios load with the marketplace population on', () => {
    for (const name of ['curator-cabal', 'lazy-curators', 'wash-usage', 'sybil-providers']) {
      const s = loadScenario(name) as unknown as { agents: { marketplace: { enabled: boolean } }; curation: { rule: string } };
      expect(s.agents.marketplace.enabled).toBe(true);
      expect(['yuma', 'mean', 'quadratic']).toContain(s.curation.rule);
    }
    expect((loadScenario('curator-cabal', ['agents.marketplace.cabal.stakeShare=0.45']) as unknown as
      { agents: { marketplace: { cabal: { stakeShare: number } } } }).agents.marketplace.cabal.stakeShare).toBe(0.45);
  });
  it('quotas that do not increase with stake: named error with file:line, exit 2', () => {
    const e = loadError('name: bad\nmarketplace:\n  accessTiers:\n    - { minStake: "10", callsPerEra: 100 }\n    - { minStake: "100", callsPerEra: 90 }\n');
    expect(e.message).toMatch(/marketplace\.accessTiers\.1\.callsPerEra: quotas must increase with stake/);
    expect(e.message).toMatch(/bad\.yaml:\d+/);
    expect(e.exitCode).toBe(2);
  });
  it('negative price, κ outside (0, 1), unknown rule', () => {
    expect(loadError('name: bad\nmarketplace:\n  maxPrice: "-1"\n').message).toMatch(/marketplace\.maxPrice/);
    expect(loadError('name: bad\ncuration:\n  kappa: 1\n').message).toMatch(/curation\.kappa/);
    expect(loadError('name: bad\ncuration:\n  kappa: 0\n').message).toMatch(/curation\.kappa/);
    expect(loadError('name: bad\ncuration:\n  rule: median\n').message).toMatch(/curation\.rule.*yuma, mean, quadratic/);
  });
});
