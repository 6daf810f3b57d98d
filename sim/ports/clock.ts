// Clock port: the only way node/agent code reads time. Simulated: the engine's virtual clock (plus per-node skew);
// production: the wall clock (an adapter marked `// wall-clock-ok`).

/** Milliseconds since the run's (or the chain's) epoch, an integer. */
export interface Clock {
  nowMs(): number;
}
