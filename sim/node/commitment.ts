// Cheap per-block state commitment for message-level nodes. Running the full runtime (and a blake2 state root) on
// 100 nodes for every block would cost 100x the economics; instead every node folds each imported block's content
// (author, slot, included extrinsic ids) into its parent's commitment with a non-cryptographic 32-bit-lane mix
// (Math.imul; deterministic), kept as a 53-bit integer. Honest nodes that execute the same chain get equal
// commitments; the oracle compares each node's own computed commitment at each finalized height. The full runtime
// state root is computed once, on the canonical chain, by the runner.
export type Commitment = number;

export const GENESIS_COMMITMENT: Commitment = 0;

const TWO32 = 0x1_0000_0000;
const LOW21 = 0x20_0000;

export function commitBlock(parent: Commitment, author: number, slot: number, xtIds: readonly number[]): Commitment {
  let a = Math.floor(parent / LOW21) >>> 0;
  let b = (parent % LOW21) >>> 0;
  let x = 0;
  for (let i = -4; i < xtIds.length; i++) {
    x = i === -4 ? author : i === -3 ? slot % TWO32 : i === -2 ? Math.floor(slot / TWO32) : i === -1 ? xtIds.length : xtIds[i]!;
    a = Math.imul(a ^ x, 0x5bd1e995); a = (a ^ (a >>> 15)) >>> 0;
    b = Math.imul(b ^ 0x9e3779b9 ^ (x + a), 0x5bd1e995); b = (b ^ (b >>> 13)) >>> 0;
  }
  return a * LOW21 + (b % LOW21);
}
