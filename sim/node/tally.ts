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

  /** Add a vote whose target the tree knows. */
  add(tree: BlockTree, voter: number, target: BlockId): 'new' | 'duplicate' | 'equivocation' {
    const r = this.set.add(voter, target);
    if (r !== 'new') return r;
    if (!tree.descends(target, this.base.id)) return r; // a vote on another fork: counted, supports nothing here
    this.supporters.push(voter);
    let b = tree.get(target);
    while (b !== undefined && b.number >= this.base.number) {
      const c = (this.support.get(b.id) ?? 0) + 1;
      this.support.set(b.id, c);
      if (c >= this.t && (this.ghost === undefined || b.number > this.ghost.number)) this.ghost = b;
      if (b.id === this.base.id) break;
      b = tree.get(b.parent);
    }
    return r;
  }

  get count(): number { return this.set.count; }
}
