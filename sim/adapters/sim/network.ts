// Simulated network: every message is an engine event, so delivery order is part of the deterministic schedule.
//
// Per directed link (from -> to): a latency distribution (constant, uniform or lognormal) with optional spikes
// (heavy-tailed extra delay with some probability), loss, duplication and reordering probabilities. Every draw comes
// from the link's own stream ('net.link', from * 2^16 + to), so adding nodes or links never changes other links' draws.
//
// Faults (modelled on TigerBeetle's VOPR and FoundationDB's simulator):
// - partitions: symmetric (groups) or asymmetric (one direction of a link); a cut link drops messages at send time AND
//   at delivery time (what is on the wire of a cut link is lost); heal() restores every link.
// - crash/restart: a crashed node neither sends nor receives; messages in flight to it when it crashes are dropped
//   even if it restarts before they arrive (each crash bumps the node's epoch, recorded in the message).
// - reordering: by default each link is FIFO (delivery time >= the link's previous delivery, like TCP); with
//   probability `reorder` a message skips that constraint and arrives at its own drawn time, overtaking others.
// Messages must be immutable, JSON-able plain data (bigint allowed): in-flight ones are saved in engine snapshots.

import type { Network, NodeId, ReceiveHandler } from '../../ports/network.js';
import { EventClass, type Engine } from '../../engine/engine.js';
import type { RngStream } from '../../engine/rng.js';
import { InvariantError } from '../../../protocol/primitives/dispatch.js';

export type LatencyDistribution =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  /** median e^mu = medianMs, shape sigma */
  | { kind: 'lognormal'; medianMs: number; sigma: number };

export interface LinkConfig {
  latency: LatencyDistribution;
  /** With probability `probability`, add an extra delay drawn from `extra` (clogging, GC pauses). */
  spike: { probability: number; extra: LatencyDistribution } | null;
  /** Probability that a message is lost. */
  loss: number;
  /** Probability that a message is delivered twice (the copy gets its own latency draw). */
  duplicate: number;
  /** Probability that a message ignores the link's FIFO order. */
  reorder: number;
}

export const NODE_COUNT_MAX = 1 << 12;
const LINK_ID_SPAN = 1 << 16;
const EPOCH_SPAN = 2 ** 24; // payload = epoch * 2^24 + from

export interface NetworkStats {
  sent: number; delivered: number; duplicated: number;
  droppedLoss: number; droppedPartition: number; droppedCrashed: number; droppedNoHandler: number;
}

export interface SimNetworkSnapshot {
  blocked: number[];            // link indices from * n + to that are cut
  crashed: number[];            // crashed node ids
  epoch: number[];              // per node
  lastDelivery: Array<[number, number]>; // [link index, tick] for FIFO
  overrides: Array<[number, LinkConfig]>;
  stats: NetworkStats;
}

export class SimNetwork<M> implements Network<M> {
  readonly nodeCount: number;
  private readonly blocked: Uint8Array;
  private readonly crashed: Uint8Array;
  private readonly epoch: Float64Array;
  private readonly lastDelivery: Float64Array;
  private readonly overrides = new Map<number, LinkConfig>();
  private readonly streams: Array<RngStream | undefined>;
  private readonly handlers: Array<ReceiveHandler<M> | undefined>;
  private readonly deliverKind: number;
  stats: NetworkStats = zeroStats();

  /** `kindName` lets several networks coexist in one engine (each defines its own delivery kind). */
  constructor(private readonly engine: Engine, nodeCount: number, private defaultLink: LinkConfig,
              kindName = 'net.deliver') {
    if (!(Number.isInteger(nodeCount) && nodeCount >= 1 && nodeCount <= NODE_COUNT_MAX)) {
      throw new RangeError(`network: nodeCount must be an integer in [1, ${NODE_COUNT_MAX}], got ${nodeCount}`);
    }
    validateLink(defaultLink, 'network.link');
    this.nodeCount = nodeCount;
    const links = nodeCount * nodeCount;
    this.blocked = new Uint8Array(links);
    this.crashed = new Uint8Array(nodeCount);
    this.epoch = new Float64Array(nodeCount);
    this.lastDelivery = new Float64Array(links);
    this.streams = new Array<RngStream | undefined>(links).fill(undefined);
    this.handlers = new Array<ReceiveHandler<M> | undefined>(nodeCount).fill(undefined);
    this.deliverKind = engine.defineKind(kindName, (to, payload, obj) => this.deliver(to, payload, obj as M));
  }

  onReceive(node: NodeId, handler: ReceiveHandler<M>): void {
    this.checkNode(node);
    this.handlers[node] = handler;
  }

  /** Override one directed link's behaviour (fields not given keep the default's). */
  setLink(from: NodeId, to: NodeId, cfg: Partial<LinkConfig>): void {
    this.checkNode(from); this.checkNode(to);
    const merged = { ...this.linkConfig(from, to), ...cfg };
    validateLink(merged, `network.link[${from}->${to}]`);
    this.overrides.set(from * this.nodeCount + to, merged);
  }
  linkConfig(from: NodeId, to: NodeId): LinkConfig {
    return this.overrides.get(from * this.nodeCount + to) ?? this.defaultLink;
  }

  send(from: NodeId, to: NodeId, msg: M): void {
    this.checkNode(from); this.checkNode(to);
    if (msg === undefined) throw new InvariantError('network: message must not be undefined');
    this.stats.sent++;
    if (this.crashed[from] === 1 || this.crashed[to] === 1) { this.stats.droppedCrashed++; return; }
    const link = from * this.nodeCount + to;
    if (this.blocked[link] === 1) { this.stats.droppedPartition++; return; }
    const cfg = this.linkConfig(from, to);
    const rng = this.linkStream(from, to, link);
    if (cfg.loss > 0 && rng.bernoulli(cfg.loss)) { this.stats.droppedLoss++; return; }
    this.transmit(from, to, link, cfg, rng, msg);
    if (cfg.duplicate > 0 && rng.bernoulli(cfg.duplicate)) {
      this.stats.duplicated++;
      this.transmit(from, to, link, cfg, rng, msg);
    }
  }

  broadcast(from: NodeId, msg: M): void {
    for (let to = 0; to < this.nodeCount; to++) if (to !== from) this.send(from, to, msg);
  }

  private transmit(from: NodeId, to: NodeId, link: number, cfg: LinkConfig, rng: RngStream, msg: M): void {
    let delay = drawLatency(cfg.latency, rng);
    if (cfg.spike !== null && cfg.spike.probability > 0 && rng.bernoulli(cfg.spike.probability)) {
      delay += drawLatency(cfg.spike.extra, rng);
    }
    let at = this.engine.nowMs() + delay;
    const fifo = !(cfg.reorder > 0 && rng.bernoulli(cfg.reorder));
    if (fifo) {
      if (at < this.lastDelivery[link]!) at = this.lastDelivery[link]!;
      this.lastDelivery[link] = at;
    }
    this.engine.schedule(at, EventClass.Network, from, this.deliverKind, to, this.epoch[to]! * EPOCH_SPAN + from, msg);
  }

  private deliver(to: NodeId, payload: number, msg: M): void {
    const epoch = Math.floor(payload / EPOCH_SPAN);
    const from = payload - epoch * EPOCH_SPAN;
    if (this.crashed[to] === 1 || epoch !== this.epoch[to]) { this.stats.droppedCrashed++; return; }
    if (this.blocked[from * this.nodeCount + to] === 1) { this.stats.droppedPartition++; return; }
    const h = this.handlers[to];
    if (h === undefined) { this.stats.droppedNoHandler++; return; }
    this.stats.delivered++;
    h(from, msg);
  }

  private linkStream(from: NodeId, to: NodeId, link: number): RngStream {
    let s = this.streams[link];
    if (s === undefined) { s = this.engine.rng.stream('net.link', from * LINK_ID_SPAN + to); this.streams[link] = s; }
    return s;
  }

  // ---- faults

  /** Symmetric partition: links between different groups are cut both ways. Unlisted nodes form one more group. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    const group = new Int32Array(this.nodeCount).fill(-1);
    groups.forEach((g, gi) => g.forEach((node) => {
      this.checkNode(node);
      if (group[node] !== -1) throw new RangeError(`network.partition: node ${node} listed in two groups`);
      group[node] = gi;
    }));
    for (let a = 0; a < this.nodeCount; a++) {
      for (let b = 0; b < this.nodeCount; b++) {
        if (a !== b && group[a] !== group[b]) this.blocked[a * this.nodeCount + b] = 1;
      }
    }
  }
  /** Asymmetric cut: messages from -> to are dropped; to -> from still flow. */
  cut(from: NodeId, to: NodeId): void { this.checkNode(from); this.checkNode(to); this.blocked[from * this.nodeCount + to] = 1; }
  /** Cut both directions between a and b. */
  cutBoth(a: NodeId, b: NodeId): void { this.cut(a, b); this.cut(b, a); }
  /** Cut a node from everyone, both directions. */
  isolate(node: NodeId): void {
    for (let o = 0; o < this.nodeCount; o++) if (o !== node) this.cutBoth(node, o);
  }
  healLink(from: NodeId, to: NodeId): void { this.checkNode(from); this.checkNode(to); this.blocked[from * this.nodeCount + to] = 0; }
  /** Restore every link. */
  heal(): void { this.blocked.fill(0); }
  isCut(from: NodeId, to: NodeId): boolean { return this.blocked[from * this.nodeCount + to] === 1; }

  /** The node stops: it sends and receives nothing; messages in flight to it are lost. */
  crash(node: NodeId): void {
    this.checkNode(node);
    if (this.crashed[node] === 1) return;
    this.crashed[node] = 1;
    this.epoch[node] = this.epoch[node]! + 1;
  }
  restart(node: NodeId): void { this.checkNode(node); this.crashed[node] = 0; }
  isCrashed(node: NodeId): boolean { return this.crashed[node] === 1; }

  private checkNode(node: NodeId): void {
    if (!(Number.isInteger(node) && node >= 0 && node < this.nodeCount)) {
      throw new InvariantError(`network: node ${node} outside [0, ${this.nodeCount})`);
    }
  }

  // ---- checkpoints (in-flight messages live in the engine's queue snapshot; link streams in its rng snapshot)

  snapshot(): SimNetworkSnapshot {
    const blocked: number[] = [], lastDelivery: Array<[number, number]> = [];
    for (let i = 0; i < this.blocked.length; i++) {
      if (this.blocked[i] === 1) blocked.push(i);
      if (this.lastDelivery[i] !== 0) lastDelivery.push([i, this.lastDelivery[i]!]);
    }
    const crashed: number[] = [];
    for (let i = 0; i < this.nodeCount; i++) if (this.crashed[i] === 1) crashed.push(i);
    const overrides = [...this.overrides.keys()].sort((a, b) => a - b).map((k): [number, LinkConfig] => [k, this.overrides.get(k)!]);
    return { blocked, crashed, epoch: Array.from(this.epoch), lastDelivery, overrides, stats: { ...this.stats } };
  }

  restoreSnapshot(s: SimNetworkSnapshot): void {
    const links = this.nodeCount * this.nodeCount;
    const okIndex = (i: unknown, bound: number) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < bound;
    if (!Array.isArray(s?.epoch) || s.epoch.length !== this.nodeCount || !Array.isArray(s.blocked) || !Array.isArray(s.crashed)
        || !Array.isArray(s.lastDelivery) || !Array.isArray(s.overrides) || s.stats === null || typeof s.stats !== 'object') {
      throw new Error('network snapshot: malformed');
    }
    this.blocked.fill(0); this.crashed.fill(0); this.lastDelivery.fill(0); this.overrides.clear();
    for (const i of s.blocked) { if (!okIndex(i, links)) throw new Error('network snapshot: bad link'); this.blocked[i] = 1; }
    for (const i of s.crashed) { if (!okIndex(i, this.nodeCount)) throw new Error('network snapshot: bad node'); this.crashed[i] = 1; }
    this.epoch.set(s.epoch);
    for (const [i, t] of s.lastDelivery) { if (!okIndex(i, links)) throw new Error('network snapshot: bad link'); this.lastDelivery[i] = t; }
    for (const [i, cfg] of s.overrides) {
      if (!okIndex(i, links)) throw new Error('network snapshot: bad link');
      validateLink(cfg, 'network snapshot link');
      this.overrides.set(i, cfg);
    }
    this.stats = { ...zeroStats(), ...s.stats };
  }
}

function zeroStats(): NetworkStats {
  return { sent: 0, delivered: 0, duplicated: 0, droppedLoss: 0, droppedPartition: 0, droppedCrashed: 0, droppedNoHandler: 0 };
}

/** A latency draw in integer ms (>= 0). */
export function drawLatency(d: LatencyDistribution, rng: RngStream): number {
  switch (d.kind) {
    case 'constant': return Math.round(d.ms);
    case 'uniform': return Math.round(rng.uniform(d.minMs, d.maxMs));
    case 'lognormal': return Math.round(d.medianMs * Math.exp(d.sigma * rng.normal()));
  }
}

function validateLink(c: LinkConfig, path: string): void {
  const prob = (p: number, name: string) => {
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new RangeError(`${path}.${name} must be a probability in [0, 1], got ${p}`);
  };
  validateLatency(c.latency, `${path}.latency`);
  prob(c.loss, 'loss'); prob(c.duplicate, 'duplicate'); prob(c.reorder, 'reorder');
  if (c.spike !== null) {
    if (c.spike === undefined || typeof c.spike !== 'object') throw new RangeError(`${path}.spike must be an object or null`);
    prob(c.spike.probability, 'spike.probability');
    validateLatency(c.spike.extra, `${path}.spike.extra`);
  }
}

function validateLatency(d: LatencyDistribution, path: string): void {
  const nonneg = (v: number, name: string) => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new RangeError(`${path}.${name} must be a finite number >= 0, got ${v}`);
  };
  switch (d?.kind) {
    case 'constant': nonneg(d.ms, 'ms'); return;
    case 'uniform': nonneg(d.minMs, 'minMs'); nonneg(d.maxMs, 'maxMs');
      if (d.maxMs < d.minMs) throw new RangeError(`${path}: maxMs < minMs`);
      return;
    case 'lognormal': nonneg(d.medianMs, 'medianMs'); nonneg(d.sigma, 'sigma'); return;
    default: throw new RangeError(`${path}.kind must be one of constant, uniform, lognormal`);
  }
}
