// The `network` scenario section (baseline link behaviour for message-level consensus) and the adapter that gives
// the engine's SimNetwork the fault controls consensus schedules (partition, crash/restart, extra loss and latency).
import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../protocol/primitives/config-error.js';
import type { Engine, RngStream } from '../engine/index.js';
import { SimNetwork, drawLatency, type LatencyDistribution, type LinkConfig } from '../adapters/sim/index.js';
import type { NetworkFaultControl } from './message-consensus.js';
import type { Msg } from './messages.js';

export const networkSection = Type.Object({
  latencyMedianMs: Type.Number({
    minimum: 0, default: 100,
    description: 'Median one-way message delay (lognormal). Lab default: ~100 ms, a typical inter-continental hop.',
  }),
  latencySigma: Type.Number({ minimum: 0, maximum: 5, default: 0.5, description: 'Lognormal shape of the delay (0: constant).' }),
  loss: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Baseline probability a message is lost.' }),
  duplicate: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Probability a message is delivered twice.' }),
  reorder: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Probability a message overtakes earlier ones on its link.' }),
  spikeProbability: Type.Number({ minimum: 0, maximum: 1, default: 0, description: 'Probability of an extra heavy-tailed delay.' }),
  spikeMedianMs: Type.Number({ minimum: 0, default: 1000, description: 'Median of the extra spike delay (lognormal, sigma 1).' }),
}, { default: {}, additionalProperties: false, description: 'Simulated network links (message-level consensus).' });
export type NetworkSection = Static<typeof networkSection>;

export function networkWithDefaults(s: Partial<NetworkSection> = {}): NetworkSection {
  return {
    latencyMedianMs: s.latencyMedianMs ?? 100, latencySigma: s.latencySigma ?? 0.5, loss: s.loss ?? 0,
    duplicate: s.duplicate ?? 0, reorder: s.reorder ?? 0, spikeProbability: s.spikeProbability ?? 0, spikeMedianMs: s.spikeMedianMs ?? 1000,
  };
}

/** Validate and convert; negative latencies or probabilities outside [0, 1] are named ConfigErrors (exit 2). */
export function linkFromScenario(s: NetworkSection): LinkConfig {
  const nonneg = (v: number, k: string): void => {
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new ConfigError(`network.${k}`, `must be a finite number >= 0, got ${v}`, '>= 0');
  };
  const prob = (v: number, k: string): void => {
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw new ConfigError(`network.${k}`, `must be a probability, got ${v}`, '[0, 1]');
  };
  nonneg(s.latencyMedianMs, 'latencyMedianMs'); nonneg(s.latencySigma, 'latencySigma'); nonneg(s.spikeMedianMs, 'spikeMedianMs');
  prob(s.loss, 'loss'); prob(s.duplicate, 'duplicate'); prob(s.reorder, 'reorder'); prob(s.spikeProbability, 'spikeProbability');
  const latency: LatencyDistribution = s.latencySigma === 0
    ? { kind: 'constant', ms: s.latencyMedianMs }
    : { kind: 'lognormal', medianMs: s.latencyMedianMs, sigma: s.latencySigma };
  return {
    latency,
    spike: s.spikeProbability > 0 ? { probability: s.spikeProbability, extra: { kind: 'lognormal', medianMs: s.spikeMedianMs, sigma: 1 } } : null,
    loss: s.loss, duplicate: s.duplicate, reorder: s.reorder,
  };
}

/** SimNetwork plus the fault controls of NetworkFaultControl. */
export class ConsensusNetwork extends SimNetwork<Msg> implements NetworkFaultControl {
  private extraLoss = 0;
  private extraLatencyMs = 0;
  private readonly fanoutStreams: RngStream[] = [];
  // Mirrors of the fault state this class sets (it is the only writer), read by the vote fast path without the
  // base class's per-call validation: crashed nodes, partition side (1 = isolated group), the current link config.
  private readonly down: Uint8Array;
  private readonly side: Uint8Array;
  private current: LinkConfig;
  /** Per sender: the spare normal deviate of the polar method (NaN: none). */
  private readonly spare: Float64Array;
  constructor(private readonly eng: Engine, nodeCount: number, private readonly base: LinkConfig) {
    super(eng, nodeCount, base, 'consensus.net.deliver');
    this.down = new Uint8Array(nodeCount);
    this.side = new Uint8Array(nodeCount);
    this.spare = new Float64Array(nodeCount).fill(NaN);
    this.current = base;
  }

  /**
   * Vote fast path: the fate of one broadcast from `from` to every other node, decided now with the same link
   * configuration, cuts and crashes as send() (loss, latency, spikes, duplication), but handed to `deliver` with its
   * arrival time instead of one engine event per copy; draws come from a per-sender stream. Link FIFO order is not
   * imposed on these copies (they behave like reordering-allowed datagrams).
   */
  fanout(from: number, deliver: (to: number, atMs: number) => void): void {
    let rng = this.fanoutStreams[from];
    if (rng === undefined) { rng = this.eng.rng.stream('consensus.net.fanout', from); this.fanoutStreams[from] = rng; }
    const now = this.eng.nowMs();
    if (this.down[from] === 1) return;
    const cfg = this.current; const mySide = this.side[from];
    for (let to = 0; to < this.nodeCount; to++) {
      if (to === from || this.down[to] === 1 || this.side[to] !== mySide) continue;
      if (cfg.loss > 0 && rng.bernoulli(cfg.loss)) continue;
      deliver(to, now + this.delay(cfg, rng, from));
      if (cfg.duplicate > 0 && rng.bernoulli(cfg.duplicate)) deliver(to, now + this.delay(cfg, rng, from));
    }
  }

  private delay(cfg: LinkConfig, rng: RngStream, from: number): number {
    const l = cfg.latency;
    // Lognormal by the polar method (two deviates per accepted pair, the spare kept per sender): the same
    // distribution as drawLatency with half the transcendental calls.
    let d = l.kind === 'lognormal' ? Math.round(l.medianMs * Math.exp(l.sigma * this.normal(rng, from))) : drawLatency(l, rng);
    if (cfg.spike !== null && cfg.spike.probability > 0 && rng.bernoulli(cfg.spike.probability)) d += drawLatency(cfg.spike.extra, rng);
    return d;
  }

  private normal(rng: RngStream, from: number): number {
    const sp = this.spare[from]!;
    if (!Number.isNaN(sp)) { this.spare[from] = NaN; return sp; }
    for (;;) {
      const u = 2 * rng.float() - 1; const v = 2 * rng.float() - 1;
      const q = u * u + v * v;
      if (q > 0 && q < 1) {
        const f = Math.sqrt((-2 * Math.log(q)) / q);
        this.spare[from] = v * f;
        return u * f;
      }
    }
  }

  setPartition(isolated: readonly number[] | null): void {
    this.heal();
    this.side.fill(0);
    if (isolated !== null && isolated.length > 0) {
      this.partition([isolated]);
      for (const i of isolated) this.side[i] = 1;
    }
  }

  setDown(node: number, down: boolean): void {
    if (down) this.crash(node); else this.restart(node);
    this.down[node] = down ? 1 : 0;
  }

  setExtraLoss(rate: number): void {
    if (rate === this.extraLoss) return;
    this.extraLoss = rate;
    this.relink();
  }

  setExtraLatencyMs(ms: number): void {
    if (ms === this.extraLatencyMs) return;
    this.extraLatencyMs = ms;
    this.relink();
  }

  /** Every link gets the baseline with the extra loss folded in and the extra delay as a certain spike. */
  private relink(): void {
    const cfg: Partial<LinkConfig> = {
      loss: 1 - (1 - this.base.loss) * (1 - this.extraLoss),
      spike: this.extraLatencyMs > 0 ? { probability: 1, extra: { kind: 'constant', ms: this.extraLatencyMs } } : this.base.spike,
    };
    for (let a = 0; a < this.nodeCount; a++) for (let b = 0; b < this.nodeCount; b++) if (a !== b) this.setLink(a, b, cfg);
    this.current = { ...this.base, ...cfg };
  }
}
