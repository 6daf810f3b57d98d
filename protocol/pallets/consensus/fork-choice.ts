// BABE fork choice over a block tree (SUBSTRATE.md §4.1; substrate/client/consensus/babe/src/lib.rs):
// chain weight = number of PRIMARY blocks; switch best iff weight is higher, or equal weight and a higher number;
// full ties keep the current best (first seen); only chains descending from the last finalized block count.
// The tree is pure data: blocks are immutable headers shared by every node's view; a view stores which it knows.
import { assert } from '../../primitives/dispatch.js';

export type BlockId = number;

export interface BlockHeader {
  readonly id: BlockId;          // globally unique in one simulation (creation order)
  readonly parent: BlockId;      // -1 for genesis
  readonly number: number;
  readonly slot: number;
  readonly author: number;       // validator index
  readonly primary: boolean;
  readonly weight: number;       // cumulative primary blocks from genesis
  readonly commitment: number;   // cheap per-block state commitment, 53-bit (see sim/node/commitment.ts)
}

export type ForkChoiceRule = 'babe' | 'ignoreFinality';

/** Bound on any walk up the tree: a chain deeper than this below finality is a bug or a runaway stall. */
export const ANCESTRY_WALK_MAX = 5_000_000;

export class BlockTree {
  private readonly known = new Map<BlockId, BlockHeader>();
  private readonly leaves = new Set<BlockId>();
  // The best and finalized headers themselves (read on every vote by message-level nodes: no Map look-up).
  private bestH: BlockHeader;
  private finH: BlockHeader;

  constructor(genesis: BlockHeader, private readonly rule: ForkChoiceRule = 'babe') {
    assert(genesis.parent === -1 && genesis.number === 0, 'BlockTree: genesis must have number 0 and no parent');
    this.known.set(genesis.id, genesis);
    this.leaves.add(genesis.id);
    this.bestH = genesis;
    this.finH = genesis;
  }

  get best(): BlockHeader { return this.bestH; }
  get finalized(): BlockHeader { return this.finH; }
  has(id: BlockId): boolean { return this.known.has(id); }
  get(id: BlockId): BlockHeader | undefined { return this.known.get(id); }
  get size(): number { return this.known.size; }

  /** Import a header whose parent is known. Returns true if it became the best block. */
  import(h: BlockHeader): boolean {
    if (this.known.has(h.id)) return false;
    const parent = this.known.get(h.parent);
    assert(parent !== undefined, `BlockTree.import: unknown parent ${h.parent}`);
    assert(h.number === parent.number + 1, 'BlockTree.import: number must be parent + 1');
    this.known.set(h.id, h);
    this.leaves.delete(h.parent);
    this.leaves.add(h.id);
    if (!this.eligible(h)) return false;
    if (better(h, this.bestH)) { this.bestH = h; return true; }
    return false;
  }

  /** Ancestor of `id` at height `number` (itself if equal); undefined if number is above it. */
  ancestorAt(id: BlockId, number: number): BlockHeader | undefined {
    let b = this.known.get(id);
    for (let i = 0; b !== undefined && b.number > number; i++) {
      assert(i < ANCESTRY_WALK_MAX, 'ancestorAt: walk bound exceeded');
      b = this.known.get(b.parent);
    }
    return b !== undefined && b.number === number ? b : undefined;
  }

  /** True iff `a` equals `ancestor` or descends from it. */
  descends(a: BlockId, ancestor: BlockId): boolean {
    const anc = this.known.get(ancestor);
    if (anc === undefined) return false;
    return this.ancestorAt(a, anc.number)?.id === ancestor;
  }

  /** Mark `id` final. It must descend from the current finalized block (else the caller has a safety bug). */
  finalize(id: BlockId): void {
    const h = this.known.get(id);
    assert(h !== undefined, `BlockTree.finalize: unknown block ${id}`);
    if (h.number <= this.finH.number) return;
    this.finH = h;
    if (this.rule === 'babe' && !this.descends(this.bestH.id, id)) this.recomputeBest();
  }

  /** Force finality to a block that may conflict with the current one (only used to record a safety violation). */
  forceFinalize(id: BlockId): void {
    const h = this.known.get(id);
    assert(h !== undefined, 'forceFinalize: unknown block');
    this.finH = h;
    this.recomputeBest();
  }

  private eligible(h: BlockHeader): boolean {
    return this.rule === 'ignoreFinality' || this.descends(h.id, this.finH.id);
  }

  /** Leaves in id order (deterministic), best by (weight, number), ties to the lower id (first created). */
  private recomputeBest(): void {
    let best: BlockHeader = this.finalized;
    const ids = [...this.leaves].sort((a, b) => a - b);
    for (const id of ids) {
      const leaf = this.known.get(id)!;
      if (this.eligible(leaf) && better(leaf, best)) best = leaf;
    }
    this.bestH = best;
  }

  /** Drop leaves that can never be chosen again (below finality and not descending from it), bounding the set. */
  pruneLeaves(): void {
    if (this.rule !== 'babe') return;
    const fin = this.finalized;
    for (const id of [...this.leaves].sort((a, b) => a - b)) {
      const leaf = this.known.get(id)!;
      if (leaf.number <= fin.number && id !== fin.id) this.leaves.delete(id);
    }
  }
}

/** The BABE comparison: strictly more primary weight, or equal weight and strictly higher number. */
export function better(a: BlockHeader, b: BlockHeader): boolean {
  return a.weight > b.weight || (a.weight === b.weight && a.number > b.number);
}
