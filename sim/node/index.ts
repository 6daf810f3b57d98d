// Validator nodes and consensus fidelities: message-level nodes over the Network port, the aggregated model,
// fault schedules, the mempool, oracles and statistics.
export * from './messages.js';
export * from './commitment.js';
export * from './mempool.js';
export * from './faults.js';
export * from './observer.js';
export * from './tally.js';
export * from './message-consensus.js';
export * from './aggregated-consensus.js';
export * from './round-time.js';
export * from './network-config.js';
export * from './simulate.js';
export * from './authorship.js';
export * from './scenario-check.js';
