// One GRANDPA vote stage of one round as seen by one node: the first vote of each voter counts (finality-grandpa's
// VoteTracker; a second, different vote is an equivocation), support per block is accumulated incrementally along
// the voted block's ancestry down to the round base, and the GHOST (the highest block with >= t support) is tracked
// as votes arrive, so each vote costs O(depth above base). Voter-indexed typed arrays keep the per-vote cost low
// (a 100-validator round delivers 2 x 100 x 99 votes).
import type { BlockHeader, BlockId, BlockTree } from '../../protocol/pallets/consensus/index.js';

const NONE = -1;

export class Tally {
  private readonly support = new Map<BlockId, number>();
  private readonly first: Int32Array;      // voter -> first target (NONE: no vote yet)
  private readonly supportsBase: Uint8Array; // voter's first vote descends from the base (it supports blocks here)
  private readonly equivocated: Uint8Array;
  private voters = 0;
  ghost: BlockHeader | undefined;
  /** Voters whose vote counted toward support (for commit justifications). */
  readonly supporters: number[] = [];

  constructor(private base: BlockHeader, private readonly t: number, n: number) {
    this.first = new Int32Array(n).fill(NONE);
    this.supportsBase = new Uint8Array(n);
    this.equivocated = new Uint8Array(n);
  }

  /** Start a new round on `base`, reusing the arrays (two tallies per node per round). */
  reset(base: BlockHeader): void {
    this.base = base;
    this.support.clear();
    this.first.fill(NONE); this.supportsBase.fill(0); this.equivocated.fill(0);
    this.voters = 0;
    this.ghost = undefined;
    this.supporters.length = 0;
  }

  /**
   * Add a vote whose target the tree knows. An equivocator's second vote also supports its own branch (the blocks
   * not already below its first vote), as finality-grandpa counts equivocators towards every block they voted for:
   * honest nodes then reach the same GHOST whichever of the two votes they saw first.
   */
  add(tree: BlockTree, voter: number, target: BlockId): 'new' | 'duplicate' | 'equivocation' {
    const prev = this.first[voter]!;
    if (prev === target || (prev !== NONE && this.equivocated[voter] === 1)) return 'duplicate';
    if (prev !== NONE) {
      this.equivocated[voter] = 1;
      if (tree.descends(target, this.base.id)) this.addSupport(tree, target, this.supportsBase[voter] === 1 ? prev : undefined);
      return 'equivocation';
    }
    this.first[voter] = target;
    this.voters++;
    if (!tree.descends(target, this.base.id)) return 'new'; // a vote on another fork: counted, supports nothing here
    this.supportsBase[voter] = 1;
    this.supporters.push(voter);
    this.addSupport(tree, target, undefined);
    return 'new';
  }

  /** +1 on every block from `target` down to the base, stopping at blocks that `first` already supports. */
  private addSupport(tree: BlockTree, target: BlockId, first: BlockId | undefined): void {
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

  /** Voters whose vote has been counted (equivocators once). */
  get count(): number { return this.voters; }
  /** The first counted target of `voter` (equivocation evidence). */
  firstOf(voter: number): BlockId | undefined { const f = this.first[voter]!; return f === NONE ? undefined : f; }
}
