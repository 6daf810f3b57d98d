// The election worker thread: solves each request with the same solveElection the inline solver runs (its own
// topology memo), posts the reply on the port, then bumps the shared counter the main thread waits on.

import { workerData, type MessagePort } from 'node:worker_threads';
import { solveElection } from '../../../protocol/pallets/staking/index.js';
import { TopologyCache } from '../../../protocol/pallets/staking/election/graph.js';
import { decodeRequest, encodeReply, type Shape, type SolveReply, type SolveRequest } from './wire.js';

const { port, done } = workerData as { port: MessagePort; done: Int32Array };
const cache = new TopologyCache();
let shape: Shape | null = null;
let voterIndex = new Map<string, number>();

function handle(r: SolveRequest): SolveReply {
  try {
    if (r.shape !== undefined) { shape = r.shape; voterIndex = new Map(shape.voterWho.map((w, i) => [w, i])); }
    if (shape === null) throw new Error('election worker: first request without a shape');
    const input = decodeRequest(r, shape);
    return encodeReply(r.ticket, input, solveElection(input, cache), voterIndex);
  } catch (e) {
    return { ticket: r.ticket, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

port.on('message', (r: SolveRequest) => {
  const reply = handle(r);
  const transfer = 'winners' in reply
    ? [reply.winners.buffer, reply.supCand.buffer, reply.supStart.buffer, reply.supVoter.buffer,
       ...(reply.supWeight instanceof BigUint64Array ? [reply.supWeight.buffer] : [])]
    : [];
  port.postMessage(reply, transfer as ArrayBuffer[]);
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
