// Shared builders for consensus simulation tests.
import { fromScenario, withDefaults, type ConsensusSection } from '../../../protocol/pallets/consensus/index.js';
import { linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults, type FaultEvent } from '../../../sim/node/index.js';

export const SLOT_MS = 12_000;

export function run(opts: {
  n: number; slots: number; seed: bigint; fidelity: 'message' | 'aggregated';
  consensus?: Partial<ConsensusSection>; events?: FaultEvent[]; healAtSlot?: number; resumeWithin?: number; lazyVotes?: boolean;
}) {
  const cfg = fromScenario(withDefaults({ ...opts.consensus, fidelity: opts.fidelity }), opts.n, SLOT_MS);
  const faults = validateFaults({
    healAtSlot: opts.healAtSlot ?? 0, finalityResumeWithinSlots: opts.resumeWithin ?? 50, events: opts.events ?? [],
  }, opts.n, SLOT_MS);
  return simulateConsensus({ cfg, faults, link: linkFromScenario(networkWithDefaults()), seed: opts.seed, slots: opts.slots,
    ...(opts.lazyVotes !== undefined ? { lazyVotes: opts.lazyVotes } : {}) });
}
