// Aggregated consensus fidelity for multi-year economics: per slot, outcomes are DRAWN from the distributions the
// message-level nodes realise, without simulating messages:
// - primary winners: K ~ Binomial(N, p) with p = threshold / 2^128 (the same exact BABE threshold), K distinct
//   validators chosen uniformly; offline winners do not author; secondary author uniform over N (blake2 mod N is
//   uniform); a primary beats the secondary in fork choice, several primaries tie and the first seen wins (uniform);
// - finality: when the block at height h+2 (BeforeBestBlockBy(2)) leaves its author, a round starts and finalizes
//   h after a round time drawn from sim/node/round-time.ts (same link model, loss and latency faults included),
//   provided at least t voters are online, connected and voting; otherwise finality stalls while blocks continue;
// - partition: each side builds its own chain; at heal the side with finality (else the heavier chain, BABE rule)
//   wins and the other side's blocks are orphaned;
// - byzantine validators: a twin block when they author (BABE equivocation) and double votes per round (GRANDPA),
//   each detected and reported as in the message-level model.
// Clock skew is not modelled here (it only shifts authoring times; use message fidelity to study it).
import {
  primaryThresholdCached, effectiveThreshold, voteTargetNumber, type BlockHeader, type ConsensusConfig,
} from '../../protocol/pallets/consensus/index.js';
import { assert } from '../../protocol/primitives/dispatch.js';
import { Rng, type RngStream } from '../engine/index.js';
import type { LinkConfig } from '../adapters/sim/index.js';
import { GENESIS_COMMITMENT, commitBlock } from './commitment.js';
import { activeAt, fractionGroup, type FaultEvent, type FaultSchedule } from './faults.js';
import type { Mempool } from './mempool.js';
import type { SimBlock } from './messages.js';
import { ConsensusObserver, type ConsensusHooks, type ConsensusStats } from './observer.js';
import { sampleRoundTimes } from './round-time.js';

export interface AggregatedOptions {
  readonly cfg: ConsensusConfig;
  readonly faults: FaultSchedule;
  readonly link: LinkConfig;
  readonly seed: bigint;
  readonly mempool?: Mempool<unknown>;
  readonly hooks?: ConsensusHooks;
}

const ROUND_SAMPLES = 64;
const NO_XTS: readonly number[] = Object.freeze([]);

interface Side {
  readonly lo: number; readonly hi: number; // validator indices [lo, hi)
  head: SimBlock;
  finalized: SimBlock;
  /** Unfinalized chain above `finalized`, oldest first. */
  chain: SimBlock[];
  pending: { target: SimBlock; atMs: number } | null;
  round: number;
  /** Online, voting members (-1: recompute; reset whenever faults change). */
  votersCache: number;
}

export class AggregatedConsensus {
  readonly observer: ConsensusObserver;
  private readonly n: number;
  private readonly t: number;
  private readonly kCdf: number[];
  private readonly lottery: RngStream;
  private readonly finality: RngStream;
  private readonly byz: RngStream;
  private readonly roundTables = new Map<string, Float64Array>();
  private sides: Side[];
  private nextId = 1;
  private readonly offline: Uint8Array;
  private readonly withholding: Uint8Array;
  private extraLoss = 0;
  private extraMs = 0;
  private slot = 0;
  private livenessChecked = false;
  private readonly changes: Set<number>;
  /** Author of the block the largest side added in the last slot (the chain an economics runtime follows), or null. */
  lastAuthor: number | null = null;

  constructor(private readonly o: AggregatedOptions) {
    const { cfg } = o;
    this.n = cfg.validatorCount;
    this.t = effectiveThreshold(cfg, this.n);
    const rng = new Rng(o.seed);
    this.lottery = rng.stream('consensus.agg.lottery');
    this.finality = rng.stream('consensus.agg.finality');
    this.byz = rng.stream('consensus.agg.byzantine');
    this.kCdf = binomialCdf(this.n, Number(primaryThresholdCached(cfg.c, this.n)) / 2 ** 128);
    const gh: BlockHeader = { id: 0, parent: -1, number: 0, slot: 0, author: 0, primary: false, weight: 0, commitment: GENESIS_COMMITMENT };
    const genesis: SimBlock = { header: gh, xtIds: [], producedAtMs: 0 };
    this.observer = new ConsensusObserver(this.n, o.hooks ?? {}, genesis);
    this.sides = [{ lo: 0, hi: this.n, head: genesis, finalized: genesis, chain: [], pending: null, round: 0, votersCache: -1 }];
    this.offline = new Uint8Array(this.n);
    this.withholding = new Uint8Array(this.n);
    this.changes = faultChangeSlots(o.faults);
  }

  run(slots: number): void {
    for (let i = 0; i < slots; i++) this.step();
  }

  /** Simulate the next slot; returns the author index of the largest side's new block, or null (empty slot). */
  step(): number | null {
    const s = this.slot;
    if (this.changes.has(s)) this.applyFaults(activeAt(this.o.faults, s), s);
    const largest = this.sides.length === 1 ? this.sides[0]! : this.sides.reduce((a, b) => (b.hi - b.lo > a.hi - a.lo ? b : a));
    const before = largest.head;
    this.observer.slotOutcome(this.runSlot(s));
    this.checkLiveness(s);
    this.slot = s + 1;
    this.lastAuthor = largest.head !== before ? largest.head.header.author : null;
    return this.lastAuthor;
  }

  stats(): ConsensusStats { return this.observer.stats(this.slot); }

  private readonly winners: number[] = [];
  private readonly prim: number[] = [];

  /** Returns true if any block was produced in the slot. */
  private runSlot(s: number): boolean {
    const cfg = this.o.cfg;
    let any = false;
    const emitMs = s * cfg.slotMs + cfg.proposalTimeMs;
    for (const side of this.sides) this.settle(side, emitMs);
    // Lottery: K primary winners, distinct, uniform; then the secondary author.
    const u = this.lottery.float();
    let k = 0;
    while (k < this.kCdf.length - 1 && u >= this.kCdf[k]!) k++;
    const winners = this.winners; winners.length = 0;
    while (winners.length < k) { const v = this.lottery.int(this.n); if (!winners.includes(v)) winners.push(v); }
    const secondary = cfg.secondarySlots ? this.lottery.int(this.n) : -1;
    for (const side of this.sides) {
      const prim = this.prim; prim.length = 0;
      for (const v of winners) if (v >= side.lo && v < side.hi && this.offline[v] === 0) prim.push(v);
      const secOk = secondary >= side.lo && secondary < side.hi && this.offline[secondary] === 0 && !winners.includes(secondary);
      if (prim.length === 0 && !secOk) continue;
      any = true;
      const parent = side.head;
      const best = prim.length > 0 ? this.make(side, parent, s, prim[0]!, true, emitMs) : this.make(side, parent, s, secondary, false, emitMs);
      // Competing blocks of the slot (more primaries, the secondary beside a primary) lose fork choice: only counted.
      for (let i = 1; i < prim.length; i++) this.competing(parent, s, prim[i]!);
      if (prim.length > 0 && secOk) this.competing(parent, s, secondary);
      side.head = best;
      side.chain.push(best);
      this.maybeStartRound(side, emitMs, Math.max(1, prim.length + (prim.length > 0 && secOk ? 1 : 0)));
    }
    return any;
  }

  private make(side: Side, parent: SimBlock, slot: number, author: number, primary: boolean, emitMs: number): SimBlock {
    const xtIds = this.selectExtrinsics(side);
    const h = parent.header;
    const header: BlockHeader = {
      id: this.nextId++, parent: h.id, number: h.number + 1, slot, author, primary, weight: h.weight + (primary ? 1 : 0),
      commitment: commitBlock(h.commitment, author, slot, xtIds),
    };
    this.observer.onProducedAt(header.number, slot, false);
    this.maybeEquivocate(header);
    return { header, xtIds, producedAtMs: emitMs };
  }

  private competing(parent: SimBlock, slot: number, author: number): void {
    const h = parent.header;
    this.observer.onProducedAt(h.number + 1, slot, false);
    this.maybeEquivocate({ ...h, id: this.nextId++, parent: h.id, number: h.number + 1, slot, author });
  }

  /** A byzantine author signs a twin block: honest nodes see both and report it. */
  private maybeEquivocate(header: BlockHeader): void {
    const cfg = this.o.cfg;
    if (header.author < this.n - cfg.byzantineCount || cfg.babeEquivocationRate === 0 || !this.byz.bernoulli(cfg.babeEquivocationRate)) return;
    const twinId = this.nextId++;
    this.observer.onProducedAt(header.number, header.slot, false);
    this.observer.reportOffence({ kind: 'babeEquivocation', offender: header.author, timeSlot: header.slot, evidence: [header.id, twinId] });
  }

  private selectExtrinsics(side: Side): readonly number[] {
    const pool = this.o.mempool;
    if (pool === undefined || pool.size === 0) return NO_XTS;
    const onChain = new Set<number>();
    for (const b of side.chain) for (const x of b.xtIds) onChain.add(x);
    return pool.select(this.o.cfg.maxBlockLengthBytes, onChain).map((e) => e.id);
  }

  private voters(side: Side): number {
    if (side.votersCache >= 0) return side.votersCache;
    let v = 0;
    for (let i = side.lo; i < side.hi; i++) if (this.offline[i] === 0 && this.withholding[i] === 0) v++;
    side.votersCache = v;
    return v;
  }

  /** The side's best block as of `atMs` (blocks are appended in emit order). */
  private headAt(side: Side, atMs: number): SimBlock {
    for (let i = side.chain.length - 1; i >= 0; i--) if (side.chain[i]!.producedAtMs <= atMs) return side.chain[i]!;
    return side.finalized;
  }

  private maybeStartRound(side: Side, nowMs: number, competing = 1): void {
    if (side.pending !== null) return;
    const best = this.headAt(side, nowMs).header.number; const base = side.finalized.header.number;
    const target = voteTargetNumber(best, base, this.o.cfg.votingRules);
    if (target <= base) return;
    const voters = this.voters(side);
    if (voters < this.t) return; // finality stalls; production continues
    side.round++;
    this.byzantineVotes(side);
    const d = this.roundTime(voters, Math.min(competing, 3, voters));
    side.pending = { target: side.chain[target - base - 1]!, atMs: nowMs + d };
  }

  private byzantineVotes(side: Side): void {
    const cfg = this.o.cfg;
    if (cfg.byzantineCount === 0 || cfg.grandpaEquivocationRate === 0) return;
    for (let v = Math.max(side.lo, this.n - cfg.byzantineCount); v < side.hi; v++) {
      if (this.offline[v] === 1 || this.withholding[v] === 1) continue;
      for (let stage = 0; stage < 2; stage++) {
        if (this.byz.bernoulli(cfg.grandpaEquivocationRate)) {
          this.observer.reportOffence({ kind: 'grandpaEquivocation', offender: v, timeSlot: side.round * 2 + stage, evidence: [0, 0] });
        }
      }
    }
  }

  private roundTime(voters: number, competing: number): number {
    const key = `${voters}:${competing}:${this.extraLoss}:${this.extraMs}`;
    let tab = this.roundTables.get(key);
    if (tab === undefined) {
      const cfg = this.o.cfg;
      tab = sampleRoundTimes(this.o.link, voters, this.t, cfg.gossipDurationMs, cfg.rebroadcastMs, this.extraLoss, this.extraMs, this.finality, ROUND_SAMPLES, competing);
      this.roundTables.set(key, tab);
    }
    return Math.round(tab[this.finality.int(tab.length)]!);
  }

  /** Apply a pending finalization whose time has come (before the block emitted at `nowMs`). */
  private settle(side: Side, nowMs: number): void {
    for (let guard = 0; side.pending !== null && side.pending.atMs <= nowMs; guard++) {
      assert(guard < 1_000_000, 'aggregated: runaway finality loop');
      this.settleOne(side, side.pending);
    }
  }

  private settleOne(side: Side, p: { target: SimBlock; atMs: number }): void {
    side.pending = null;
    const base = side.finalized.header.number;
    const k = p.target.header.number - base;
    assert(k >= 1 && side.chain[k - 1] === p.target, 'aggregated: finalized target is not on the side chain');
    const seg = side.chain.splice(0, k);
    side.finalized = p.target;
    this.observer.onHonestFinalized(side.lo, seg, seg.map((b) => b.header.commitment), p.atMs, this.headAt(side, p.atMs).header.number);
    if (this.o.mempool !== undefined) this.o.mempool.removeIds(seg.flatMap((b) => b.xtIds));
    this.maybeStartRound(side, p.atMs);
  }

  private applyFaults(events: FaultEvent[], slot: number): void {
    this.offline.fill(0); this.withholding.fill(0); this.extraLoss = 0; this.extraMs = 0;
    let isolated = 0;
    for (const e of events) {
      switch (e.kind) {
        case 'partition': isolated = fractionGroup(e.fraction, this.n, true); break;
        case 'crash': this.offline[e.node] = 1; break;
        case 'loss': this.extraLoss = 1 - (1 - this.extraLoss) * (1 - e.rate); break;
        case 'latency': this.extraMs += e.extraMs; break;
        case 'withholdVotes': this.withholding.fill(1, 0, fractionGroup(e.fraction, this.n, false)); break;
        case 'clockSkew': break; // not modelled in the aggregated fidelity
      }
    }
    for (const side of this.sides) side.votersCache = -1;
    const partitioned = this.sides.length > 1;
    if (isolated > 0 && !partitioned) {
      const s = this.sides[0]!;
      this.sides = [
        { lo: 0, hi: isolated, head: s.head, finalized: s.finalized, chain: [...s.chain], pending: null, round: s.round, votersCache: -1 },
        { lo: isolated, hi: this.n, head: s.head, finalized: s.finalized, chain: [...s.chain], pending: s.pending, round: s.round, votersCache: -1 },
      ];
    } else if (isolated === 0 && partitioned) {
      this.heal(slot);
    }
  }

  /** Merge the sides: the side with the higher finalized block wins, else the BABE-heavier head, ties to the majority side. */
  private heal(slot: number): void {
    const [a, b] = this.sides as [Side, Side];
    const fa = a.finalized.header.number; const fb = b.finalized.header.number;
    let win: Side;
    if (fa !== fb) win = fa > fb ? a : b;
    else {
      const ha = a.head.header; const hb = b.head.header;
      win = ha.weight > hb.weight || (ha.weight === hb.weight && ha.number > hb.number) ? a : b;
    }
    this.sides = [{ lo: 0, hi: this.n, head: win.head, finalized: win.finalized, chain: win.chain, pending: win.pending, round: Math.max(a.round, b.round), votersCache: -1 }];
    void slot;
  }

  private checkLiveness(s: number): void {
    const f = this.o.faults;
    if (this.livenessChecked || f.healAtSlot === 0 || s !== f.healAtSlot + f.finalityResumeWithinSlots) return;
    this.livenessChecked = true;
    const side = this.sides[0]!;
    if (side.finalized.header.slot < f.healAtSlot) {
      this.observer.violation('livenessTimeout', s * this.o.cfg.slotMs,
        `no block authored after heal (slot ${f.healAtSlot}) finalized within ${f.finalityResumeWithinSlots} slots (finalized #${side.finalized.header.number})`);
    }
  }
}

/** Slots at which the set of active faults may change. */
function faultChangeSlots(f: FaultSchedule): Set<number> {
  const out = new Set<number>([0]);
  for (const e of f.events) { out.add(e.fromSlot); out.add(Math.min(e.toSlot, f.healAtSlot)); }
  if (f.healAtSlot > 0) out.add(f.healAtSlot);
  return out;
}

/**
 * Cumulative distribution of K ~ Binomial(n, p), by the pmf recurrence with + - * / only (IEEE-exact operations,
 * deterministic across engines), truncated where the tail is below 1e-17.
 */
export function binomialCdf(n: number, p: number): number[] {
  assert(n >= 1 && p >= 0 && p <= 1, 'binomialCdf: bad arguments');
  if (p === 1) return [...new Array<number>(n).fill(0), 1];
  let pmf = 1;
  for (let i = 0; i < n; i++) pmf *= 1 - p;
  const cdf: number[] = [];
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += pmf;
    cdf.push(acc);
    if (1 - acc < 1e-17) break;
    pmf = (pmf * (n - k) / (k + 1)) * (p / (1 - p));
  }
  cdf[cdf.length - 1] = 1;
  return cdf;
}
