// The consensus world plugin: joins a `bai-lab run` through sim/runner/plugins.ts. It replaces the runner's rotation
// with BABE authorship of the selected fidelity, reports equivocations to the runtime's staking pallet
// (reportOffence, slashed with min((3k/n)^2, 1)), and adds the consensus KPIs to summary.json and the time series.
import { fromScenario, withDefaults, type ConsensusSection } from '../../protocol/pallets/consensus/index.js';
import { TICK_MAX } from '../engine/index.js';
import { ConsensusKpiSource } from '../metrics/kpis/consensus.js';
import type { WorldPluginFactory } from '../runner/plugins.js';
import { ConsensusAuthorship, type OffenceForStaking } from './authorship.js';
import { validateFaults, type FaultsSection } from './faults.js';
import { linkFromScenario, networkWithDefaults, type NetworkSection } from './network-config.js';

interface ConsensusScenarioView {
  readonly consensus?: Partial<ConsensusSection>;
  readonly network?: Partial<NetworkSection>;
  readonly faults?: FaultsSection;
  readonly staking?: { readonly validatorCount?: number };
}

/** The runtime's staking pallet when the chain is protocol/runtime.ts (duck-typed: the runner's Chain is an interface). */
interface StakingPort { reportOffence(o: { offenders: readonly string[]; fraction?: bigint; reporters?: readonly string[] }): void }

export const consensusPlugin: WorldPluginFactory = {
  name: 'consensus',
  enabled: (scenario) => (scenario as unknown as ConsensusScenarioView).consensus !== undefined,
  create(world) {
    const s = world.scenario as unknown as ConsensusScenarioView;
    const slotMs = world.binding.blockTimeMs;
    const active = world.binding.reads.activeValidators();
    const n = Math.max(1, active.length > 0 ? active.length : s.staking?.validatorCount ?? 1);
    const cfg = fromScenario(withDefaults(s.consensus ?? {}), n, slotMs);
    const faults = validateFaults(s.faults ?? { healAtSlot: 0, finalityResumeWithinSlots: 100, events: [] }, n, slotMs);
    const link = linkFromScenario(networkWithDefaults(s.network ?? {}));
    const staking = (world.chain as unknown as { runtime?: { staking?: StakingPort } }).runtime?.staking;
    const auth = new ConsensusAuthorship({
      engine: world.engine, seed: world.engine.rng.rootSeed, cfg, faults, link,
      totalSlots: Math.floor(TICK_MAX / slotMs) - 1,
      activeValidators: () => world.binding.reads.activeValidators(),
      fallbackAuthor: active[0] ?? 'author/0',
      ...(staking !== undefined ? {
        reportOffence: (o: OffenceForStaking) => staking.reportOffence({ offenders: o.offenders, fraction: o.fraction, reporters: o.reporters }),
      } : {}),
    });
    return {
      start: () => auth.start(),
      snapshot: () => auth.snapshot(),
      restoreSnapshot: () => auth.restoreSnapshot(),
      kpiSources: [new ConsensusKpiSource(() => auth.stats())],
      authorship: auth,
    };
  },
};
