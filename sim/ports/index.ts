// Ports: the interfaces behind which every source of nondeterminism sits (clock, network, storage).
// Simulated implementations: sim/adapters/sim. Production ones (TCP/WebSocket, LMDB) come later behind the same types.
export type { Clock } from './clock.js';
export type { Network, NodeId, ReceiveHandler, Lifecycle } from './network.js';
export type { Storage } from './storage.js';
