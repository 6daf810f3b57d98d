import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../protocol/primitives/config-error.js';
import { fromScenario, withDefaults } from '../../../protocol/pallets/consensus/index.js';
import { activeAt, fractionGroup, linkFromScenario, networkWithDefaults, validateFaults, type FaultsSection } from '../../../sim/node/index.js';

function fails(f: () => unknown, path: string): void {
  try { f(); } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).path).toBe(path);
    return;
  }
  throw new Error(`expected ConfigError at ${path}`);
}

const base = (events: unknown[]): FaultsSection => ({ healAtSlot: 100, finalityResumeWithinSlots: 10, events: events as FaultsSection['events'] });

describe('bad input is a named ConfigError', () => {
  it('byzantine count beyond the validator set', () => {
    fails(() => fromScenario(withDefaults({ byzantine: { count: 11, babeEquivocationRate: 1, grandpaEquivocationRate: 1 } }), 10, 12_000), 'consensus.byzantine.count');
  });
  it('faulty validator index beyond the set', () => {
    fails(() => validateFaults(base([{ kind: 'crash', node: 10, fromSlot: 1, toSlot: 5 }]), 10, 12_000), 'faults.events[0].node');
  });
  it('malformed schedules', () => {
    fails(() => validateFaults(base([{ kind: 'crash', node: 1, fromSlot: 5, toSlot: 5 }]), 10, 12_000), 'faults.events[0]');
    fails(() => validateFaults(base([{ kind: 'meteor', fromSlot: 1, toSlot: 5 }]), 10, 12_000), 'faults.events[0].kind');
    fails(() => validateFaults(base([{ kind: 'loss', rate: 1.5, fromSlot: 1, toSlot: 5 }]), 10, 12_000), 'faults.events[0].rate');
    fails(() => validateFaults(base([{ kind: 'latency', extraMs: -5, fromSlot: 1, toSlot: 5 }]), 10, 12_000), 'faults.events[0].extraMs');
    fails(() => validateFaults(base([{ kind: 'partition', fraction: 1, fromSlot: 1, toSlot: 5 }]), 10, 12_000), 'faults.events[0].fraction');
    fails(() => validateFaults(base([{ kind: 'loss', rate: 0.1, fromSlot: 150, toSlot: 160 }]), 10, 12_000), 'faults.events[0].fromSlot');
  });
  it('negative latency in the network section', () => {
    fails(() => linkFromScenario({ ...networkWithDefaults(), latencyMedianMs: -1 }), 'network.latencyMedianMs');
  });
  it('proposal time not below the slot', () => {
    fails(() => fromScenario(withDefaults({ proposalTimeMs: 12_000 }), 10, 12_000), 'consensus.proposalTimeMs');
  });
});

describe('schedule semantics', () => {
  it('faults are active in [fromSlot, toSlot) and cleared at heal', () => {
    const s = validateFaults(base([{ kind: 'loss', rate: 0.1, fromSlot: 10, toSlot: 500 }]), 10, 12_000);
    expect(activeAt(s, 9)).toHaveLength(0);
    expect(activeAt(s, 10)).toHaveLength(1);
    expect(activeAt(s, 99)).toHaveLength(1);
    expect(activeAt(s, 100)).toHaveLength(0);
  });
  it('fraction groups: ceil(fraction n), a partition leaves at least one node outside', () => {
    expect(fractionGroup(0.34, 10, true)).toBe(4);
    expect(fractionGroup(0.3, 10, true)).toBe(3);
    expect(fractionGroup(0.99, 10, true)).toBe(9);
    expect(fractionGroup(1, 10, false)).toBe(10);
  });
});

describe('scenario load-time check', () => {
  it('names the field of a fault beyond the validator set (min of staking target and workload candidates)', async () => {
    const { checkConsensusSections } = await import('../../../sim/node/index.js');
    const ok = { consensus: {}, staking: { validatorCount: 100 }, workload: { validators: 30 }, chain: { blockTimeMs: 12_000 } };
    expect(() => checkConsensusSections(ok)).not.toThrow();
    fails(() => checkConsensusSections({ ...ok, faults: base([{ kind: 'crash', node: 30, fromSlot: 1, toSlot: 5 }]) }), 'faults.events[0].node');
    fails(() => checkConsensusSections({ ...ok, consensus: { byzantine: { count: 31, babeEquivocationRate: 1, grandpaEquivocationRate: 1 } } }), 'consensus.byzantine.count');
    fails(() => checkConsensusSections({ ...ok, network: { latencyMedianMs: -3 } }), 'network.latencyMedianMs');
  });
});
