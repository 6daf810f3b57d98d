// One GRANDPA vote stage of one round as seen by one node: first vote per voter counts (VoteSet), support per
// block is accumulated incrementally along the voted block's ancestry down to the round base, and the GHOST (the
// highest block with >= t support) is tracked as votes arrive, so each vote costs O(depth above base).
import { VoteSet, type BlockHeader, type BlockId, type BlockTree } from '../../protocol/pallets/consensus/index.js';

export class Tally {
  readonly set = new VoteSet();
  private readonly support = new Map<BlockId, number>();
  ghost: BlockHeader | undefined;
  /** Voters whose vote counted toward support (for commit justifications). */
  readonly supporters: number[] = [];

  constructor(private readonly base: BlockHeader, private readonly t: number) {}

  private readonly firstTarget = new Map<number, BlockId>();

  /**
   * Add a vote whose target the tree knows. An equivocator's second vote also supports its own branch (the blocks
   * not already below its first vote), as finality-grandpa counts equivocators towards every block they voted for:
   * honest nodes then reach the same GHOST whichever of the two votes they saw first.
   */
  add(tree: BlockTree, voter: number, target: BlockId): 'new' | 'duplicate' | 'equivocation' {
    const r = this.set.add(voter, target);
    if (r === 'duplicate') return r;
    if (!tree.descends(target, this.base.id)) return r; // a vote on another fork: counted, supports nothing here
    if (r === 'equivocation') {
      const first = this.firstTarget.get(voter);
      this.support_(tree, target, first === undefined ? undefined : first);
      return r;
    }
    this.firstTarget.set(voter, target);
    this.supporters.push(voter);
    this.support_(tree, target, undefined);
    return r;
  }

  /** +1 on every block from `target` down to the base, stopping below blocks that `first` already supports. */
  private support_(tree: BlockTree, target: BlockId, first: BlockId | undefined): void {
    let b = tree.get(target);
    while (b !== undefined && b.number >= this.base.number) {
      if (first !== undefined && tree.descends(first, b.id)) break; // already counted for this voter
      const c = (this.support.get(b.id) ?? 0) + 1;
      this.support.set(b.id, c);
      if (c >= this.t && (this.ghost === undefined || b.number > this.ghost.number)) this.ghost = b;
      if (b.id === this.base.id) break;
      b = tree.get(b.parent);
    }
  }

  get count(): number { return this.set.count; }
  /** The first counted target of `voter` (equivocation evidence), if its vote supported this round's base. */
  firstOf(voter: number): BlockId | undefined { return this.firstTarget.get(voter); }
}
