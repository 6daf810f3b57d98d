// The observer sees every node (it is the simulator, not a node): it records produced blocks, the canonical
// finalized chain, finality lag, offences, and runs the safety oracles on every finalization:
//   1. no two conflicting finalized blocks (any two honest nodes' finalized chains agree at every height);
//   2. honest nodes agree on the state commitment at each finalized height (sim/node/commitment.ts);
// and the liveness oracle after heal (checked by the drivers, recorded here).
import { equivocationSlashFraction, type BlockHeader, type Offence } from '../../protocol/pallets/consensus/index.js';
import type { Parts } from '../../protocol/primitives/perthing.js';
import type { SimBlock } from './messages.js';

export type ViolationKind = 'conflictingFinality' | 'stateCommitmentMismatch' | 'livenessTimeout';
export interface Violation { readonly kind: ViolationKind; readonly atMs: number; readonly detail: string }

export interface ConsensusHooks {
  /** A block joined the canonical finalized chain (first honest finalization), in height order. */
  onCanonicalBlock?(b: SimBlock, finalizedAtMs: number): void;
  /** A new offence (deduplicated by kind, offender, time slot); fraction uses k offenders so far in that time slot. */
  onOffence?(o: Offence, fraction: Parts, k: number): void;
}

export interface ConsensusStats {
  readonly slots: number;
  readonly blocksProduced: number;
  readonly canonicalHeight: number;
  readonly orphanRate: number;
  readonly forkRate: number;
  readonly finalityLagP50Blocks: number;
  readonly finalityLagP95Blocks: number;
  readonly finalityLagP50Seconds: number;
  readonly finalityLagP95Seconds: number;
  readonly slotsMissed: number;
  readonly equivocationsSlashed: number;
  /** Lag samples below are the first 2^20 (distribution tests); the percentiles above use every block. */
  /** Canonical blocks authored per validator index. */
  readonly blocksPerValidator: readonly number[];
  readonly lagBlocksSamples: readonly number[];
  readonly lagSecondsSamples: readonly number[];
  readonly violations: readonly Violation[];
}

/** Nearest-rank percentile of a sample (0 for an empty sample). */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

const VIOLATIONS_MAX = 1000;
const FOLD_WINDOW = 4096;
const CANONICAL_WINDOW = 1 << 16;

const SAMPLES_MAX = 1 << 20;
const HIST_MS_MAX = 600_000;
const HIST_BLOCKS_MAX = 1 << 16;

/** Nearest-rank percentile from an integer histogram plus exact overflow values above its range. */
function histPercentile(hist: Uint32Array, over: readonly number[], count: number, q: number): number {
  if (count === 0) return 0;
  const rank = Math.min(count, Math.max(1, Math.ceil(q * count)));
  let acc = 0;
  for (let v = 0; v < hist.length; v++) {
    acc += hist[v]!;
    if (acc >= rank) return v;
  }
  const sorted = [...over].sort((a, b) => a - b);
  return sorted[rank - acc - 1]!;
}

/** Append-only Float64 buffer (lag samples over a simulated year: millions of values). */
class GrowableF64 {
  private buf = new Float64Array(1024);
  private len = 0;
  push(x: number): void {
    if (this.len === this.buf.length) { const b = new Float64Array(this.buf.length * 2); b.set(this.buf); this.buf = b; }
    this.buf[this.len++] = x;
  }
  view(): Float64Array { return this.buf.subarray(0, this.len); }
  get length(): number { return this.len; }
}

export class ConsensusObserver {
  /** Canonical chain: height -> block (first honest finalization of that height). */
  // Canonical chain window: ids and commitments of the last CANONICAL_WINDOW finalized heights (a ring), so a year of
  // blocks does not stay in memory; conflicts are checked for heights inside the window (a node whose finality is
  // more than CANONICAL_WINDOW blocks behind is checked from the window's floor up).
  private readonly ringId = new Float64Array(CANONICAL_WINDOW);
  private readonly ringCommit = new Float64Array(CANONICAL_WINDOW);
  private readonly ringBlock: Array<SimBlock | undefined> = new Array<SimBlock | undefined>(CANONICAL_WINDOW);
  private height = -1;
  /** Honest nodes' own commitments at each finalized height (first recorded). */
  /** Blocks produced per height, for heights in the recent window (older late blocks count as orphans only). */
  private readonly producedPerHeight = new Map<number, number>();
  private producedBelow = 0;   // produced blocks at heights folded into the counters below
  private forkHeightsBelow = 0;
  private foldedUpTo = 0;      // heights <= this are folded
  private readonly slotHasBlock = new Set<number>();
  private produced = 0;
  private missed = 0;
  private closedUpTo = 0;
  // Lag samples for distribution tests (the first SAMPLES_MAX), and exact histograms for percentiles at any scale:
  // lag in blocks per integer, lag in ms per ms (times are integer ms) up to HIST_MS_MAX, beyond that exact values.
  private readonly lagBlocks = new GrowableF64();
  private readonly lagSeconds = new GrowableF64();
  private readonly histBlocks = new Uint32Array(HIST_BLOCKS_MAX + 1);
  private readonly histMs = new Uint32Array(HIST_MS_MAX + 1);
  private readonly overBlocks: number[] = [];
  private readonly overMs: number[] = [];
  private lagCount = 0;
  private readonly offenceKeys = new Set<string>();
  private readonly offendersPerTimeSlot = new Map<string, number>();
  private offences = 0;
  readonly violations: Violation[] = [];
  private readonly perValidator: number[];

  constructor(readonly validatorCount: number, private readonly hooks: ConsensusHooks = {}, genesis: SimBlock) {
    this.perValidator = new Array<number>(validatorCount).fill(0);
    this.pushCanonical(genesis, genesis.header.commitment);
  }

  private pushCanonical(b: SimBlock, commitment: number): void {
    this.height++;
    const i = this.height % CANONICAL_WINDOW;
    this.ringId[i] = b.header.id; this.ringCommit[i] = commitment; this.ringBlock[i] = b;
  }

  get canonicalHeight(): number { return this.height; }
  /** The canonical block at height h, if h is inside the window. */
  canonicalAt(h: number): SimBlock | undefined {
    return h <= this.height && h > this.height - CANONICAL_WINDOW && h >= 0 ? this.ringBlock[h % CANONICAL_WINDOW] : undefined;
  }

  onProduced(b: SimBlock): void { this.onProducedAt(b.header.number, b.header.slot, true); }

  /** A block was produced at height h in `slot`; trackSlot=false when the driver reports slot outcomes itself. */
  onProducedAt(h: number, slot: number, trackSlot: boolean): void {
    this.produced++;
    if (trackSlot) this.slotHasBlock.add(slot);
    if (h <= this.foldedUpTo) { this.producedBelow++; return; } // a late block below the window: an orphan
    this.producedPerHeight.set(h, (this.producedPerHeight.get(h) ?? 0) + 1);
  }

  /** Fold per-height counts far below the canonical head into running totals (bounded memory over a year). */
  private fold(): void {
    const upTo = this.canonicalHeight - FOLD_WINDOW;
    for (let h = this.foldedUpTo + 1; h <= upTo; h++) {
      const c = this.producedPerHeight.get(h) ?? 0;
      this.producedPerHeight.delete(h);
      this.producedBelow += c;
      if (c > 1) this.forkHeightsBelow++;
    }
    if (upTo > this.foldedUpTo) this.foldedUpTo = upTo;
  }

  /** The driver closes each slot once no more blocks can be authored for it; counts slots without any block. */
  closeSlot(slot: number): void {
    if (slot < this.closedUpTo) return;
    this.closedUpTo = slot + 1;
    if (!this.slotHasBlock.delete(slot)) this.missed++;
  }

  /** Drivers that know each slot's outcome report it directly (no per-slot set). */
  slotOutcome(hadBlock: boolean): void {
    this.closedUpTo++;
    if (!hadBlock) this.missed++;
  }

  /** Close every slot below `endSlot` not closed yet (end of run). */
  closeRemaining(endSlot: number): void {
    for (let s = this.closedUpTo; s < endSlot; s++) this.closeSlot(s);
  }

  violation(kind: ViolationKind, atMs: number, detail: string): void {
    if (this.violations.length < VIOLATIONS_MAX) this.violations.push({ kind, atMs, detail });
  }

  /**
   * An honest node finalized `segment` (oldest first, heights contiguous above its previous finalized block),
   * with its own computed commitments. `bestNumber` is its best height at that moment (for lag in blocks).
   */
  onHonestFinalized(node: number, segment: readonly SimBlock[], commitments: readonly number[], nowMs: number, bestNumber: number): void {
    for (let i = 0; i < segment.length; i++) {
      const b = segment[i]!;
      const h = b.header.number;
      if (h <= this.height - CANONICAL_WINDOW) continue; // below the checked window
      if (h > this.height) {
        if (h !== this.height + 1) {
          this.violation('conflictingFinality', nowMs, `node ${node} finalized height ${h} above canonical ${this.height} without the blocks between`);
          return;
        }
        this.pushCanonical(b, commitments[i]!);
        this.perValidator[b.header.author]! += 1;
        this.recordLag(Math.max(0, Math.round(nowMs - b.producedAtMs)), Math.max(0, bestNumber - h));
        this.hooks.onCanonicalBlock?.(b, nowMs);
        if ((h & 1023) === 0) this.fold();
      } else if (this.ringId[h % CANONICAL_WINDOW] !== b.header.id) {
        this.violation('conflictingFinality', nowMs,
          `node ${node} finalized block ${b.header.id} at height ${h}, conflicting with finalized block ${this.ringId[h % CANONICAL_WINDOW]}`);
      } else if (this.ringCommit[h % CANONICAL_WINDOW] !== commitments[i]) {
        this.violation('stateCommitmentMismatch', nowMs,
          `node ${node} has commitment ${commitments[i]} at finalized height ${h}, others ${this.ringCommit[h % CANONICAL_WINDOW]}`);
      }
    }
  }

  private recordLag(ms: number, blocks: number): void {
    this.lagCount++;
    if (this.lagSeconds.length < SAMPLES_MAX) { this.lagSeconds.push(ms / 1000); this.lagBlocks.push(blocks); }
    if (ms <= HIST_MS_MAX) this.histMs[ms]! += 1; else this.overMs.push(ms);
    if (blocks <= HIST_BLOCKS_MAX) this.histBlocks[blocks]! += 1; else this.overBlocks.push(blocks);
  }

  reportOffence(o: Offence): void {
    const key = `${o.kind}:${o.offender}:${o.timeSlot}`;
    if (this.offenceKeys.has(key)) return;
    this.offenceKeys.add(key);
    const slotKey = `${o.kind}:${o.timeSlot}`;
    const k = (this.offendersPerTimeSlot.get(slotKey) ?? 0) + 1;
    this.offendersPerTimeSlot.set(slotKey, k);
    this.offences++;
    this.hooks.onOffence?.(o, equivocationSlashFraction(k, this.validatorCount), k);
  }

  stats(slots: number): ConsensusStats {
    const H = this.canonicalHeight;
    let producedUpTo = this.producedBelow; let forkHeights = this.forkHeightsBelow;
    for (let h = this.foldedUpTo + 1; h <= H; h++) {
      const c = this.producedPerHeight.get(h) ?? 0;
      producedUpTo += c;
      if (c > 1) forkHeights++;
    }
    return {
      slots,
      blocksProduced: this.produced,
      canonicalHeight: H,
      orphanRate: producedUpTo === 0 ? 0 : (producedUpTo - H) / producedUpTo,
      forkRate: H === 0 ? 0 : forkHeights / H,
      finalityLagP50Blocks: histPercentile(this.histBlocks, this.overBlocks, this.lagCount, 0.5),
      finalityLagP95Blocks: histPercentile(this.histBlocks, this.overBlocks, this.lagCount, 0.95),
      finalityLagP50Seconds: histPercentile(this.histMs, this.overMs, this.lagCount, 0.5) / 1000,
      finalityLagP95Seconds: histPercentile(this.histMs, this.overMs, this.lagCount, 0.95) / 1000,
      slotsMissed: this.missed,
      equivocationsSlashed: this.offences,
      blocksPerValidator: [...this.perValidator],
      lagBlocksSamples: Array.from(this.lagBlocks.view()),
      lagSecondsSamples: Array.from(this.lagSeconds.view()),
      violations: this.violations,
    };
  }
}

export function headerOf(b: SimBlock): BlockHeader { return b.header; }
