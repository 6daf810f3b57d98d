// Network port: message passing between node ids.
//
// Sends are fire-and-forget (a message may be lost, delayed, duplicated or reordered, like UDP gossip or a TCP
// connection that may drop); delivery calls the receiving node's handler later. This shape fits both the simulated
// network (deliveries are engine events, fully deterministic) and a production TCP/WebSocket one (send enqueues on a
// socket; the handler runs from the I/O loop). Lifecycle (start/close) is async because sockets are.

export type NodeId = number;

export type ReceiveHandler<M> = (from: NodeId, msg: M) => void;

export interface Network<M> {
  /** Number of addressable nodes (ids 0 .. nodeCount-1). */
  readonly nodeCount: number;
  /** Send one message; never throws for an unreachable peer (the message is just lost). */
  send(from: NodeId, to: NodeId, msg: M): void;
  /** Send to every other node (one independent send per peer, in ascending node id order). */
  broadcast(from: NodeId, msg: M): void;
  /** Set the handler for messages delivered to `node` (one handler per node; a later call replaces it). */
  onReceive(node: NodeId, handler: ReceiveHandler<M>): void;
}

/** Resources a production adapter holds (sockets, files); simulated adapters hold none. */
export interface Lifecycle {
  start(): Promise<void>;
  close(): Promise<void>;
}
