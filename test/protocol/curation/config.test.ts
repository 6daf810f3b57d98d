import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import { marketplaceFromScenario } from '../../../protocol/pallets/marketplace/index.js';
import { curationFromScenario } from '../../../protocol/pallets/curation/index.js';
import { grantsFromScenario } from '../../../protocol/pallets/grants/index.js';

const T = { decimals: 18 };
function configError(fn: () => unknown): ConfigError {
  try { fn(); } catch (e) { if (e instanceof ConfigError) return e; throw e; }
  throw new Error('expected a ConfigError');
}

describe('bad scenario input is a named ConfigError', () => {
  it('negative prices and fees', () => {
    expect(configError(() => marketplaceFromScenario({ maxPrice: '-1' }, T)).path).toBe('marketplace.maxPrice');
    expect(configError(() => marketplaceFromScenario({ networkFee: -0.5 }, T)).path).toBe('marketplace.networkFee');
    expect(configError(() => marketplaceFromScenario({ registrationDeposit: '-10' }, T)).path).toBe('marketplace.registrationDeposit');
  });
  it('quotas that do not increase with stake', () => {
    const e = configError(() => marketplaceFromScenario({ accessTiers: [{ minStake: '10', callsPerEra: 100 }, { minStake: '100', callsPerEra: 100 }] }, T));
    expect(e.path).toBe('marketplace.accessTiers.1.callsPerEra');
    expect(e.message).toMatch(/quotas must increase with stake/);
    expect(configError(() => marketplaceFromScenario({ accessTiers: [{ minStake: '10', callsPerEra: 100 }, { minStake: '5', callsPerEra: 200 }] }, T)).path)
      .toBe('marketplace.accessTiers.1.minStake');
    expect(configError(() => marketplaceFromScenario({ accessTiers: [] }, T)).path).toBe('marketplace.accessTiers');
  });
  it('κ outside (0, 1)', () => {
    for (const kappa of [0, 1, -0.1, 1.5, 1e-12]) expect(configError(() => curationFromScenario({ kappa }, T)).path).toBe('curation.kappa');
    expect(curationFromScenario({ kappa: 0.6 }, T).kappaParts).toBe(600_000_000n);
  });
  it('unknown rule names', () => {
    const e = configError(() => curationFromScenario({ rule: 'median' as never }, T));
    expect(e.path).toBe('curation.rule');
    expect(e.allowed).toBe('yuma | mean | quadratic');
    expect(configError(() => grantsFromScenario({ remainder: 'burn' as never })).path).toBe('grants.remainder');
    expect(configError(() => grantsFromScenario({ providerShare: 1.2 })).path).toBe('grants.providerShare');
  });
  it('defaults parse to the documented values', () => {
    const m = marketplaceFromScenario({}, T);
    expect(m.networkFeePlanck).toBe(10n ** 15n);
    expect(m.accessTiers.map((t) => t.callsPerEra)).toEqual([100, 1500, 20_000, 250_000]);
    const c = curationFromScenario({}, T);
    expect([c.rule, c.kappaParts, c.bondsAlphaParts]).toEqual(['yuma', 500_000_000n, 100_000_000n]);
    expect(grantsFromScenario({})).toEqual({ providerShareParts: 500_000_000n, remainder: 'carry' });
  });
});
