// Marketplace agent behaviours as pure decision functions: (rng stream, observations, parameters) -> decision.
// Each agent draws from its own seeded stream (engine.rng.stream(name, agentIndex)), so adding an agent never changes
// another's draws. Float math is fine here (simulated behaviour, SIMULATION.md); ledger math stays in protocol/.

import type { Planck } from '../../../protocol/primitives/units.js';
import type { BatchItem } from '../../../protocol/pallets/marketplace/index.js';
import type { ModelValue, Score } from '../../../protocol/pallets/curation/index.js';

/** The subset of RngStream these functions use. */
export interface AgentRng {
  float(): number;
  normal(mean?: number, sd?: number): number;
  int(n: number): number;
}

export interface ModelTraits { readonly quality: number; readonly latencyMs: number }

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Hidden true quality (normal, clipped to [0, 1]) and latency (lognormal around a median) of one model. */
export function drawModelTraits(rng: AgentRng, qualityMean: number, qualitySd: number, latencyMedianMs: number,
                                latencySigma: number): ModelTraits {
  const quality = clamp01(rng.normal(qualityMean, qualitySd));
  const latencyMs = Math.max(1, Math.round(latencyMedianMs * Math.exp(latencySigma * rng.normal(0, 1))));
  return { quality, latencyMs };
}

/** A price uniform in [min, max] planck (resolution 2^-32 of the range). */
export function drawPrice(rng: AgentRng, minPlanck: Planck, maxPlanck: Planck): Planck {
  if (maxPlanck <= minPlanck) return minPlanck;
  const span = maxPlanck - minPlanck;
  return minPlanck + (span * BigInt(Math.floor(rng.float() * 2 ** 32))) / (1n << 32n);
}

/**
 * k distinct indices of [0, n), ascending: all of them when k >= n (no draws), else Floyd's algorithm
 * (k draws, O(k) memory: a day's sampling never allocates per model).
 */
/** Scratch marks of pickDistinct (all zero between calls); grows to the largest n sampled from. */
let marks = new Uint8Array(1024);

export function pickDistinct(rng: AgentRng, n: number, k: number): number[] {
  if (k >= n) {
    const all: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  if (!(k > 0)) return [];
  // Floyd's algorithm; membership through a reusable mark per index (cleared again below), so a draw costs O(1).
  if (marks.length < n) marks = new Uint8Array(Math.max(n, 2 * marks.length));
  const chosen = new Float64Array(k);
  let size = 0;
  try {
    for (let j = n - k; j < n; j++) {
      const t = rng.int(j + 1);
      const pick = marks[t] === 1 ? j : t;
      marks[pick] = 1;
      chosen[size++] = pick;
    }
  } finally {
    for (let x = 0; x < size; x++) marks[chosen[x]!] = 0; // even if a draw throws: the marks stay all zero
  }
  chosen.sort(); // distinct integers: numeric ascending order
  const out: number[] = new Array<number>(k);
  for (let x = 0; x < k; x++) out[x] = chosen[x]!;
  return out;
}

/**
 * Honest curator with noise: looks at `coverage` random models (never its own) and scores each by its noisy
 * observation of true quality, on the u16 scale [0, scoreMax]. Returns model-sorted scores (the call's canonical form).
 */
export function honestScores(rng: AgentRng, modelIds: readonly number[], quality: (id: number, index: number) => number,
                             noiseSd: number, coverage: number, scoreMax: number): Score[] {
  const all = coverage >= modelIds.length; // every model, in order, no sampling draws (as pickDistinct)
  const picked = all ? null : pickDistinct(rng, modelIds.length, coverage);
  const count = picked === null ? modelIds.length : picked.length;
  const out: Score[] = new Array<Score>(count);
  for (let x = 0; x < count; x++) {
    const i = picked === null ? x : picked[x]!, id = modelIds[i]!;
    out[x] = { modelId: id, score: Math.round(clamp01(quality(id, i) + rng.normal(0, noiseSd)) * scoreMax) };
  }
  return out;
}

/** Lazy curator: copies the last published consensus (its top `maxScores` entries), rescaled so the largest is scoreMax. */
export function lazyScores(last: readonly ModelValue[], maxScores: number, scoreMax: number): Score[] {
  const top = [...last].sort((a, b) => b.value - a.value || a.modelId - b.modelId).slice(0, maxScores);
  const max = top.reduce((m, v) => (v.value > m ? v.value : m), 0);
  if (max === 0) return [];
  return top.map((v) => ({ modelId: v.modelId, score: Math.floor((v.value * scoreMax) / max) }))
    .filter((s) => s.score > 0).sort((a, b) => a.modelId - b.modelId);
}

/** Cabal member: all weight on the cabal's own models, at the maximum score. */
export function cabalScores(cabalModelIds: readonly number[], maxScores: number, scoreMax: number): Score[] {
  return [...cabalModelIds].sort((a, b) => a - b).slice(0, maxScores).map((modelId) => ({ modelId, score: scoreMax }));
}

/**
 * Each cabal curator's bond so that the cabal holds share s of all curator stake: total cabal stake
 * C = s/(1 − s) · H for honest (incl. lazy) stake H, split evenly (floor). s given in parts per 10^9.
 */
export function cabalBondEach(shareParts: bigint, honestStakePlanck: Planck, cabalCurators: number): Planck {
  if (cabalCurators === 0 || shareParts === 0n) return 0n;
  const total = (shareParts * honestStakePlanck) / (1_000_000_000n - shareParts);
  return total / BigInt(cabalCurators);
}

export interface Offer { readonly modelId: number; readonly quality: number; readonly latencyMs: number; readonly priceBai: number }
export interface ChoiceParams {
  readonly choiceSample: number;
  readonly modelsPerConsumer: number;
  readonly priceSensitivity: number;
  readonly perceptionNoise: number;
  readonly latencyPenaltyPerSecond: number;
}

/** A consumer's calls for the day: mean × U(0.5, 1.5), rounded. */
export function dailyCalls(rng: AgentRng, mean: number): number { return Math.max(0, Math.round(mean * (0.5 + rng.float()))); }

/**
 * A consumer's plan: sample `choiceSample` offers, value each as perceived quality − latency penalty − price
 * sensitivity × price, keep the best `modelsPerConsumer` with positive value, spread `calls` evenly over them (the
 * first ones get the remainder). Returns model-sorted batch items (empty when nothing is worth buying).
 */
export function consumerPlan(rng: AgentRng, offers: readonly Offer[], p: ChoiceParams, calls: number): BatchItem[] {
  if (calls <= 0 || offers.length === 0) return [];
  // Keep the best modelsPerConsumer by (value desc, id asc) while drawing (an insertion into a short sorted list: the
  // same models in the same order as sorting every positive candidate and slicing; ids are distinct, so the order
  // is total).
  const keep = p.modelsPerConsumer;
  const best: Array<{ id: number; value: number }> = [];
  for (const i of pickDistinct(rng, offers.length, p.choiceSample)) {
    const o = offers[i]!;
    const value = o.quality + rng.normal(0, p.perceptionNoise) - p.latencyPenaltyPerSecond * (o.latencyMs / 1000)
      - p.priceSensitivity * o.priceBai;
    if (!(value > 0)) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1]!.value < value || (best[at - 1]!.value === value && best[at - 1]!.id > o.modelId))) at--;
    if (at >= keep) continue;
    best.splice(at, 0, { id: o.modelId, value });
    if (best.length > keep) best.pop();
  }
  if (best.length === 0) return [];
  const base = Math.floor(calls / best.length), extra = calls % best.length;
  return best.map((v, i) => ({ modelId: v.id, count: base + (i < extra ? 1 : 0) }))
    .filter((it) => it.count > 0).sort((a, b) => a.modelId - b.modelId);
}

/** Split n calls over k accounts as evenly as possible (first accounts take the remainder). */
export function splitEvenly(n: number, k: number): number[] {
  const base = Math.floor(n / k), extra = n % k;
  return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Provider exit rule: once `patienceDays` of income are known, exit when the trailing income (revenue + grants) over
 * that window is below the operating cost over the same window. A zero cost never exits.
 */
export function shouldExit(incomeWindow: readonly Planck[], costPerDayPlanck: Planck, patienceDays: number): boolean {
  if (costPerDayPlanck === 0n || incomeWindow.length < patienceDays) return false;
  let income = 0n;
  for (const x of incomeWindow.slice(-patienceDays)) income += x;
  return income < costPerDayPlanck * BigInt(patienceDays);
}
