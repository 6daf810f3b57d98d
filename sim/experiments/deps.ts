// The production wiring of the sweep coordinator: the real scenario loader and schema, and the chosen backend.
import { loadScenario } from '../../scenarios/load.js';
import { ScenarioSchema } from '../../scenarios/schema.js';
import { LAB_VERSION } from '../metrics/summary.js';
import { schemaResolver } from './param-space.js';
import { LocalPool } from './pool.js';
import type { Executor } from './executor.js';
import { DEFAULT_QUEUE, RedisExecutor } from './redis.js';
import type { LoadedDoc, SweepDeps } from './sweep.js';

export function loadDoc(ref: string, sets: readonly string[]): LoadedDoc {
  const s = loadScenario(ref, sets);
  // The frozen Scenario is plain JSON data (TypeBox static of a JSON Schema): a deep copy is the document.
  const doc = JSON.parse(JSON.stringify(s)) as Record<string, unknown>;
  return { doc, name: s.name, seed: s.seed === undefined ? null : String(s.seed) };
}

export const scenarioResolver = schemaResolver(ScenarioSchema);

export function localExecutor(workers: number, taskModule?: string): () => Promise<Executor> {
  return async () => {
    const pool = new LocalPool({ threads: workers, ...(taskModule ? { taskModule } : {}) });
    return { runAll: (tasks, on) => pool.runAll(tasks, on), close: () => pool.close() };
  };
}

export function redisExecutor(url: string, log: (l: string) => void, queueName?: string): (ctx: { sweepId: string }) => Promise<Executor> {
  return async ({ sweepId }) => new RedisExecutor(url, sweepId, LAB_VERSION, queueName ?? DEFAULT_QUEUE, log);
}

export function productionDeps(executor: (ctx: { sweepId: string }) => Promise<Executor>, log: (l: string) => void, progress?: (d: number, t: number) => void): SweepDeps {
  return { loadDoc, resolver: scenarioResolver, executor, labVersion: LAB_VERSION, log, ...(progress ? { progress } : {}) };
}
