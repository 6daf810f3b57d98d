// Cheap per-block state commitment for message-level nodes. Running the full runtime (and a blake2 state root) on
// 100 nodes for every block would cost 100x the economics; instead every node folds each imported block's content
// (author, slot, included extrinsic ids) into its parent's commitment with a 64-bit non-cryptographic mix
// (two 32-bit lanes, Math.imul; deterministic). Honest nodes that execute the same chain get equal commitments;
// the oracle compares each node's own computed commitment at each finalized height. The full runtime state root is
// computed once, on the canonical finalized chain, by the runner.
export type Commitment = string;

export const GENESIS_COMMITMENT: Commitment = '0000000000000000';

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

export function commitBlock(parent: Commitment, author: number, slot: number, xtIds: readonly number[]): Commitment {
  let a = parseInt(parent.slice(0, 8), 16) >>> 0;
  let b = parseInt(parent.slice(8, 16), 16) >>> 0;
  const fold = (x: number): void => { a = mix(a, x); b = mix(b ^ 0x9e3779b9, x + a); };
  fold(author); fold(slot % 0x1_0000_0000); fold(Math.floor(slot / 0x1_0000_0000)); fold(xtIds.length);
  for (const id of xtIds) fold(id);
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
