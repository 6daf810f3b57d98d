// Empirical distribution of the time from a block leaving its author to the first honest node finalizing it in a
// GRANDPA round started by that block, sampled from the same link model message-level nodes use:
//   node j imports the block after L_j (the first of the competing blocks at that height), starts the round, precommits at 4T (prevotes at 2T have arrived when
//   latencies < 2T); node i finalizes when the t-th precommit arrives: t-th smallest over j of (L_j + 4T + L_ji);
//   the first finalizer is the minimum over i. A lost message never arrives; a round whose t-th vote is lost
//   completes after a re-gossip (rebroadcastMs later), as in the message-level nodes.
// The aggregated fidelity draws round times from this table, so both fidelities share one latency model.
import { assert } from '../../protocol/primitives/dispatch.js';
import type { RngStream } from '../engine/index.js';
import { drawLatency, type LinkConfig } from '../adapters/sim/index.js';

const REGOSSIP_ROUNDS_MAX = 64;

function linkDelay(link: LinkConfig, extraLoss: number, extraMs: number, rng: RngStream): number {
  const loss = 1 - (1 - link.loss) * (1 - extraLoss);
  if (loss > 0 && rng.bernoulli(loss)) return Infinity;
  let d = drawLatency(link.latency, rng) + extraMs;
  if (extraMs === 0 && link.spike !== null && link.spike.probability > 0 && rng.bernoulli(link.spike.probability)) {
    d += drawLatency(link.spike.extra, rng);
  }
  return d;
}

/** `samples` round times in ms, sorted ascending (draw one by indexing with a uniform integer). */
export function sampleRoundTimes(
  link: LinkConfig, voters: number, t: number, gossipMs: number, rebroadcastMs: number,
  extraLoss: number, extraMs: number, rng: RngStream, samples: number, competing = 1,
): Float64Array {
  assert(competing >= 1 && competing <= voters, 'sampleRoundTimes: competing blocks must be in [1, voters]');
  assert(voters >= 1 && t >= 1 && t <= voters && samples >= 1, 'sampleRoundTimes: bad arguments');
  const out = new Float64Array(samples);
  const arrive = new Float64Array(voters);
  const start = new Float64Array(voters);
  const sorted = new Float64Array(voters);
  for (let s = 0; s < samples; s++) {
    // Node j starts the round on the first arrival of any of the `competing` blocks at the triggering height
    // (authored by nodes 0 .. competing-1, who import their own at once).
    for (let j = 0; j < voters; j++) {
      let s0 = j < competing ? 0 : Infinity;
      for (let c = 0; c < competing && s0 > 0; c++) s0 = Math.min(s0, linkDelay(link, extraLoss, extraMs, rng));
      start[j] = s0;
    }
    let best = Infinity;
    for (let i = 0; i < voters; i++) {
      if (!Number.isFinite(start[i]!)) continue;
      for (let j = 0; j < voters; j++) {
        const sj = start[j]!;
        arrive[j] = !Number.isFinite(sj) ? Infinity : i === j ? sj + 4 * gossipMs : sj + 4 * gossipMs + linkDelay(link, extraLoss, extraMs, rng);
      }
      sorted.set(arrive); sorted.sort();
      let tth = sorted[t - 1]!;
      // Lost votes are re-gossiped every rebroadcastMs: each retry redraws the missing ones.
      for (let k = 1; !Number.isFinite(tth) && k <= REGOSSIP_ROUNDS_MAX; k++) {
        for (let j = 0; j < voters; j++) {
          if (Number.isFinite(arrive[j]!)) continue;
          const d = linkDelay(link, extraLoss, extraMs, rng);
          arrive[j] = Number.isFinite(d) ? 4 * gossipMs + k * rebroadcastMs + d : Infinity;
        }
        sorted.set(arrive); sorted.sort();
        tth = sorted[t - 1]!;
      }
      if (tth < best) best = tth;
    }
    out[s] = Number.isFinite(best) ? best : REGOSSIP_ROUNDS_MAX * rebroadcastMs;
  }
  return out.sort();
}
