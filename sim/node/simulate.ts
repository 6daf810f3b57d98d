// One-call consensus simulations (both fidelities) for tests, `bai-lab check` and the bench:
// build an engine, the network and the nodes, run `slots` slots, return the statistics and oracle violations.
import { blake2b } from '@noble/hashes/blake2b';
import type { ConsensusConfig } from '../../protocol/pallets/consensus/index.js';
import { Engine } from '../engine/index.js';
import type { LinkConfig } from '../adapters/sim/index.js';
import type { FaultSchedule } from './faults.js';
import type { Mempool } from './mempool.js';
import { MessageConsensus } from './message-consensus.js';
import { ConsensusNetwork } from './network-config.js';
import type { ConsensusHooks, ConsensusStats } from './observer.js';
import { AggregatedConsensus } from './aggregated-consensus.js';

export interface SimulateInput {
  readonly cfg: ConsensusConfig;
  readonly faults: FaultSchedule;
  readonly link: LinkConfig;
  readonly seed: bigint;
  readonly slots: number;
  readonly mempool?: Mempool<unknown>;
  readonly hooks?: ConsensusHooks;
  /** Message fidelity: use the vote fast path (default true); false sends every vote copy as an engine event. */
  readonly lazyVotes?: boolean;
}

export interface SimulateOutput {
  readonly stats: ConsensusStats;
  readonly events: number;
  readonly messages: number;
}

/** Genesis randomness derived from the root seed (so the BABE lottery differs per seed, deterministically). */
export function genesisRandomness(seed: bigint): Uint8Array {
  const msg = new Uint8Array(8 + 18);
  new DataView(msg.buffer).setBigUint64(0, seed, true);
  msg.set(new TextEncoder().encode('bai-lab/babe/gen/v1'.slice(0, 18)), 8);
  return blake2b(msg, { dkLen: 32 });
}

export function simulateConsensus(input: SimulateInput): SimulateOutput {
  if (input.cfg.fidelity === 'aggregated') {
    const agg = new AggregatedConsensus({
      cfg: input.cfg, faults: input.faults, link: input.link, seed: input.seed, ...(input.hooks ? { hooks: input.hooks } : {}),
      ...(input.mempool ? { mempool: input.mempool } : {}),
    });
    agg.run(input.slots);
    return { stats: agg.stats(), events: input.slots, messages: 0 };
  }
  const engine = new Engine({ seed: input.seed });
  const network = new ConsensusNetwork(engine, input.cfg.validatorCount, input.link);
  const sim = new MessageConsensus({
    cfg: input.cfg, faults: input.faults, engine, network, genesisRandomness: genesisRandomness(input.seed),
    ...(input.mempool ? { mempool: input.mempool } : {}), ...(input.hooks ? { hooks: input.hooks } : {}),
    ...(input.lazyVotes !== undefined ? { lazyVotes: input.lazyVotes } : {}),
  });
  sim.start(input.slots);
  const out = engine.runUntil(input.slots * input.cfg.slotMs);
  return { stats: sim.stats(), events: out.events, messages: sim.messagesSent };
}
