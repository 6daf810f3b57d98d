import { describe, it, expect } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { engineSection, engineConfigFromScenario, Engine, QueueFullError } from '../../../sim/engine/index.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';

describe('engine scenario section', () => {
  it('schema defaults are 2^22 pending events and 1e7 events per tick', () => {
    const s = Value.Default(engineSection, {}) as { queueCapacity: number; maxEventsPerTick: number };
    expect(s).toEqual({ queueCapacity: 4_194_304, maxEventsPerTick: 10_000_000 });
    expect(Value.Check(engineSection, s)).toBe(true);
    expect(Value.Check(engineSection, { queueCapacity: 8 })).toBe(false);
    expect(Value.Check(engineSection, { other: 1 })).toBe(false);
  });

  it('converts to an EngineConfig whose bound the engine enforces', () => {
    const cfg = engineConfigFromScenario({ queueCapacity: 16 }, 5n);
    expect(cfg).toEqual({ seed: 5n, queueCapacity: 16, maxEventsPerTick: 10_000_000, traceLog: null });
    const e = new Engine(cfg);
    const K = e.defineKind('k', () => {});
    for (let i = 0; i < 16; i++) e.schedule(i, 0, 0, K, 0);
    expect(() => e.schedule(99, 0, 0, K, 0)).toThrow(QueueFullError);
  });

  it('rejects out-of-range values with a ConfigError naming the path', () => {
    expect(() => engineConfigFromScenario({ queueCapacity: 1.5 }, 1n)).toThrow(ConfigError);
    expect(() => engineConfigFromScenario({ queueCapacity: 2 ** 30 }, 1n)).toThrow(/engine\.queueCapacity/);
    expect(() => engineConfigFromScenario({ maxEventsPerTick: 0 }, 1n)).toThrow(/engine\.maxEventsPerTick/);
  });
});
