// Scenario section `engine`: the engine's bounds. The scenario loader (scenarios/schema.ts) composes this schema;
// engineConfigFromScenario turns a validated section and the run's seed into an EngineConfig.

import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../protocol/primitives/config-error.js';
import { ENGINE_DEFAULTS, type EngineConfig } from './engine.js';
import type { TraceLogOptions } from './trace.js';

/** Hard ceiling on queueCapacity: 2^26 pending events = 2 GiB of heap records. */
export const QUEUE_CAPACITY_LIMIT = 1 << 26;

export const engineSection = Type.Object({
  queueCapacity: Type.Integer({
    minimum: 16, maximum: QUEUE_CAPACITY_LIMIT, default: ENGINE_DEFAULTS.queueCapacity,
    description: 'Bound on pending events in the event queue (32 bytes each; the queue grows on demand up to it). '
      + 'Lab default 2^22 (4 Mi events, 128 MiB at most); exceeding it fails the run with QueueFullError.',
  }),
  maxEventsPerTick: Type.Integer({
    minimum: 1, maximum: 1e12, default: ENGINE_DEFAULTS.maxEventsPerTick,
    description: 'Events allowed at one virtual millisecond before the run fails as a zero-delay loop. Lab default 1e7.',
  }),
}, { additionalProperties: false, default: {}, description: 'Discrete-event engine bounds.' });
export type EngineSection = Static<typeof engineSection>;

export function engineConfigFromScenario(s: Partial<EngineSection> | undefined, seed: bigint,
                                          traceLog: TraceLogOptions | null = null): EngineConfig {
  const queueCapacity = s?.queueCapacity ?? ENGINE_DEFAULTS.queueCapacity;
  const maxEventsPerTick = s?.maxEventsPerTick ?? ENGINE_DEFAULTS.maxEventsPerTick;
  if (!(Number.isInteger(queueCapacity) && queueCapacity >= 16 && queueCapacity <= QUEUE_CAPACITY_LIMIT)) {
    throw new ConfigError('engine.queueCapacity', `must be an integer, got ${queueCapacity}`, `16 .. ${QUEUE_CAPACITY_LIMIT}`);
  }
  if (!(Number.isInteger(maxEventsPerTick) && maxEventsPerTick >= 1 && maxEventsPerTick <= 1e12)) {
    throw new ConfigError('engine.maxEventsPerTick', `must be an integer, got ${maxEventsPerTick}`, '1 .. 1e12');
  }
  return { seed, queueCapacity, maxEventsPerTick, traceLog };
}
