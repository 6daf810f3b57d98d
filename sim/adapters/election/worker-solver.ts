// An ElectionSolver that computes in a worker thread: `submit` posts the snapshot and returns at once, so the chain
// keeps producing blocks while the election is mined (as off-chain miners do during the election phases); `take`
// blocks (Atomics.wait) until the solution is back. Results equal the inline solver's (solveElection is pure), so the
// choice of solver never changes an outcome; it only uses a second core. Bounded: at most PENDING_ELECTIONS_MAX tickets
// in flight, and a take waits at most takeWaitMsMax before failing loudly.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { InvariantError, assert } from '../../../protocol/primitives/dispatch.js';
import { PENDING_ELECTIONS_MAX } from '../../../protocol/pallets/staking/solver.js';
import type { ElectionInput, ElectionSolver } from '../../../protocol/pallets/staking/index.js';
import { sameShape } from '../../../protocol/pallets/staking/election/graph.js';
import type { ElectionSupports } from '../../../protocol/pallets/staking/election/supports.js';
import { decodeReply, encodeRequest, type SolveReply } from './wire.js';

const WAIT_SLICE_MS = 100;
/** The ticket of the reply worker-entry.mjs posts when the task module fails to load. */
const START_FAILED = -1;

export class WorkerSolver implements ElectionSolver {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private readonly inputs = new Map<number, ElectionInput>();
  private readonly replies = new Map<number, SolveReply>();
  private lastShape: ElectionInput | null = null;
  private nextTicket = 0;

  /** `task`: the worker's module (tests point it elsewhere to prove a failed start is reported). */
  constructor(private readonly takeWaitMsMax = 30 * 60_000, private readonly task?: string) {}

  submit(input: ElectionInput): number {
    assert(this.inputs.size < PENDING_ELECTIONS_MAX, 'election worker: too many pending elections');
    const port = this.start();
    const ticket = this.nextTicket++;
    const last = this.lastShape;
    const withShape = last === null || !sameShape(last.candidates, last.voters, input.candidates, input.voters);
    const req = encodeRequest(ticket, input, withShape);
    port.postMessage(req, req.weights instanceof BigUint64Array ? [req.weights.buffer as ArrayBuffer] : []);
    this.lastShape = input;
    this.inputs.set(ticket, input);
    return ticket;
  }

  take(ticket: number): ElectionSupports {
    const input = this.inputs.get(ticket);
    assert(input !== undefined, `election worker: unknown ticket ${ticket}`);
    const reply = this.await(ticket);
    this.inputs.delete(ticket);
    this.replies.delete(ticket);
    if ('error' in reply) throw new InvariantError(`election worker failed: ${reply.error}`);
    return decodeReply(reply, input);
  }

  /** Stops the worker (pending tickets are dropped). */
  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null; this.port = null;
    this.inputs.clear(); this.replies.clear(); this.lastShape = null;
  }

  private start(): MessagePort {
    if (this.port !== null) return this.port;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: { port: port2, done: this.done, task: this.task }, transferList: [port2],
    });
    this.worker.unref(); // never keeps the process alive
    this.port = port1;
    return port1;
  }

  private await(ticket: number): SolveReply {
    const port = this.port;
    assert(port !== null, 'election worker: not started');
    for (let waitedMs = 0; ; waitedMs += WAIT_SLICE_MS) {
      const seen = Atomics.load(this.done, 0);
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        const r = m.message as SolveReply;
        this.replies.set(r.ticket, r);
      }
      const failed = this.replies.get(START_FAILED);
      if (failed !== undefined && 'error' in failed) throw new InvariantError(`election worker failed to start: ${failed.error}`);
      const r = this.replies.get(ticket);
      if (r !== undefined) return r;
      if (waitedMs >= this.takeWaitMsMax) throw new InvariantError(`election worker: no solution for ticket ${ticket} after ${waitedMs} ms`);
      Atomics.wait(this.done, 0, seen, WAIT_SLICE_MS);
    }
  }
}
