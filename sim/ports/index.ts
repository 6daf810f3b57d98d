// Ports: the interfaces behind which every source of nondeterminism sits (clock, scheduler, randomness, network,
// storage). Simulated implementations: the engine (Scheduler, RandomSource via engine.rng) and sim/adapters/sim
// (Clock with skew, Network with faults, Storage with crashes). Production ones (wall clock, TCP/WebSocket, LMDB)
// come later behind the same types.
export type { Clock } from './clock.js';
export type { Scheduler, KindHandler } from './scheduler.js';
export type { RandomSource, RandomStream } from './random.js';
export type { Network, NodeId, ReceiveHandler, Lifecycle } from './network.js';
export type { Storage } from './storage.js';
