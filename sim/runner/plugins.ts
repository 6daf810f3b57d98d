// World plugins: how later subsystems join a run without editing the runner's loop.
//
// ADDING A PLUGIN (agents, consensus, marketplace): write a WorldPluginFactory in your own tree and add one import
// and one entry to WORLD_PLUGINS below. Plugins are created in this list's order (part of the determinism
// contract: their event kinds and RNG streams are defined in that order), only when `enabled(scenario)` is true.
//   genesis   accounts/stakers your participants need at genesis (merged after the built-in workload's)
//   create    build your participants on the World: define engine kinds, read/submit through world.mempool and
//             world.binding.reads; return start/snapshot/restore, optional KPI sources and an AuthorshipSource
//             (consensus: replaces the default rotation).

import type { Engine } from '../engine/index.js';
import type { KpiSource } from '../metrics/kpi.js';
import type { Scenario } from '../../scenarios/schema.js';
import type { AuthorshipSource } from './authorship.js';
import type { GenesisSpec } from './chain.js';
import type { World } from './world.js';
import { marketplacePlugin } from '../agents/marketplace/plugin.js';
import { consensusPlugin } from '../node/plugin.js';
import { stakingAgentsPlugin } from '../agents/plugin.js';

export interface WorldPlugin {
  /** Fresh runs only: schedule the first events (a resumed run restores the engine queue instead). */
  start(): void;
  snapshot(): unknown;
  restoreSnapshot(s: unknown): void;
  readonly kpiSources?: readonly KpiSource[];
  readonly authorship?: AuthorshipSource;
  /** Called after every block (after the invariant oracles), with the block number. */
  afterBlock?(blockNumber: number): void;
}

export interface WorldPluginFactory {
  readonly name: string;
  enabled(scenario: Scenario): boolean;
  genesis?(scenario: Scenario, engine: Engine, decimals: number): GenesisSpec;
  create(world: World): WorldPlugin;
}

export const WORLD_PLUGINS: readonly WorldPluginFactory[] = [
  consensusPlugin,
  marketplacePlugin,
  stakingAgentsPlugin,
];

/** Concatenate genesis specs (accounts endowed once: a duplicate id is a plugin bug). */
export function mergeGenesis(parts: readonly GenesisSpec[]): GenesisSpec {
  const seen = new Set<string>();
  const accounts = parts.flatMap((p) => p.accounts);
  for (const a of accounts) {
    if (seen.has(a.id)) throw new Error(`genesis: account ${a.id} endowed by two participants`);
    seen.add(a.id);
  }
  return { accounts, validators: parts.flatMap((p) => p.validators), nominators: parts.flatMap((p) => p.nominators) };
}
