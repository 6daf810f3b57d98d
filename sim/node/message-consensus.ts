// Message-level consensus: every validator is a node that authors BABE blocks on its own best chain, gossips
// blocks and GRANDPA votes through the Network port, syncs missing ancestors on request, and finalizes on
// supermajority precommits. Faults (partition, crash/restart, loss, latency, clock skew, withheld votes) are applied
// per slot from the schedule; byzantine validators equivocate. The observer runs the oracles on every finalization.
//
// Documented simplifications (SUBSTRATE.md §4 names what the real protocol does):
// - A GRANDPA round starts only when the node's vote target is above its finalized block: idle rounds that would
//   finalize nothing are skipped (they change no state and would only multiply messages).
// - Round base = the node's last finalized block (not the previous round's estimate).
// - Catch-up: a node stuck in a round re-gossips its votes every `rebroadcastMs`; a peer that completed that round
//   answers with its commit; votes carry the voter's finalized height, and a peer whose finality is ahead sends the
//   commit that justifies it (stands for GRANDPA neighbour packets and catch-up requests).
// - Vote fast path (when the network offers `fanout`, as ConsensusNetwork does): a vote's per-recipient arrival
//   times are drawn at send time from the same link model, queued in each recipient's inbox, and applied at
//   wake-ups scheduled at the t-th arrival of the stage (and at the GRANDPA timers) instead of one engine event per
//   copy; votes that arrived by a wake-up are applied in send order. A test shows the same distributions as
//   per-copy events (test/sim/node/fidelity.test.ts).
// - Equivocating voters count towards both blocks they voted for (as finality-grandpa's vote graph does).
// - The transaction pool is shared (extrinsics gossip much faster than blocks are made); each author excludes the
//   extrinsics already on its chain above finality.
// - Blocks from future slots (clock skew) are accepted, not held.
import {
  BabeEquivocationDetector, BlockTree, epochRandomness, primaryThresholdCached, secondaryAuthorIndex, vrfOutput,
  voteTarget, type BlockHeader, type BlockId, type ConsensusConfig,
} from '../../protocol/pallets/consensus/index.js';
import { effectiveThreshold } from '../../protocol/pallets/consensus/config.js';
import { assert } from '../../protocol/primitives/dispatch.js';
import { EventClass, type Engine, type RngStream } from '../engine/index.js';
import type { Network } from '../ports/network.js';
import { GENESIS_COMMITMENT, commitBlock, type Commitment } from './commitment.js';
import { activeAt, fractionGroup, type FaultEvent, type FaultSchedule } from './faults.js';
import type { Mempool } from './mempool.js';
import { PRECOMMIT, PREVOTE, type Msg, type SimBlock, type Stage } from './messages.js';
import { ConsensusObserver, type ConsensusHooks, type ConsensusStats } from './observer.js';
import { Tally } from './tally.js';
import { TSmallest } from './arrivals.js';

/** What the consensus needs from the simulated network beyond sending: fault controls. */
export interface NetworkFaultControl {
  /** Cut the listed nodes off from every other node (null: heal). */
  setPartition(isolated: readonly number[] | null): void;
  setDown(node: number, down: boolean): void;
  setExtraLoss(rate: number): void;
  setExtraLatencyMs(ms: number): void;
  /** Optional vote fast path (ConsensusNetwork): per-recipient arrival times without one engine event per copy. */
  fanout?(from: number, deliver: (to: number, atMs: number) => void): void;
  isCut?(from: number, to: number): boolean;
}

type VoteMsg = Extract<Msg, { t: 'vote' }>;

export interface MessageConsensusOptions {
  readonly cfg: ConsensusConfig;
  readonly faults: FaultSchedule;
  readonly engine: Engine;
  readonly network: Network<Msg> & NetworkFaultControl;
  readonly genesisRandomness: Uint8Array;
  readonly mempool?: Mempool<unknown>;
  readonly hooks?: ConsensusHooks;
  /** Use the network's vote fast path when it has one (default true); false: one engine event per vote copy. */
  readonly lazyVotes?: boolean;
}

const INBOX_MAX = 1 << 16;
const SYNC_BATCH_MAX = 256;
const SYNC_RETRY_MS = 2000;
const WAITING_MAX = 10_000;
const FUTURE_ROUNDS_MAX = 8;

interface NodeState {
  readonly index: number;
  readonly byzantine: boolean;
  readonly tree: BlockTree;
  readonly commitments: Map<BlockId, Commitment>;
  readonly waitingParent: Map<BlockId, SimBlock[]>;
  readonly waitingVotes: Map<BlockId, Msg[]>;
  /** Block id -> when we last asked a peer for it (a lost request or answer is retried after SYNC_RETRY_MS). */
  readonly requested: Map<BlockId, number>;
  readonly babeDetector: BabeEquivocationDetector;
  online: boolean;
  skewMs: number;
  withholding: boolean;
  // GRANDPA voter
  round: number;
  active: boolean;
  base: BlockHeader;
  prevotes: Tally;
  precommits: Tally;
  myPrevote: BlockId;
  myPrecommit: BlockId;
  t2: boolean;
  t4: boolean;
  future: Map<number, Msg[]>;
  lastCommit: { round: number; target: BlockId; voters: number[] } | null;
  /** The commit that justifies this node's finalized block (sent to peers whose votes show them behind). */
  finalCommit: { round: number; target: BlockId; voters: number[] } | null;
  /** Per peer: when we last sent it a catch-up commit. */
  catchUpSent: Float64Array;
  /** Slot event generation: a restart or skew change reschedules and invalidates older slot events. */
  slotGen: number;
  /** Next slot this node may claim: an honest node never claims a slot twice, even when its clock steps back. */
  nextSlot: number;
  // Vote fast path: arrived-or-arriving votes, applied at wake-ups; the t-th arrival times of this round's stages.
  inAt: number[];
  inMsg: VoteMsg[];
  arrPv: TSmallest;
  arrPc: TSmallest;
  wakeAt: number;
  wakeGen: number;
}

export class MessageConsensus {
  readonly observer: ConsensusObserver;
  private readonly nodes: NodeState[] = [];
  private readonly blocks = new Map<BlockId, SimBlock>();
  private readonly n: number;
  private readonly t: number;
  private readonly threshold: bigint;
  private nextBlockId = 1;
  private readonly rng: RngStream;
  private readonly kSlot: number; private readonly kEmit: number; private readonly kFault: number;
  private readonly kT2: number; private readonly kT4: number; private readonly kRb: number; private readonly kWake: number;
  private readonly lazyVotes: boolean;
  private readonly randomnessCache = new Map<number, Uint8Array>();
  private readonly secondaryCache = new Map<number, number>();
  private active: FaultEvent[] = [];
  private endSlot = 0;
  private livenessChecked = false;
  messagesSent = 0;

  constructor(private readonly o: MessageConsensusOptions) {
    const { cfg, engine } = o;
    this.n = cfg.validatorCount;
    assert(o.network.nodeCount >= this.n, 'MessageConsensus: network has fewer nodes than validators');
    this.t = effectiveThreshold(cfg, this.n);
    this.threshold = primaryThresholdCached(cfg.c, this.n);
    this.rng = engine.rng.stream('consensus.byzantine');
    const genesisHeader: BlockHeader = { id: 0, parent: -1, number: 0, slot: 0, author: 0, primary: false, weight: 0, commitment: GENESIS_COMMITMENT };
    const genesis: SimBlock = { header: genesisHeader, xtIds: [], producedAtMs: 0 };
    this.blocks.set(0, genesis);
    this.observer = new ConsensusObserver(this.n, o.hooks ?? {}, genesis);
    const rule = cfg.brokenVariant === 'ignoreFinality' ? 'ignoreFinality' : 'babe';
    for (let i = 0; i < this.n; i++) {
      const tree = new BlockTree(genesisHeader, rule);
      this.nodes.push({
        index: i, byzantine: i >= this.n - cfg.byzantineCount, tree,
        commitments: new Map([[0, GENESIS_COMMITMENT]]), waitingParent: new Map(), waitingVotes: new Map(),
        requested: new Map(), babeDetector: new BabeEquivocationDetector(cfg.epochSlots),
        online: true, skewMs: 0, withholding: false,
        round: 0, active: false, base: genesisHeader, prevotes: new Tally(genesisHeader, this.t, this.n),
        precommits: new Tally(genesisHeader, this.t, this.n), myPrevote: -1, myPrecommit: -1, t2: false, t4: false,
        future: new Map(), lastCommit: null, finalCommit: null, catchUpSent: new Float64Array(this.n).fill(-Infinity), slotGen: 0, nextSlot: 0,
        inAt: [], inMsg: [], arrPv: new TSmallest(this.t), arrPc: new TSmallest(this.t), wakeAt: Infinity, wakeGen: 0,
      });
      o.network.onReceive(i, (from, msg) => this.receive(i, from, msg));
    }
    this.kSlot = engine.defineKind('consensus.slot', (a, p, obj) => this.onSlot(a, p, obj as number));
    this.kEmit = engine.defineKind('consensus.emit', (a, _p, obj) => this.onEmit(a, obj as SimBlock[]));
    this.kFault = engine.defineKind('consensus.faults', (_a, p) => this.onFaultTick(p));
    this.kT2 = engine.defineKind('grandpa.prevoteTimer', (a, p) => this.onTimer(a, p, 2));
    this.kT4 = engine.defineKind('grandpa.precommitTimer', (a, p) => this.onTimer(a, p, 4));
    this.kRb = engine.defineKind('grandpa.rebroadcast', (a, p) => this.onTimer(a, p, 0));
    this.kWake = engine.defineKind('grandpa.wake', (a, p) => this.onWake(a, p));
    this.lazyVotes = o.network.fanout !== undefined && o.lazyVotes !== false;
  }

  /** Schedule slots [0, slots). Run the engine to slots * slotMs (+ a grace for the last slot's messages) after. */
  start(slots: number): void {
    assert(slots >= 1, 'start: need at least one slot');
    this.endSlot = slots;
    const e = this.o.engine;
    e.schedule(0, EventClass.Fault, 0, this.kFault, 0, 0); // each fault tick schedules the next (bounded queue)
    for (const node of this.nodes) this.scheduleSlot(node, 0);
  }

  /** Statistics of the run so far; call once the engine has run past the last slot. */
  stats(): ConsensusStats {
    const now = this.o.engine.nowMs();
    const upTo = now >= this.endSlot * this.o.cfg.slotMs ? this.endSlot : Math.max(0, Math.floor(now / this.o.cfg.slotMs) - 1);
    this.observer.closeRemaining(upTo);
    return this.observer.stats(upTo);
  }
  node(i: number): { tree: BlockTree; online: boolean; round: number } { return this.nodes[i]!; }
  block(id: BlockId): SimBlock | undefined { return this.blocks.get(id); }

  // ---- slots and authoring -------------------------------------------------------------------------------------

  private scheduleSlot(node: NodeState, wanted: number): void {
    const slot = Math.max(wanted, node.nextSlot);
    if (slot >= this.endSlot) return;
    const at = Math.max(this.o.engine.nowMs(), slot * this.o.cfg.slotMs - node.skewMs);
    this.o.engine.schedule(at, EventClass.Block, node.index, this.kSlot, node.index, slot, node.slotGen);
  }

  private onSlot(i: number, slot: number, gen: number): void {
    const node = this.nodes[i]!;
    if (gen !== node.slotGen) return;
    node.nextSlot = slot + 1;
    this.scheduleSlot(node, slot + 1);
    if (!node.online) return;
    const rand = this.randomness(Math.floor(slot / this.o.cfg.epochSlots));
    const primary = vrfOutput(rand, slot, i) < this.threshold;
    const secondary = !primary && this.o.cfg.secondarySlots && this.secondaryIndex(rand, slot) === i;
    if (!primary && !secondary) return;
    const parent = node.tree.best;
    const made = [this.build(node, parent, slot, primary, false)];
    if (node.byzantine && this.o.cfg.babeEquivocationRate > 0 && this.rng.bernoulli(this.o.cfg.babeEquivocationRate)) {
      made.push(this.build(node, parent, slot, primary, true));
    }
    this.o.engine.schedule(this.o.engine.nowMs() + this.o.cfg.proposalTimeMs, EventClass.Block, i, this.kEmit, i, 0, made);
  }

  private build(node: NodeState, parent: BlockHeader, slot: number, primary: boolean, twin: boolean): SimBlock {
    const xtIds = twin ? [] : this.selectExtrinsics(node, parent);
    const id = this.nextBlockId++;
    const commitment = commitBlock(node.commitments.get(parent.id)!, node.index, slot, xtIds);
    const header: BlockHeader = {
      id, parent: parent.id, number: parent.number + 1, slot, author: node.index, primary,
      weight: parent.weight + (primary ? 1 : 0), commitment,
    };
    return { header, xtIds, producedAtMs: this.o.engine.nowMs() + this.o.cfg.proposalTimeMs };
  }

  private selectExtrinsics(node: NodeState, parent: BlockHeader): number[] {
    const pool = this.o.mempool;
    if (pool === undefined || pool.size === 0) return [];
    const onChain = new Set<number>();
    const fin = node.tree.finalized.number;
    for (let b: BlockHeader | undefined = parent; b !== undefined && b.number > fin; b = node.tree.get(b.parent)) {
      for (const x of this.blocks.get(b.id)!.xtIds) onChain.add(x);
    }
    return pool.select(this.o.cfg.maxBlockLengthBytes, onChain).map((e) => e.id);
  }

  private onEmit(i: number, made: SimBlock[]): void {
    const node = this.nodes[i]!;
    if (!node.online) return;
    for (const b of made) {
      this.blocks.set(b.header.id, b);
      this.observer.onProduced(b);
      this.importBlock(node, b);
      this.broadcast(i, { t: 'block', b });
    }
  }

  private randomness(epoch: number): Uint8Array {
    let r = this.randomnessCache.get(epoch);
    if (r === undefined) { r = epochRandomness(this.o.genesisRandomness, epoch); this.randomnessCache.set(epoch, r); }
    return r;
  }

  private secondaryIndex(rand: Uint8Array, slot: number): number {
    let s = this.secondaryCache.get(slot);
    if (s === undefined) {
      s = secondaryAuthorIndex(rand, slot, this.n);
      this.secondaryCache.set(slot, s);
      this.secondaryCache.delete(slot - 4 * 100); // bounded: skewed nodes ask at most ~100 slots apart
    }
    return s;
  }

  // ---- networking ------------------------------------------------------------------------------------------------

  private broadcast(from: number, msg: Msg): void {
    this.messagesSent += this.n - 1;
    this.o.network.broadcast(from, msg);
  }

  private send(from: number, to: number, msg: Msg): void {
    this.messagesSent++;
    this.o.network.send(from, to, msg);
  }

  private receive(i: number, from: number, msg: Msg): void {
    const node = this.nodes[i]!;
    if (!node.online) return;
    switch (msg.t) {
      case 'block': this.onBlockMsg(node, from, msg.b); break;
      case 'blocks': for (const b of msg.bs) this.onBlockMsg(node, from, b); break;
      case 'req': this.onReq(node, from, msg.id); break;
      case 'vote': this.onVote(node, from, msg); break;
      case 'commit': this.onCommit(node, from, msg); break;
    }
  }

  private onReq(node: NodeState, from: number, id: BlockId): void {
    if (!node.tree.has(id)) return;
    const seg: SimBlock[] = [];
    for (let b = node.tree.get(id); b !== undefined && b.number > 0 && seg.length < SYNC_BATCH_MAX; b = node.tree.get(b.parent)) {
      seg.push(this.blocks.get(b.id)!);
    }
    seg.reverse();
    if (seg.length > 0) this.send(node.index, from, { t: 'blocks', bs: seg });
  }

  private onBlockMsg(node: NodeState, from: number, b: SimBlock): void {
    if (node.tree.has(b.header.id)) return;
    if (!node.tree.has(b.header.parent)) {
      let w = node.waitingParent.get(b.header.parent);
      if (w === undefined) {
        if (node.waitingParent.size >= WAITING_MAX) return; // bounded; sync will ask again later
        w = []; node.waitingParent.set(b.header.parent, w);
      }
      if (!w.some((x) => x.header.id === b.header.id)) w.push(b);
      this.request(node, from, b.header.parent);
      return;
    }
    this.importBlock(node, b);
  }

  /** Import a block whose parent is known, then any blocks and votes that were waiting for it. */
  private importBlock(node: NodeState, first: SimBlock): void {
    const queue: SimBlock[] = [first];
    for (let guard = 0; queue.length > 0; guard++) {
      assert(guard < 10_000_000, 'importBlock: runaway import chain');
      const b = queue.shift()!;
      const h = b.header;
      if (node.tree.has(h.id)) continue;
      node.commitments.set(h.id, commitBlock(node.commitments.get(h.parent)!, h.author, h.slot, b.xtIds));
      node.tree.import(h);
      node.requested.delete(h.id);
      if (!node.byzantine) {
        const off = node.babeDetector.observe(h.slot, h.author, h.id);
        if (off !== undefined) this.observer.reportOffence(off);
      }
      const kids = node.waitingParent.get(h.id);
      if (kids !== undefined) { node.waitingParent.delete(h.id); queue.push(...kids); }
      const votes = node.waitingVotes.get(h.id);
      if (votes !== undefined) {
        node.waitingVotes.delete(h.id);
        for (const m of votes) this.receive(node.index, m.t === 'vote' ? m.voter : node.index, m);
      }
    }
    this.maybeStartRound(node);
  }

  // ---- GRANDPA -----------------------------------------------------------------------------------------------------

  private maybeStartRound(node: NodeState): void {
    if (node.active || !node.online) return;
    const base = node.tree.finalized;
    if (voteTarget(node.tree, base, this.o.cfg.votingRules).number <= base.number) return;
    node.round += 1;
    node.active = true;
    node.base = base;
    node.prevotes.reset(base);
    node.precommits.reset(base);
    node.myPrevote = -1; node.myPrecommit = -1; node.t2 = false; node.t4 = false;
    const e = this.o.engine; const T = this.o.cfg.gossipDurationMs;
    e.schedule(e.nowMs() + 2 * T, EventClass.Node, node.index, this.kT2, node.index, node.round);
    e.schedule(e.nowMs() + 4 * T, EventClass.Node, node.index, this.kT4, node.index, node.round);
    e.schedule(e.nowMs() + this.o.cfg.rebroadcastMs, EventClass.Node, node.index, this.kRb, node.index, node.round);
    const buffered = node.future.get(node.round);
    node.future.delete(node.round);
    for (const [r] of [...node.future]) if (r < node.round) node.future.delete(r);
    if (buffered !== undefined) for (const m of buffered) this.receive(node.index, m.t === 'vote' ? m.voter : node.index, m);
    if (this.lazyVotes) {
      node.arrPv.reset(); node.arrPc.reset();
      for (let k = 0; k < node.inMsg.length; k++) {
        const m = node.inMsg[k]!;
        if (m.round === node.round) (m.stage === PREVOTE ? node.arrPv : node.arrPc).add(node.inAt[k]!);
      }
      this.drain(node);
    }
    this.progress(node);
    if (this.lazyVotes) this.planWake(node);
  }

  private onTimer(i: number, round: number, which: 0 | 2 | 4): void {
    const node = this.nodes[i]!;
    if (!node.online || !node.active || node.round !== round) return;
    if (this.lazyVotes) this.drain(node);
    if (!node.active || node.round !== round) { if (this.lazyVotes) this.planWake(node); return; }
    if (which === 2) node.t2 = true;
    else if (which === 4) node.t4 = true;
    else {
      if (node.myPrevote >= 0) this.broadcastVote(node, PREVOTE, node.myPrevote, true);
      if (node.myPrecommit >= 0) this.broadcastVote(node, PRECOMMIT, node.myPrecommit, true);
      const e = this.o.engine;
      e.schedule(e.nowMs() + this.o.cfg.rebroadcastMs, EventClass.Node, i, this.kRb, i, round);
    }
    this.progress(node);
    if (this.lazyVotes) this.planWake(node);
  }

  private broadcastVote(node: NodeState, stage: Stage, target: BlockId, rebroadcast = false): void {
    const m: VoteMsg = { t: 'vote', round: node.round, stage, voter: node.index, target, rebroadcast, fin: node.tree.finalized.number };
    if (!this.lazyVotes) { this.broadcast(node.index, m); return; }
    this.messagesSent += this.n - 1;
    this.o.network.fanout!(node.index, (to, at) => this.deliverVote(to, at, m));
  }

  // ---- vote fast path: inbox, wake-ups at the t-th arrival -------------------------------------------------------

  private deliverVote(to: number, at: number, m: VoteMsg): void {
    const node = this.nodes[to]!;
    if (!node.online || node.inAt.length >= INBOX_MAX) return;
    node.inAt.push(at); node.inMsg.push(m);
    const w = this.wakeFor(node, at, m, true);
    if (w < node.wakeAt) this.scheduleWake(node, w);
  }

  /** When an arrival at `at` may change what `node` does (Infinity: it can wait for the next wake-up). */
  private wakeFor(node: NodeState, at: number, m: VoteMsg, track: boolean): number {
    if (node.lastCommit !== null && m.round <= node.lastCommit.round) {
      return m.rebroadcast || m.round < node.lastCommit.round ? at : Infinity; // a peer behind us: catch-up answer
    }
    if (m.round !== node.round || !node.active) return Infinity; // a future round: applied when we start it
    const arr = m.stage === PREVOTE ? node.arrPv : node.arrPc;
    if (track) arr.add(at);
    if (m.stage === PREVOTE && (node.myPrecommit >= 0 || (node.myPrevote >= 0 && node.prevotes.ghost !== undefined && node.prevotes.count >= this.t))) {
      return Infinity; // prevotes no longer gate anything but the timers (which drain the inbox themselves)
    }
    return Math.max(at, arr.tth);
  }

  private scheduleWake(node: NodeState, at: number): void {
    node.wakeAt = at;
    node.wakeGen++;
    this.o.engine.schedule(Math.max(at, this.o.engine.nowMs()), EventClass.Node, node.index, this.kWake, node.index, node.wakeGen);
  }

  private onWake(i: number, gen: number): void {
    const node = this.nodes[i]!;
    if (gen !== node.wakeGen) return;
    node.wakeAt = Infinity;
    if (!node.online) return;
    this.drain(node);
    this.progress(node);
    this.planWake(node);
  }

  /** Apply every vote that has arrived (in send order); keep future ones and later rounds'. */
  private drain(node: NodeState): void {
    const now = this.o.engine.nowMs();
    const at = node.inAt; const ms = node.inMsg;
    const due: VoteMsg[] = [];
    let w = 0;
    for (let r = 0; r < at.length; r++) {
      const m = ms[r]!;
      if (at[r]! > now || m.round > node.round || (m.round === node.round && !node.active && (node.lastCommit === null || m.round > node.lastCommit.round))) {
        if (at[r]! <= now) this.finalityCatchUp(node, m.voter, m); // an arrived future-round vote may show divergence
        if (m.round <= node.round + FUTURE_ROUNDS_MAX) { at[w] = at[r]!; ms[w] = m; w++; }
      } else due.push(m);
    }
    at.length = w; ms.length = w;
    const net = this.o.network;
    for (const m of due) {
      if (net.isCut !== undefined && net.isCut(m.voter, node.index)) continue; // cut while in flight
      this.onVote(node, m.voter, m, false);
    }
  }

  /** Schedule the next wake-up from the pending arrivals. */
  private planWake(node: NodeState): void {
    let w = Infinity;
    for (let k = 0; k < node.inAt.length; k++) { const x = this.wakeFor(node, node.inAt[k]!, node.inMsg[k]!, false); if (x < w) w = x; }
    if (w < node.wakeAt) this.scheduleWake(node, w);
  }

  private castVote(node: NodeState, stage: Stage, target: BlockHeader): void {
    if (stage === PREVOTE) node.myPrevote = target.id; else node.myPrecommit = target.id;
    (stage === PREVOTE ? node.prevotes : node.precommits).add(node.tree, node.index, target.id);
    if (this.lazyVotes) (stage === PREVOTE ? node.arrPv : node.arrPc).add(this.o.engine.nowMs()); // our own vote counts now
    this.broadcastVote(node, stage, target.id);
    if (node.byzantine && this.o.cfg.grandpaEquivocationRate > 0 && this.rng.bernoulli(this.o.cfg.grandpaEquivocationRate)) {
      const other = target.id !== node.base.id ? node.base : node.tree.best;
      if (other.id !== target.id) this.broadcastVote(node, stage, other.id);
    }
  }

  private progress(node: NodeState): void {
    if (!node.active) return;
    const voting = !node.withholding;
    if (node.myPrevote < 0 && voting && (node.t2 || node.prevotes.count >= this.t)) {
      this.castVote(node, PREVOTE, voteTarget(node.tree, node.base, this.o.cfg.votingRules));
    }
    const g = node.prevotes.ghost;
    if ((node.myPrevote >= 0 || !voting) && node.myPrecommit < 0 && voting && g !== undefined
      && (node.t4 || node.precommits.count >= this.t)) {
      this.castVote(node, PRECOMMIT, g);
    }
    const pg = node.precommits.ghost;
    if (pg !== undefined && node.precommits.count >= this.t) {
      const commit = { round: node.round, target: pg.id, voters: [...node.precommits.supporters] };
      if (pg.number > node.tree.finalized.number) node.finalCommit = commit;
      this.finalize(node, pg);
      node.lastCommit = commit;
      node.active = false;
      this.maybeStartRound(node);
    }
  }

  private onVote(node: NodeState, from: number, m: VoteMsg, doProgress = true): void {
    this.finalityCatchUp(node, from, m);
    if (node.lastCommit !== null && m.round <= node.lastCommit.round) {
      // Late votes of the round we just completed are normal; only a re-gossip or an older round means the
      // voter is stuck behind us.
      if (!m.rebroadcast && m.round === node.lastCommit.round) return;
      // A voter behind us: help it catch up with our last commit.
      this.catchUp(node, from, node.lastCommit);
      return;
    }
    if (m.round > node.round || (m.round === node.round && !node.active)) {
      if (m.round > node.round + FUTURE_ROUNDS_MAX) return;
      let q = node.future.get(m.round);
      if (q === undefined) { q = []; node.future.set(m.round, q); }
      if (q.length < 4 * this.n) q.push(m);
      return;
    }
    if (m.round < node.round) return;
    if (!node.tree.has(m.target)) { this.waitForBlock(node, m.target, from, m); return; }
    const tally = m.stage === PREVOTE ? node.prevotes : node.precommits;
    const r = tally.add(node.tree, m.voter, m.target);
    if (r === 'equivocation' && !node.byzantine) {
      const first = tally.firstOf(m.voter) ?? m.target;
      this.observer.reportOffence({ kind: 'grandpaEquivocation', offender: m.voter, timeSlot: m.round * 2 + m.stage, evidence: [first, m.target] });
    }
    if (r === 'new' && doProgress) this.progress(node);
  }

  /**
   * A voter in a round we have not completed whose finalized block is below ours has diverged from us (it completed
   * rounds that finalized less): send it the commit that justifies our finalized block (neighbour-packet catch-up).
   * Late votes of a round we completed are the normal ~one-latency lag and need no help.
   */
  private finalityCatchUp(node: NodeState, from: number, m: VoteMsg): void {
    if (node.finalCommit === null || m.fin >= node.tree.finalized.number) return;
    if (node.lastCommit !== null && m.round <= node.lastCommit.round) return;
    this.catchUp(node, from, node.finalCommit);
  }

  /** Send `commit` to a peer that is behind (at most once per SYNC_RETRY_MS per peer: the answer may be lost). */
  private catchUp(node: NodeState, to: number, commit: { round: number; target: BlockId; voters: number[] }): void {
    const now = this.o.engine.nowMs();
    if (node.catchUpSent[to]! > now - SYNC_RETRY_MS) return;
    node.catchUpSent[to] = now;
    this.send(node.index, to, { t: 'commit', ...commit });
  }

  private onCommit(node: NodeState, from: number, m: Extract<Msg, { t: 'commit' }>): void {
    if (m.voters.length < this.t) return;
    const newRound = node.lastCommit === null || m.round > node.lastCommit.round;
    if (!node.tree.has(m.target)) { this.waitForBlock(node, m.target, from, m); return; }
    const target = node.tree.get(m.target)!;
    const advances = target.number > node.tree.finalized.number;
    if (!newRound && !advances) return;
    const commit = { round: m.round, target: m.target, voters: [...m.voters] };
    if (advances) { node.finalCommit = commit; this.finalize(node, target); }
    if (newRound) node.lastCommit = commit;
    if (m.round >= node.round) { node.round = m.round; node.active = false; this.maybeStartRound(node); }
  }

  private waitForBlock(node: NodeState, id: BlockId, from: number, m: Msg): void {
    let w = node.waitingVotes.get(id);
    if (w === undefined) {
      if (node.waitingVotes.size >= WAITING_MAX) return;
      w = []; node.waitingVotes.set(id, w);
    }
    if (w.length < 4 * this.n) w.push(m);
    this.request(node, from, id);
  }

  /** Ask `from` for a missing block, unless asked recently (answers can be lost: then ask again later). */
  private request(node: NodeState, from: number, id: BlockId): void {
    const now = this.o.engine.nowMs();
    const last = node.requested.get(id);
    if (last !== undefined && now - last < SYNC_RETRY_MS) return;
    node.requested.set(id, now);
    this.send(node.index, from, { t: 'req', id });
  }

  /** Finalize `target` at `node`; report the newly final segment to the observer (honest nodes only). */
  private finalize(node: NodeState, target: BlockHeader): void {
    const tree = node.tree;
    const prev = tree.finalized;
    if (target.number <= prev.number && tree.descends(prev.id, target.id)) return;
    const conflicting = !tree.descends(target.id, prev.id);
    if (conflicting) {
      if (!node.byzantine) {
        this.observer.violation('conflictingFinality', this.o.engine.nowMs(),
          `node ${node.index} finalized block ${target.id} (#${target.number}) not descending from its finalized block ${prev.id} (#${prev.number})`);
      }
      tree.forceFinalize(target.id);
    } else {
      tree.finalize(target.id);
    }
    if (node.byzantine) return;
    const seg: SimBlock[] = []; const commits: number[] = [];
    const floor = conflicting ? 0 : prev.number;
    for (let b: BlockHeader | undefined = target; b !== undefined && b.number > floor; b = tree.get(b.parent)) {
      seg.push(this.blocks.get(b.id)!);
      commits.push(node.commitments.get(b.id)!);
    }
    seg.reverse(); commits.reverse();
    const before = this.observer.canonicalHeight;
    this.observer.onHonestFinalized(node.index, seg, commits, this.o.engine.nowMs(), tree.best.number);
    const after = this.observer.canonicalHeight;
    if (after > before && this.o.mempool !== undefined) {
      const ids: number[] = [];
      for (let h = before + 1; h <= after; h++) ids.push(...this.observer.canonicalAt(h)!.xtIds);
      this.o.mempool.removeIds(ids);
    }
    tree.pruneLeaves();
  }

  // ---- faults and the liveness oracle -----------------------------------------------------------------------------

  private onFaultTick(slot: number): void {
    if (slot < this.endSlot) this.o.engine.schedule((slot + 1) * this.o.cfg.slotMs, EventClass.Fault, 0, this.kFault, 0, slot + 1);
    // A slot is closed two slots later: every (unskewed) author of it has emitted by then.
    if (slot >= 2) this.observer.closeSlot(slot - 2);
    const f = this.o.faults;
    const next = activeAt(f, slot);
    const key = (es: FaultEvent[]): string => JSON.stringify(es);
    if (key(next) !== key(this.active)) { this.apply(next); this.active = next; }
    if (!this.livenessChecked && f.healAtSlot > 0 && slot === f.healAtSlot + f.finalityResumeWithinSlots) {
      this.livenessChecked = true;
      for (const node of this.nodes) {
        if (node.byzantine || !node.online) continue;
        if (node.tree.finalized.slot < f.healAtSlot) {
          this.observer.violation('livenessTimeout', this.o.engine.nowMs(),
            `node ${node.index}: no block authored after heal (slot ${f.healAtSlot}) finalized within ${f.finalityResumeWithinSlots} slots `
            + `(finalized #${node.tree.finalized.number} from slot ${node.tree.finalized.slot})`);
        }
      }
    }
  }

  private apply(events: FaultEvent[]): void {
    const net = this.o.network;
    let isolated: number[] | null = null; let loss = 0; let extra = 0;
    const down = new Set<number>(); const skew = new Map<number, number>(); const withhold = new Set<number>();
    for (const e of events) {
      switch (e.kind) {
        case 'partition': {
          const k = fractionGroup(e.fraction, this.n, true);
          isolated = Array.from({ length: k }, (_, i) => i);
          break;
        }
        case 'crash': down.add(e.node); break;
        case 'loss': loss = 1 - (1 - loss) * (1 - e.rate); break;
        case 'latency': extra += e.extraMs; break;
        case 'clockSkew': skew.set(e.node, (skew.get(e.node) ?? 0) + e.skewMs); break;
        case 'withholdVotes': for (let i = 0; i < fractionGroup(e.fraction, this.n, false); i++) withhold.add(i); break;
      }
    }
    net.setPartition(isolated);
    net.setExtraLoss(loss);
    net.setExtraLatencyMs(extra);
    for (const node of this.nodes) {
      const wasOnline = node.online;
      node.online = !down.has(node.index);
      net.setDown(node.index, !node.online);
      node.withholding = withhold.has(node.index);
      const s = skew.get(node.index) ?? 0;
      if (s !== node.skewMs || (node.online && !wasOnline)) {
        node.skewMs = s;
        node.slotGen++;
        const local = Math.floor((this.o.engine.nowMs() + s) / this.o.cfg.slotMs);
        this.scheduleSlot(node, local + 1);
      }
      if (node.online && !wasOnline) this.restart(node);
      if (!node.online && wasOnline) { node.active = false; node.inAt = []; node.inMsg = []; }
    }
  }

  /** A restarted node keeps its block database and finalized block, loses its in-memory round state. */
  private restart(node: NodeState): void {
    node.active = false;
    node.future.clear();
    node.waitingParent.clear();
    node.waitingVotes.clear();
    node.requested.clear();
    this.maybeStartRound(node);
  }
}
