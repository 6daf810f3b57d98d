// Seeded randomness: one 64-bit root seed, named streams derived as blake2b(rootSeed, streamName, agentId).
//
// Each stream is an independent `xor128` generator, bit-identical to seedrandom's (measured on this machine: xor128 271 M doubles/s,
// alea 66 M/s, the ARC4 default 34 M/s, SIMULATION.md). Because a stream's seed depends only on
// (rootSeed, name, agentId), adding an agent creates a new stream and leaves every other stream's draws unchanged.
//
// Float math (Math.log, Math.exp, Math.sqrt, Math.cos) is used here to sample distributions for simulated agent
// behaviour and network latencies. That is acceptable in the SIMULATOR (the results stay deterministic on one Node
// version; golden hashes would flag a V8 change), but it must never enter ledger math in protocol/, which uses
// bigint fixed point (Perbill, FixedU128).

import { blake2b } from '@noble/hashes/blake2b';
import type { RandomSource, RandomStream } from '../ports/random.js';

export const SEED_MAX = (1n << 64n) - 1n;

/** A malformed root seed: the CLI maps it to exit code 2. */
export class SeedError extends Error {
  readonly code = 'BAD_SEED';
  constructor(readonly input: string) {
    super(`malformed seed ${JSON.stringify(input)}: expected an unsigned 64-bit integer in decimal or 0x hex`);
    this.name = 'SeedError';
  }
}

/** Parse a root seed: decimal ("42") or hex ("0x2a"), 0 <= seed < 2^64. Throws SeedError otherwise. */
export function parseSeed(input: string | number | bigint): bigint {
  let v: bigint;
  if (typeof input === 'bigint') v = input;
  else if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) throw new SeedError(String(input));
    v = BigInt(input);
  } else {
    const s = input.trim();
    if (/^[0-9]+$/.test(s)) v = BigInt(s);
    else if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = BigInt(s);
    else throw new SeedError(input);
  }
  if (v < 0n || v > SEED_MAX) throw new SeedError(String(input));
  return v;
}

/** xor128 generator state (four int32 words), as seedrandom exposes it. */
export interface StreamState { x: number; y: number; z: number; w: number }

const enc = new TextEncoder();

/** The 128-bit xor128 seed of stream (rootSeed, name, agentId). Exported so tests can check the derivation. */
export function deriveStreamState(rootSeed: bigint, name: string, agentId: number): StreamState {
  if (!Number.isSafeInteger(agentId) || agentId < -1) throw new RangeError(`rng: bad agentId ${agentId}`);
  const nameBytes = enc.encode(name);
  // message = "bai-lab/rng/v1" domain tag ‖ rootSeed u64 LE ‖ agentId i64 LE (-1 = no agent) ‖ name bytes
  const tag = enc.encode('bai-lab/rng/v1');
  const msg = new Uint8Array(tag.length + 16 + nameBytes.length);
  msg.set(tag, 0);
  const dv = new DataView(msg.buffer);
  dv.setBigUint64(tag.length, rootSeed, true);
  dv.setBigInt64(tag.length + 8, BigInt(agentId), true);
  msg.set(nameBytes, tag.length + 16);
  const h = blake2b(msg, { dkLen: 16 });
  const hv = new DataView(h.buffer, h.byteOffset, 16);
  const s = { x: hv.getInt32(0, true), y: hv.getInt32(4, true), z: hv.getInt32(8, true), w: hv.getInt32(12, true) };
  // xor128 with an all-zero state emits zeros forever (probability 2^-128, but never allow it)
  if ((s.x | s.y | s.z | s.w) === 0) s.w = 1;
  return s;
}

/**
 * The xor128 step of seedrandom's `lib/xor128.js`, on a state stored at s[o..o+3] = (x, y, z, w).
 * Re-implemented over a shared Int32Array instead of calling seedrandom's closure objects: with one generator per
 * agent, seedrandom's per-instance closures (and boxed int32 fields) cost ~400 ns per draw at 10k agents, versus a few
 * ns here. The output is bit-identical to seedrandom.xor128 for the same state (tested).
 */
function next(s: Int32Array, o: number): number {
  const x = s[o]!;
  const t = x ^ (x << 11);
  const w = s[o + 3]!;
  s[o] = s[o + 1]!;
  s[o + 1] = s[o + 2]!;
  s[o + 2] = w;
  const nw = w ^ (w >>> 19) ^ t ^ (t >>> 8);
  s[o + 3] = nw;
  return nw;
}

/** seedrandom xor128 `double()`: 53 bits, never 0. */
function nextDouble(s: Int32Array, o: number): number {
  for (;;) {
    const top = next(s, o) >>> 11;
    const bot = (next(s, o) >>> 0) / 0x100000000;
    const r = (top + bot) / (1 << 21);
    if (r !== 0) return r;
  }
}

/** One seeded stream with distribution helpers. Its state lives in its Rng's shared state array. */
export class RngStream implements RandomStream {
  private readonly off: number;
  constructor(private readonly owner: Rng, readonly name: string, readonly agentId: number,
              /** index of this stream's state in its Rng (for the allocation-free Rng.floatAt / exponentialAt) */
              readonly slot: number) {
    this.off = slot * 4;
  }

  /** Uniform in (0, 1) with 53 bits (as seedrandom's double(): never returns 0). */
  float(): number { return nextDouble(this.owner.states, this.off); }
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number { return a + (b - a) * nextDouble(this.owner.states, this.off); }
  /** Uniform integer in [0, n), n a positive safe integer (bias <= n / 2^53: negligible for simulation). */
  int(n: number): number {
    if (!(n >= 1 && Number.isSafeInteger(n))) throw new RangeError(`rng.int: n must be a positive integer, got ${n}`);
    return Math.floor(nextDouble(this.owner.states, this.off) * n);
  }
  /** True with probability p in [0, 1]. */
  bernoulli(p: number): boolean { return nextDouble(this.owner.states, this.off) < p; }
  /** Normal(mean, sd) by Box-Muller; two uniforms per draw, no cached spare (the state is just the generator). */
  normal(mean = 0, sd = 1): number {
    const s = this.owner.states;
    const u = nextDouble(s, this.off), v = nextDouble(s, this.off);
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** exp(N(mu, sigma)). */
  lognormal(mu: number, sigma: number): number { return Math.exp(this.normal(mu, sigma)); }
  /** Exponential with the given MEAN (not rate). */
  exponential(mean: number): number { return -mean * Math.log(nextDouble(this.owner.states, this.off)); }
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('rng.pick: empty array');
    return items[Math.floor(nextDouble(this.owner.states, this.off) * items.length)]!;
  }
  /** Raw 32-bit signed output (seedrandom's int32()). */
  int32(): number { return next(this.owner.states, this.off); }

  state(): StreamState {
    const s = this.owner.states, o = this.off;
    return { x: s[o]!, y: s[o + 1]!, z: s[o + 2]!, w: s[o + 3]! };
  }
  restore(st: StreamState): void {
    for (const v of [st?.x, st?.y, st?.z, st?.w]) {
      if (!Number.isInteger(v) || v! < -(2 ** 31) || v! >= 2 ** 31) throw new Error('rng snapshot: malformed stream state');
    }
    if ((st.x | st.y | st.z | st.w) === 0) throw new Error('rng snapshot: all-zero stream state');
    const s = this.owner.states, o = this.off;
    s[o] = st.x; s[o + 1] = st.y; s[o + 2] = st.z; s[o + 3] = st.w;
  }
}

/** Serialisable state of all streams, in sorted key order. */
export interface RngSnapshot { rootSeed: bigint; streams: Array<[string, number, StreamState]> }

/** The registry of streams of one run. */
export class Rng implements RandomSource {
  private readonly streams = new Map<string, RngStream>();
  /** Fast path for dense agent ids: name -> streams indexed by agentId + 1. */
  private readonly byName = new Map<string, Array<RngStream | undefined>>();
  /** xor128 states of all streams, 4 int32 per stream (struct-of-arrays: cache-friendly with 100k agents). */
  states: Int32Array = new Int32Array(4 * 64);
  constructor(readonly rootSeed: bigint) {
    if (rootSeed < 0n || rootSeed > SEED_MAX) throw new SeedError(String(rootSeed));
  }

  /**
   * The stream (name, agentId); created on first use, the same object afterwards. agentId -1 = no agent.
   * Repeated look-ups of agent streams are allocation-free (per-name arrays indexed by agentId), but holding the
   * returned object is still cheaper than looking it up per event.
   */
  stream(name: string, agentId = -1): RngStream {
    const dense = agentId >= -1 && agentId < DENSE_AGENT_LIMIT && (agentId | 0) === agentId;
    let arr: Array<RngStream | undefined> | undefined;
    if (dense) {
      arr = this.byName.get(name);
      if (arr === undefined) { arr = []; this.byName.set(name, arr); }
      const hit = arr[agentId + 1];
      if (hit !== undefined) return hit;
    }
    const key = streamKey(name, agentId);
    let s = this.streams.get(key);
    if (s === undefined) {
      const slot = this.streams.size;
      if (4 * slot + 4 > this.states.length) {
        const grown = new Int32Array(this.states.length * 2);
        grown.set(this.states);
        this.states = grown;
      }
      s = new RngStream(this, name, agentId, slot);
      s.restore(deriveStreamState(this.rootSeed, name, agentId));
      this.streams.set(key, s);
    }
    if (arr !== undefined) {
      while (arr.length <= agentId) arr.push(undefined); // keep the array packed (no holes)
      arr[agentId + 1] = s;
    }
    return s;
  }

  get streamCount(): number { return this.streams.size; }

  // Slot-addressed draws for hot loops over struct-of-arrays agents: the same draws as stream.float() /
  // stream.exponential() of the stream with that slot, without touching the stream object (one cache miss less
  // per event with 100k agents; measured in bench/engine.ts).
  /** stream(slot).float() */
  floatAt(slot: number): number { return nextDouble(this.states, slot * 4); }
  /** stream(slot).exponential(mean) */
  exponentialAt(slot: number, mean: number): number { return -mean * Math.log(nextDouble(this.states, slot * 4)); }

  snapshot(): RngSnapshot {
    const keys = [...this.streams.keys()].sort();
    return {
      rootSeed: this.rootSeed,
      streams: keys.map((k) => { const s = this.streams.get(k)!; return [s.name, s.agentId, s.state()]; }),
    };
  }

  /** Restore every stream's state. Streams created later start from their derived seed, as in a fresh run. */
  restoreSnapshot(snap: RngSnapshot): void {
    if (snap.rootSeed !== this.rootSeed) {
      throw new Error(`rng snapshot: root seed ${snap.rootSeed} differs from this run's ${this.rootSeed}`);
    }
    const seen = new Set<string>();
    for (const [name, agentId, st] of snap.streams) {
      this.stream(name, agentId).restore(st);
      seen.add(streamKey(name, agentId));
    }
    // streams this instance created that the snapshot had not: back to their derived initial state
    for (const [k, s] of this.streams) {
      if (!seen.has(k)) s.restore(deriveStreamState(this.rootSeed, s.name, s.agentId));
    }
  }
}

function streamKey(name: string, agentId: number): string { return `${name}#${agentId}`; }
/** Agent ids below this use the per-name dense arrays; larger ones (e.g. network link ids) only the keyed map. */
const DENSE_AGENT_LIMIT = 1 << 22;
