// Simulated implementations of the ports (sim/ports): deterministic, driven by the engine and its seeded streams.
export { SimClock, createNodeClocks, type ClockSkewConfig } from './clock.js';
export {
  SimNetwork, drawLatency, NODE_COUNT_MAX,
  type LatencyDistribution, type LinkConfig, type NetworkStats, type SimNetworkSnapshot,
} from './network.js';
export { SimStorage, type SimStorageSnapshot } from './storage.js';
