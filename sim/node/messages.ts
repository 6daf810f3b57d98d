// Messages validator nodes exchange over the Network port, and the block record they carry.
import type { BlockHeader, BlockId } from '../../protocol/pallets/consensus/index.js';

/** A produced block: header plus the mempool entry ids it includes (the body) and when it left its author. */
export interface SimBlock {
  readonly header: BlockHeader;
  readonly xtIds: readonly number[];
  readonly producedAtMs: number;
}

export const PREVOTE = 0;
export const PRECOMMIT = 1;
export type Stage = typeof PREVOTE | typeof PRECOMMIT;

export type Msg =
  | { readonly t: 'block'; readonly b: SimBlock }
  /** Sync response: a chain segment, oldest first. */
  | { readonly t: 'blocks'; readonly bs: readonly SimBlock[] }
  /** Sync request: send me this block and its ancestors. */
  | { readonly t: 'req'; readonly id: BlockId }
  /**
   * `rebroadcast`: a re-gossip by a voter stuck in the round (asks peers that completed it for a catch-up commit).
   * `fin`: the voter's finalized height (as GRANDPA neighbour packets carry it): a peer ahead answers with the commit
   * that justifies its finalized block.
   */
  | { readonly t: 'vote'; readonly round: number; readonly stage: Stage; readonly voter: number; readonly target: BlockId; readonly rebroadcast: boolean; readonly fin: number }
  /** A GRANDPA commit (justification): `voters` precommitted for `target` or its descendants in `round`. */
  | { readonly t: 'commit'; readonly round: number; readonly target: BlockId; readonly voters: readonly number[] };
