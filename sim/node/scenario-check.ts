// Load-time checks of the consensus, network and faults sections against the rest of the scenario (validator set
// size, slot length), for scenarios/schema.ts SECTION_CHECKS: byzantine or faulty validator indices beyond the set,
// negative latencies, malformed schedules => ConfigError(path, reason, allowed) => file:line error, exit 2.
import { fromScenario, withDefaults, type ConsensusSection } from '../../protocol/pallets/consensus/index.js';
import { validateFaults, type FaultsSection } from './faults.js';
import { linkFromScenario, networkWithDefaults, type NetworkSection } from './network-config.js';

export interface ConsensusScenarioParts {
  readonly consensus?: Partial<ConsensusSection>;
  readonly network?: Partial<NetworkSection>;
  readonly faults?: Partial<FaultsSection>;
  readonly staking?: { readonly validatorCount?: number };
  readonly workload?: { readonly validators?: number };
  readonly chain?: { readonly blockTimeMs?: number };
}

/**
 * The validator set consensus runs with: the staking target, capped by the genesis candidates when the built-in
 * workload supplies them (the plugin uses the elected set's actual size at genesis).
 */
export function expectedValidatorCount(s: ConsensusScenarioParts): number {
  const target = s.staking?.validatorCount ?? 100;
  const candidates = s.workload?.validators;
  return candidates !== undefined && candidates > 0 ? Math.min(target, candidates) : target;
}

export function checkConsensusSections(s: ConsensusScenarioParts): void {
  if (s.consensus === undefined && s.faults === undefined && s.network === undefined) return;
  const n = expectedValidatorCount(s);
  const slotMs = s.chain?.blockTimeMs ?? 12_000;
  fromScenario(withDefaults(s.consensus ?? {}), n, slotMs);
  linkFromScenario(networkWithDefaults(s.network ?? {}));
  if (s.faults !== undefined) {
    validateFaults({ healAtSlot: s.faults.healAtSlot ?? 0, finalityResumeWithinSlots: s.faults.finalityResumeWithinSlots ?? 100, events: s.faults.events ?? [] }, n, slotMs);
  }
}
