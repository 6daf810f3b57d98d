// Consensus as the runner's block authorship source (sim/runner/authorship.ts AuthorshipSource, matched
// structurally so sim/node does not depend on the runner):
// - aggregated: each slot tick steps the aggregated model one slot; the runtime follows the largest side's chain
//   (the chain that stays canonical unless a partition's minority finalizes, which cannot happen with t > 2n/3);
//   an empty slot (offline secondary, no primary) yields null, so the runtime produces no block.
// - message: message-level nodes run on the world's engine; the runtime applies canonical blocks in order as they
//   are FINALIZED (one per slot tick, so after a finality stall the runtime catches up at one block per slot).
// Offences detected by the nodes are passed to `reportOffence` (wire it to runtime.staking.reportOffence) with the
// fraction min((3k/n)^2, 1) for the k offenders reported so far in that time slot.
// Validator index i is the i-th account of the active set (sorted) at the time of the block.
import type { ConsensusConfig } from '../../protocol/pallets/consensus/index.js';
import type { Parts } from '../../protocol/primitives/perthing.js';
import type { AccountId } from '../../protocol/primitives/units.js';
import type { Engine } from '../engine/index.js';
import type { LinkConfig } from '../adapters/sim/index.js';
import { AggregatedConsensus } from './aggregated-consensus.js';
import type { FaultSchedule } from './faults.js';
import { MessageConsensus } from './message-consensus.js';
import { ConsensusNetwork } from './network-config.js';
import type { ConsensusHooks, ConsensusStats } from './observer.js';
import type { SimBlock } from './messages.js';
import { genesisRandomness } from './simulate.js';

export interface OffenceForStaking {
  readonly offenders: readonly AccountId[];
  readonly fraction: Parts;
  readonly kind: 'babeEquivocation' | 'grandpaEquivocation';
  readonly timeSlot: number;
  readonly reporters: readonly AccountId[];
}

export interface ConsensusAuthorshipDeps {
  readonly engine: Engine;
  readonly seed: bigint;
  readonly cfg: ConsensusConfig;
  readonly faults: FaultSchedule;
  readonly link: LinkConfig;
  readonly totalSlots: number;
  readonly activeValidators: () => readonly AccountId[];
  readonly fallbackAuthor: AccountId;
  readonly reportOffence?: (o: OffenceForStaking) => void;
}

export class ConsensusAuthorship {
  readonly name: string;
  private readonly aggregated?: AggregatedConsensus;
  private readonly message?: MessageConsensus;
  private readonly finalizedQueue: SimBlock[] = [];
  private queueHead = 0;

  constructor(private readonly d: ConsensusAuthorshipDeps) {
    this.name = `babe-grandpa-${d.cfg.fidelity}`;
    const hooks: ConsensusHooks = {
      onOffence: (o, fraction) => {
        const account = this.accountOf(o.offender);
        d.reportOffence?.({ offenders: [account], fraction, kind: o.kind, timeSlot: o.timeSlot, reporters: [] });
      },
      ...(d.cfg.fidelity === 'message' ? { onCanonicalBlock: (b: SimBlock) => { this.finalizedQueue.push(b); } } : {}),
    };
    if (d.cfg.fidelity === 'aggregated') {
      this.aggregated = new AggregatedConsensus({ cfg: d.cfg, faults: d.faults, link: d.link, seed: d.seed, hooks });
    } else {
      const network = new ConsensusNetwork(d.engine, d.cfg.validatorCount, d.link);
      this.message = new MessageConsensus({
        cfg: d.cfg, faults: d.faults, engine: d.engine, network, genesisRandomness: genesisRandomness(d.seed), hooks,
      });
    }
  }

  /** Fresh runs: schedule the message-level nodes' first events (aggregated needs none). */
  start(): void { this.message?.start(this.d.totalSlots); }

  private accountOf(index: number): AccountId {
    const set = this.d.activeValidators();
    return set.length === 0 ? this.d.fallbackAuthor : set[index % set.length]!;
  }

  authorFor(_blockNumber: number, _slotMs: number): AccountId | null {
    if (this.aggregated !== undefined) {
      const a = this.aggregated.step();
      return a === null ? null : this.accountOf(a);
    }
    const b = this.finalizedQueue[this.queueHead];
    if (b === undefined) return null;
    this.queueHead++;
    if (this.queueHead > 4096) { this.finalizedQueue.splice(0, this.queueHead); this.queueHead = 0; }
    return this.accountOf(b.header.author);
  }

  stats(): ConsensusStats {
    return this.aggregated !== undefined ? this.aggregated.stats() : this.message!.stats();
  }

  snapshot(): unknown { return { fidelity: this.d.cfg.fidelity, unsupported: true }; }
  restoreSnapshot(): void {
    throw new Error(`consensus (${this.d.cfg.fidelity} fidelity) does not support resuming from a checkpoint yet: rerun from genesis`);
  }
}
