// Simulated clocks: the engine's virtual time, seen by each node through its own skew (a constant offset plus a
// drift in parts per million), as real validators' clocks disagree. Skews are drawn from the seed.

import type { Clock } from '../../ports/clock.js';
import type { Engine } from '../../engine/engine.js';
import { InvariantError } from '../../../protocol/primitives/dispatch.js';

export interface ClockSkewConfig {
  /** Each node's offset is drawn uniformly in [-maxOffsetMs, +maxOffsetMs] (integer ms). */
  maxOffsetMs: number;
  /** Each node's drift is drawn uniformly in [-maxDriftPpm, +maxDriftPpm] parts per million. */
  maxDriftPpm: number;
}

export class SimClock implements Clock {
  constructor(private readonly engine: Engine, public offsetMs = 0, public driftPpm = 0) {
    if (!Number.isInteger(offsetMs)) throw new RangeError(`clock offset must be integer ms, got ${offsetMs}`);
    if (!Number.isFinite(driftPpm)) throw new RangeError(`clock drift must be finite, got ${driftPpm}`);
  }

  /** The node's local time: virtual time + offset + drift, floored to integer ms. */
  nowMs(): number {
    const t = this.engine.nowMs();
    return t + this.offsetMs + Math.floor((t * this.driftPpm) / 1_000_000);
  }

  /** The earliest virtual time at which this clock reads >= localMs (for scheduling a node's local timer). */
  toVirtualMs(localMs: number): number {
    // local(t) is nondecreasing in t when drift > -1e6 ppm; start from the linear estimate, then correct by steps.
    const rate = 1 + this.driftPpm / 1_000_000;
    if (!(rate > 0)) throw new RangeError(`clock drift ${this.driftPpm} ppm stops the clock`);
    let t = Math.max(0, Math.floor((localMs - this.offsetMs) / rate));
    const at = (v: number) => v + this.offsetMs + Math.floor((v * this.driftPpm) / 1_000_000);
    for (let i = 0; i < 8 && t > 0 && at(t - 1) >= localMs; i++) t--;
    for (let i = 0; i < 8 && at(t) < localMs; i++) t++;
    if (at(t) < localMs || (t > 0 && at(t - 1) >= localMs)) {
      throw new InvariantError(`clock: no virtual time found for local ${localMs} ms (offset ${this.offsetMs}, drift ${this.driftPpm} ppm)`);
    }
    return Math.max(t, this.engine.nowMs());
  }
}

/** One clock per node with skews drawn from stream ('clock.skew', node): adding nodes leaves others' skews alone. */
export function createNodeClocks(engine: Engine, nodeCount: number, skew: ClockSkewConfig): SimClock[] {
  if (!(skew.maxOffsetMs >= 0) || !(skew.maxDriftPpm >= 0) || skew.maxDriftPpm >= 1_000_000) {
    throw new RangeError('clock skew: maxOffsetMs >= 0 and 0 <= maxDriftPpm < 1e6 required');
  }
  const clocks: SimClock[] = [];
  for (let node = 0; node < nodeCount; node++) {
    const s = engine.rng.stream('clock.skew', node);
    const offset = Math.round(s.uniform(-skew.maxOffsetMs, skew.maxOffsetMs));
    const drift = s.uniform(-skew.maxDriftPpm, skew.maxDriftPpm);
    clocks.push(new SimClock(engine, offset, drift));
  }
  return clocks;
}
