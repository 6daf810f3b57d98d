// GRANDPA finality rules, pure (SUBSTRATE.md §4.3; finality-grandpa src/voter/voting_round.rs, sc-consensus-grandpa
// voting_rule.rs). Voters weigh 1 each. Threshold t = n - floor((n-1)/3). GHOST(votes) = the highest block that has
// >= t votes on it or on its descendants. Vote target = best block, walked back by BeforeBestBlockBy(2) and capped by
// ThreeQuartersOfTheUnfinalizedChain, never below the round base.
import { assert } from '../../primitives/dispatch.js';
import type { BlockHeader, BlockId, BlockTree } from './fork-choice.js';

export function supermajority(n: number): number {
  assert(Number.isInteger(n) && n >= 1, 'supermajority: voter count must be >= 1');
  return n - Math.floor((n - 1) / 3);
}

/** The most voters that may fail (crash, partition away, or be byzantine) with finality still possible: f = floor((n-1)/3). */
export function faultTolerance(n: number): number { return Math.floor((n - 1) / 3); }

export interface VotingRules {
  readonly beforeBestBy: number;        // BeforeBestBlockBy(2)
  readonly unfinalizedNum: number;      // ThreeQuartersOfTheUnfinalizedChain: num/den = 3/4
  readonly unfinalizedDen: number;
}
export const DEFAULT_VOTING_RULES: VotingRules = { beforeBestBy: 2, unfinalizedNum: 3, unfinalizedDen: 4 };

/**
 * Height a voter targets given its best block and the round base (the last finalized block):
 * min(best - beforeBestBy, base + floor(3/4 (best - base))), never below base.
 */
export function voteTargetNumber(bestNumber: number, baseNumber: number, rules: VotingRules): number {
  assert(bestNumber >= baseNumber, 'voteTargetNumber: best below base');
  const byOffset = bestNumber - rules.beforeBestBy;
  const byFraction = baseNumber + Math.floor(((bestNumber - baseNumber) * rules.unfinalizedNum) / rules.unfinalizedDen);
  return Math.max(baseNumber, Math.min(byOffset, byFraction));
}

/** The block a voter prevotes for: the ancestor of its best block at the target height. */
export function voteTarget(tree: BlockTree, base: BlockHeader, rules: VotingRules): BlockHeader {
  const best = tree.best;
  if (!tree.descends(best.id, base.id)) return base;
  const h = voteTargetNumber(best.number, base.number, rules);
  const target = tree.ancestorAt(best.id, h);
  assert(target !== undefined, 'voteTarget: missing ancestor');
  return target;
}

/**
 * GHOST over a set of votes: for each vote, every block from the voted block down to (excluding) base gets +1;
 * return the highest block with count >= t (ties at equal height: the lower id), or undefined.
 * Votes for blocks the tree does not know, or that do not descend from base, are skipped (not yet importable).
 */
export function ghost(tree: BlockTree, base: BlockHeader, votes: Iterable<BlockId>, t: number): BlockHeader | undefined {
  const support = new Map<BlockId, number>();
  for (const v of votes) {
    let b = tree.get(v);
    if (b === undefined || !tree.descends(v, base.id)) continue;
    while (b !== undefined && b.number >= base.number) {
      support.set(b.id, (support.get(b.id) ?? 0) + 1);
      if (b.id === base.id) break;
      b = tree.get(b.parent);
    }
  }
  let out: BlockHeader | undefined;
  for (const [id, c] of [...support.entries()].sort((a, b) => a[0] - b[0])) {
    if (c < t) continue;
    const h = tree.get(id)!;
    if (out === undefined || h.number > out.number) out = h;
  }
  return out;
}

export type VoteStage = 'prevote' | 'precommit';

export interface SignedVote {
  readonly round: number;
  readonly stage: VoteStage;
  readonly voter: number;
  readonly target: BlockId;
}

/**
 * One stage's votes in one round: the first vote of each voter counts; a second, different vote from the same
 * voter is an equivocation (returned so the caller can report it), as finality-grandpa's VoteTracker does.
 */
export class VoteSet {
  private readonly first = new Map<number, BlockId>();
  readonly equivocators = new Set<number>();

  /** Returns 'new' | 'duplicate' | 'equivocation'. */
  add(voter: number, target: BlockId): 'new' | 'duplicate' | 'equivocation' {
    const prev = this.first.get(voter);
    if (prev === undefined) { this.first.set(voter, target); return 'new'; }
    if (prev === target) return 'duplicate';
    if (this.equivocators.has(voter)) return 'duplicate';
    this.equivocators.add(voter);
    return 'equivocation';
  }

  get count(): number { return this.first.size; }
  targets(): BlockId[] { return [...this.first.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]); }
  has(voter: number): boolean { return this.first.has(voter); }
}
