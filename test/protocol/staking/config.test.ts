import { describe, expect, it } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { stakingFromScenario, stakingSection } from '../../../protocol/pallets/staking/config.js';
import { chainFromScenario } from '../../../protocol/chain-config.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';

const chain = chainFromScenario({});
describe('staking config', () => {
  it('defaults: Polkadot values where BalanceAI publishes none, eras of 7200 blocks = 1 day at 12 s', () => {
    const c = stakingFromScenario({}, chain);
    expect(c).toMatchObject({ eraBlocks: 7200, sessionsPerEra: 6, sessionBlocks: 1200, bondingDurationEras: 28, slashDeferDurationEras: 27,
      historyDepth: 84, maxNominations: 16, maxExposurePageSize: 512, maxUnlockingChunks: 32, election: 'phragmen', balancing: null });
    expect(Value.Default(stakingSection, {})).toMatchObject({ eraBlocks: 7200, maxNominations: 16, validatorCount: 100 });
  });
  it('rejects bad values naming the path and the allowed range', () => {
    const bad = (s: object, path: string) => {
      try { stakingFromScenario(s as never, chain); } catch (e) { expect(e).toBeInstanceOf(ConfigError); expect((e as ConfigError).path).toBe(path); return; }
      throw new Error('accepted');
    };
    bad({ eraBlocks: 7201 }, 'staking.eraBlocks');
    bad({ eraBlocks: 0 }, 'staking.eraBlocks');
    bad({ election: 'stv' }, 'staking.election');
    bad({ minNominatorBond: '-1' }, 'staking.minNominatorBond');
    bad({ minCommission: 1.5 }, 'staking.minCommission');
    bad({ maxNominations: 0 }, 'staking.maxNominations');
    bad({ validatorCount: 2.5 }, 'staking.validatorCount');
  });
  it('token amounts parse exactly in planck', () => {
    expect(stakingFromScenario({ minNominatorBond: '250.5' }, chain).minNominatorBondPlanck).toBe(250_500_000_000_000_000_000n);
  });
});

describe('genesis stakers', () => {
  it('bad genesis stakers are ConfigErrors naming the problem', async () => {
    const { direct } = await import('./direct.js');
    const tooMany = () => direct({ maxNominations: 1 }, [['v', 100n], ['w', 100n], ['n', 100n]], [
      { stash: 'v', bondPlanck: 10n, role: 'validator' }, { stash: 'w', bondPlanck: 10n, role: 'validator' },
      { stash: 'n', bondPlanck: 10n, role: 'nominator', targets: ['v', 'w'] }]);
    expect(tooMany).toThrow(ConfigError);
    expect(tooMany).toThrow(/staking.maxNominations: genesis nominator n has 2 targets/);
    expect(() => direct({}, [['v', 5n]], [{ stash: 'v', bondPlanck: 10n, role: 'validator' }])).toThrow(/less free balance/);
    expect(() => direct({}, [['n', 50n]], [{ stash: 'n', bondPlanck: 10n, role: 'nominator', targets: ['x'] }])).toThrow(/not a genesis validator/);
  });
});
