// Public API of the runner (CONTRACTS.md "Runner API"): what experiments, agents, reports and the CLI call.
export { loadScenario, scenarioFromObject, ScenarioError, flattenParams, parameterPaths, scenarioSource } from '../../scenarios/load.js';
export type { Scenario } from '../../scenarios/schema.js';
export { runScenario, resumeRun, writeOutputs, replayCommand, type RunOptions, type RunResult } from './run.js';
export { checkDeterminism, type DeterminismReport } from './determinism.js';
export { World, type ChainBinding, type ChainFactory, type WorldOptions } from './world.js';
export type { AuthorshipSource } from './authorship.js';
export type { Chain, ChainReads, Extrinsic, GenesisSpec } from './chain.js';
export { BadInputError, CheckFailedError } from './errors.js';
export { resolveSeed } from './seed.js';
export { WORLD_PLUGINS, mergeGenesis, type WorldPlugin, type WorldPluginFactory } from './plugins.js';
