// sp-npos-elections `reduce` (substrate/primitives/npos-elections/src/reduce.rs), as the chain's election miner runs it
// on the staked assignments before submitting a solution: it removes circulations from the voter→target flow so the
// edge set becomes a forest (at most voters + winners − 1 edges) while every voter's total and every winner's backing
// stay exactly the same. First `reduce_4` (cycles of length 4), then `reduce_all` (any cycle, with a forest of
// parent pointers). A line-by-line port: same iteration order, same tie-breaks (`<=` in reduce_4, `<` in reduce_all),
// same saturating arithmetic, so the reduced assignments equal the Rust output (the crate's test vectors are in the
// tests). Lookups the Rust code does by linear scan (`iter().find(|a| a.who == x)`) go straight to the voter's
// assignment by index here; voters are unique (checked), so the first match is the only one.
//
// Two implementations of the same steps: `reduce` on MutableStaked (the port: the API, the crate's vectors, and the
// reference the other is tested against) and `reduceFlatNum` (integer targets, flat float64 arrays, exact under its
// precondition). The staking pipeline (supports.ts) runs the float64 kernel when it applies (every era of the lab's
// scenarios) and the port otherwise.

import type { AccountId } from '../../../primitives/units.js';
import { assert } from '../../../primitives/dispatch.js';
import { U128_MAX } from '../../../primitives/units.js';
import { sat } from './graph.js';

/** A voter's staked distribution, mutated in place (targets in the voter's order). */
export interface MutableStaked { readonly who: AccountId; distribution: Array<[AccountId, bigint]> }

const satAdd = (a: bigint, b: bigint): bigint => sat(a + b);
const satSub = (a: bigint, b: bigint): bigint => (a > b ? a - b : 0n);

/** Runs reduce_4 then reduce_all; returns the number of edges removed. */
export function reduce(assignments: MutableStaked[]): number {
  const seen = new Set<AccountId>();
  for (const a of assignments) {
    if (seen.has(a.who)) assert(false, `reduce: duplicate voter ${a.who}`);
    seen.add(a.who);
  }
  return reduce4(assignments) + reduceAll(assignments);
}

/** Index of the first entry voting `t` (Rust `position(|(t2, _)| *t2 == t)`), or -1. */
function pos(a: MutableStaked, t: AccountId): number {
  const d = a.distribution;
  for (let i = 0; i < d.length; i++) if (d[i]![0] === t) return i;
  return -1;
}

const cycleT: AccountId[] = ['', '', '', ''];
const cycleW: bigint[] = [0n, 0n, 0n, 0n];

/** Positions of the entries voting v1 or v2, in distribution order (the Rust `filter(|(t, _)| *t == v1 || *t == v2)`). */
function matches(a: MutableStaked, v1: AccountId, v2: AccountId, out: number[]): number[] {
  out.length = 0;
  const d = a.distribution;
  for (let i = 0; i < d.length; i++) { const t = d[i]![0]; if (t === v1 || t === v2) out.push(i); }
  return out;
}

/** The voter's first edge to `t` gains `by` (saturating). */
function increase(a: MutableStaked, t: AccountId, by: bigint): void {
  const p = pos(a, t);
  if (p >= 0) a.distribution[p]![1] = satAdd(a.distribution[p]![1], by);
}

/** The voter's first edge to `t` loses `by`; an edge that reaches zero is removed (returns true). */
function decrease(a: MutableStaked, t: AccountId, by: bigint): boolean {
  const p = pos(a, t);
  if (p < 0) return false;
  const next = satSub(a.distribution[p]![1], by);
  if (next !== 0n) { a.distribution[p]![1] = next; return false; }
  a.distribution.splice(p, 1);
  return true;
}

/** reduce_4: removes cycles of length four (two voters sharing a pair of targets). */
export function reduce4(assignments: MutableStaked[]): number {
  // Targets as small integers so a (v1, v2) pair is one number key (the Rust BTreeMap<(A, A), A>; order-sensitive).
  const tid = new Map<AccountId, number>();
  for (const a of assignments) for (const [t] of a.distribution) if (!tid.has(t)) tid.set(t, tid.size);
  const T = tid.size;
  const pairs = new Map<number, number>(); // pair -> index of the last voter seen voting both (the Rust map's `who`)
  const mine: number[] = [], theirs: number[] = [];
  let changed = 0;
  for (let ai = 0; ai < assignments.length; ai++) {
    const me = assignments[ai]!;
    if (me.distribution.length < 2) continue; // no pair of targets: nothing to record or cancel
    const ids = me.distribution.map((d) => d[0]);
    const idsT = ids.map((t) => tid.get(t)!);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const v1 = ids[i]!, v2 = ids[j]!;
        const key = idsT[i]! * T + idsT[j]!;
        const otherAt = pairs.get(key);
        if (otherAt === undefined) { pairs.set(key, ai); continue; }
        if (matches(me, v1, v2, mine).length !== 2) continue; // an edge of this pair was removed earlier in this loop
        const other = assignments[otherAt]!;
        matches(other, v1, v2, theirs);
        if (theirs.length < 2) { pairs.set(key, ai); continue; } // not a cycle
        if (theirs.length > 2) continue; // duplicate targets (corrupt input): the Rust code does nothing either
        // cycle[0..2] = mine, cycle[2..4] = theirs aligned so [0] and [2] vote the same target.
        if (other.distribution[theirs[0]!]![0] !== me.distribution[mine[0]!]![0]) theirs.reverse();
        for (let k = 0; k < 4; k++) {
          const e = k < 2 ? me.distribution[mine[k]!]! : other.distribution[theirs[k - 2]!]!;
          cycleT[k] = e[0]; cycleW[k] = e[1];
        }
        let minValue = U128_MAX, minIndex = 0;
        for (let k = 0; k < 4; k++) { const w = cycleW[k]!; if (w <= minValue) { minValue = w; minIndex = k; } }
        // The min edge and its "diagonal" lose minValue, the two others gain it (Rust: increase/decrease indices).
        const sibling = minIndex < 2 ? 1 - minIndex : 3 - (minIndex % 2);
        const diag = minIndex < 2 ? sibling + 2 : sibling - 2;
        const across = minIndex < 2 ? minIndex + 2 : minIndex - 2;
        increase(sibling < 2 ? me : other, cycleT[sibling]!, minValue);
        increase(across < 2 ? me : other, cycleT[across]!, minValue);
        const r1 = decrease(minIndex < 2 ? me : other, cycleT[minIndex]!, minValue);
        const r2 = decrease(diag < 2 ? me : other, cycleT[diag]!, minValue);
        changed += (r1 ? 1 : 0) + (r2 ? 1 : 0);
        const whoRemoved = (r1 && minIndex < 2) || (r2 && diag < 2);
        const otherRemoved = (r1 && minIndex >= 2) || (r2 && diag >= 2);
        if (!whoRemoved && otherRemoved) pairs.set(key, ai);
        else if (whoRemoved && otherRemoved) pairs.delete(key);
        else if (!whoRemoved && !otherRemoved) assert(false, 'reduce: duplicate voter (or other corrupt input)');
      }
    }
  }
  return changed;
}

/** A forest node; a voter node knows its assignment's index (`ai`), a target node has ai = -1. */
interface Node { readonly who: AccountId; readonly voter: boolean; readonly ai: number; parent: Node | null; seen: number }

let walk = 0; // stamp of the current rootPath walk (a visited set without allocating one per walk)

/** Node::root: the path from `start` up to its root (start first, root last), stopping before a revisited node. */
function rootPath(start: Node): Node[] {
  const stamp = ++walk;
  const path = [start];
  start.seen = stamp;
  let cur = start;
  while (cur.parent !== null && cur.parent.seen !== stamp) { cur = cur.parent; path.push(cur); cur.seen = stamp; }
  return path;
}

/** merge: re-hang the shorter root path (reversed) under the first node of the longer one. */
function merge(voterPath: Node[], targetPath: Node[]): void {
  const [shorter, longer] = voterPath.length <= targetPath.length ? [voterPath, targetPath] : [targetPath, voterPath];
  for (let i = 0; i + 1 < shorter.length; i++) shorter[i + 1]!.parent = shorter[i]!;
  shorter[0]!.parent = longer[0]!;
}

function trailingCommon(a: Node[], b: Node[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** reduce_all: adds edges one by one to a forest; an edge closing a cycle cancels the cycle's smallest flow. */
export function reduceAll(assignments: MutableStaked[]): number {
  // The tree, keyed by (who, role): voters by their (unique) assignment index, targets by account.
  const voterNodes: Array<Node | undefined> = new Array<Node | undefined>(assignments.length);
  const targets = new Map<AccountId, Node>();
  const targetNode = (who: AccountId): Node => {
    let n = targets.get(who);
    if (n === undefined) { n = { who, voter: false, ai: -1, parent: null, seen: 0 }; targets.set(who, n); }
    return n;
  };
  const weightOf = (voter: Node, target: AccountId): bigint | undefined => {
    const p = pos(assignments[voter.ai]!, target);
    return p < 0 ? undefined : assignments[voter.ai]!.distribution[p]![1];
  };
  let changed = 0;
  for (let ai = 0; ai < assignments.length; ai++) {
    const voter = assignments[ai]!.who;
    let dist = 0;
    for (let guard = 0; ; guard++) {
      assert(guard <= 4 * (assignments[ai]!.distribution.length + 1) + 64, 'reduce: edge loop bound');
      const d = assignments[ai]!.distribution[dist];
      if (d === undefined) break;
      const target = d[0];
      const voterExists = voterNodes[ai] !== undefined, targetExists = targets.has(target);
      const voterNode = voterNodes[ai] ?? (voterNodes[ai] = { who: voter, voter: true, ai, parent: null, seen: 0 });
      const tNode = targetNode(target);
      if (!voterExists || !targetExists) {
        if (!voterExists && targetExists) voterNode.parent = tNode; else tNode.parent = voterNode;
        dist++;
        continue;
      }
      const voterPath = rootPath(voterNode), targetPath = rootPath(tNode);
      if (voterPath[voterPath.length - 1] !== targetPath[targetPath.length - 1]) {
        merge(voterPath, targetPath);
        dist++;
        continue;
      }
      const common = trailingCommon(voterPath, targetPath);
      const cycle = [...targetPath.slice(0, Math.max(targetPath.length - common, 0) + 1),
        ...voterPath.slice(0, Math.max(voterPath.length - common, 0)).reverse()];
      assert(cycle.length % 2 === 0, 'reduce: odd cycle');
      const next = (i: number) => (i < cycle.length - 1 ? i + 1 : 0);
      const prev = (i: number) => (i > 0 ? i - 1 : cycle.length - 1);
      let minValue = U128_MAX, minTarget: AccountId | null = null, minVoter: AccountId | null = null, minIndex = -1, minDir = -1;
      for (let i = 0; i < cycle.length; i++) {
        if (!cycle[i]!.voter) continue;
        const cur = cycle[i]!;
        const wn = weightOf(cur, cycle[next(i)]!.who);
        if (wn !== undefined && wn < minValue) { minValue = wn; minTarget = cycle[next(i)]!.who; minVoter = cur.who; minIndex = i; minDir = 1; }
        const wp = weightOf(cur, cycle[prev(i)]!.who);
        if (wp !== undefined && wp < minValue) { minValue = wp; minTarget = cycle[prev(i)]!.who; minVoter = cur.who; minIndex = i; minDir = 0; }
      }
      if (minTarget === null || minVoter === null) break; // "UNREACHABLE" in the Rust code: it breaks out too
      const targetChunk = targetPath.length - common;
      const minChainInVoter = minIndex + minDir > targetChunk;
      let incCounter = true;
      const startAdd = ((minIndex % 2) + minDir) % 2 === 1;
      const additionalRemoved: Array<[Node, Node]> = [];
      for (let i = 0; i < cycle.length; i++) {
        const cur = cycle[i]!;
        if (!cur.voter) continue;
        const ci = cur.ai;
        const a = assignments[ci]!;
        // Edge to the previous node in the cycle, then to the next: opposite operations.
        for (const side of [0, 1] as const) {
          const other = side === 0 ? cycle[prev(i)]! : cycle[next(i)]!;
          const p = pos(a, other.who);
          if (p < 0) continue;
          const add = (i % 2 === 0) === (side === 0) ? startAdd : !startAdd;
          const v = add ? satAdd(a.distribution[p]![1], minValue) : satSub(a.distribution[p]![1], minValue);
          if (v !== 0n) { a.distribution[p]![1] = v; continue; }
          if (ci === ai) incCounter = false;
          a.distribution.splice(p, 1);
          changed++;
          if (!(i === minIndex && minDir === side)) additionalRemoved.push([cur, other]);
        }
      }
      const shouldReorg = !(minIndex === cycle.length - 1 && minDir === 1);
      if (shouldReorg) {
        const minEdge = [minVoter, minTarget];
        const path = minChainInVoter ? voterPath : targetPath;
        for (let i = 0; i + 1 < path.length; i++) {
          if (minEdge.includes(path[i]!.who) && minEdge.includes(path[i + 1]!.who)) break;
          path[i + 1]!.parent = path[i]!;
        }
        if (minChainInVoter) voterNode.parent = tNode; else tNode.parent = voterNode;
      }
      for (const [r1, r2] of additionalRemoved) {
        if (r1.parent === r2) r1.parent = null;
        else if (r2.parent === r1) r2.parent = null;
      }
      if (incCounter) dist++;
    }
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------------------------
// The same reduction on integer-indexed flat arrays with float64 weights (the staking pipeline's fast path, called by
// graphToSupports every era): targets are small integers instead of account strings, each voter's distribution is a
// segment of one flat array (a removal shifts the rest of the segment, exactly like Vec::remove), the reduce_4 pair
// map is a typed table and reduce_all's forest is parent indices. Same iteration order, tie-breaks and arithmetic as
// the port above; property tests prove both return the same assignments on random inputs. Inputs the float64 range
// cannot hold exactly take the port itself (supports.ts). Preconditions (asserted): no voter lists a target twice
// (the election graph drops duplicate votes) and voters are distinct accounts (checked by the caller).

export interface FlatStakedNum {
  readonly voters: number;
  /** Target ids are 0 .. targets - 1. */
  readonly targets: number;
  readonly start: Int32Array;
  /** Current segment lengths (mutated: an edge removal shortens its voter's segment). */
  readonly len: Int32Array;
  readonly target: Int32Array;
  /** Integers in [0, 2^53) for voters with two or more entries (see reduceFlatNum). */
  readonly weight: Float64Array;
  /**
   * Voter i's account as the port compares it against target accounts (reduce_all's re-org): the target id of the
   * same account when the voter is also a target (a validator's self vote), else targets + i (equal to no target).
   */
  readonly voterKey: Int32Array;
}

/** Position of target `t` in voter `i`'s segment, or -1. */
function posFlat(s: FlatStakedNum, i: number, t: number): number {
  const b = s.start[i]!, n = s.len[i]!;
  for (let k = 0; k < n; k++) if (s.target[b + k] === t) return k;
  return -1;
}

/** The reduce_4 pair table as a direct-indexed array when (targets in play)^2 is small; a Map beyond. */
const PAIR_TABLE_MAX = 1 << 22;
let pairScratch = new Int32Array(0);

// Float64 arithmetic (no BigInt allocation per operation): integers below 2^53 are exact in float64; a subtraction of
// two of them is exact, and so is an addition whose result stays below 2^53, which every addition checks: one that
// would pass it aborts the reduction (the caller then runs the port on its rebuilt input). For well-formed input it
// never does, since a cycle moves `min` from one of a voter's edges to another; reduce.rs does not keep every total in
// every case though (zero-weight edges can leave a stale forest edge, after which a voter gets one side of a cycle's
// update), hence the check rather than an argument. Voters with fewer than two entries are never read or changed
// (reduce_4 skips them; in reduce_all such a voter has at most one forest edge, so it is never inside a cycle): their
// values may be inexact (checked unchanged afterwards).

/** Thrown (and caught by reduceFlatNum) when a float64 addition would leave the exact range. */
const FLOAT_RANGE = new Error('reduce: float64 value beyond 2^53');
const addNum = (a: number, b: number): number => {
  const r = a + b;
  if (r > Number.MAX_SAFE_INTEGER) throw FLOAT_RANGE;
  return r;
};
const subNum = (a: number, b: number): number => (a > b ? a - b : 0);

/**
 * reduce on float64 flat assignments; returns the number of edges removed, or null when a value would leave the exact
 * range (s is then part-way through: the caller rebuilds its input). Entries of voters with two or more must be
 * integers in [0, 2^53); targets in range, none twice per voter.
 */
export function reduceFlatNum(s: FlatStakedNum): number | null {
  // The input check and the final check are functions of their own: a long loop compiled on stack (OSR) before the
  // code after it had run made every later call bail out there and finish in the interpreter.
  const short = { len: new Int8Array(s.voters), weight: new Float64Array(s.voters) };
  checkNumInput(s, short);
  let removed: number;
  try {
    removed = reduce4Num(s) + reduceAllNum(s);
  } catch (e) {
    if (e !== FLOAT_RANGE) throw e;
    return null;
  }
  checkShortUnchanged(s, short);
  return removed;
}

/** Targets valid and distinct per voter, weights of multi-entry voters exact integers; records the short voters. */
function checkNumInput(s: FlatStakedNum, short: { readonly len: Int8Array; readonly weight: Float64Array }): void {
  const { voters: n, start, len, target, weight } = s;
  const stamp = new Int32Array(s.targets).fill(-1);
  const shortLen = short.len, shortWeight = short.weight;
  for (let i = 0; i < n; i++) {
    const b = start[i]!, e = b + len[i]!;
    for (let k = b; k < e; k++) {
      const t = target[k]!;
      if (!(t >= 0 && t < s.targets && stamp[t] !== i)) assert(false, 'reduce: target out of range or voted twice');
      stamp[t] = i;
    }
    if (e - b < 2) { shortLen[i] = e - b; shortWeight[i] = e > b ? weight[b]! : 0; continue; }
    shortLen[i] = -1;
    for (let k = b; k < e; k++) {
      const w = weight[k]!;
      if (!(w >= 0 && w <= Number.MAX_SAFE_INTEGER && Math.floor(w) === w)) assert(false, 'reduce: float64 weight not an integer in [0, 2^53)');
    }
  }
}

/** Voters with fewer than two entries must come out as they went in (their values may be inexact floats). */
function checkShortUnchanged(s: FlatStakedNum, short: { readonly len: Int8Array; readonly weight: Float64Array }): void {
  const { voters: n, start, len, weight } = s;
  for (let i = 0; i < n; i++) {
    if (short.len[i]! < 0) continue;
    const same = len[i] === short.len[i] && (len[i] === 0 || weight[start[i]!] === short.weight[i]);
    if (!same) assert(false, 'reduce: a voter with fewer than two entries changed');
  }
}

/** Removes entry `p` of voter `i` (Vec::remove: later entries shift down by one). */
function removeAtNum(s: FlatStakedNum, i: number, p: number): void {
  const end = s.start[i]! + s.len[i]! - 1;
  for (let k = s.start[i]! + p; k < end; k++) { s.target[k] = s.target[k + 1]!; s.weight[k] = s.weight[k + 1]!; }
  s.len[i]!--;
}

export function reduce4Num(s: FlatStakedNum): number {
  const { voters: n, start, len, target, weight } = s;
  // Dense ids for the targets of voters with a pair (usually just the winners), so the pair table stays small.
  const dense = new Int32Array(s.targets).fill(-1);
  let D = 0, maxLen = 0;
  for (let i = 0; i < n; i++) {
    if (len[i]! < 2) continue;
    if (len[i]! > maxLen) maxLen = len[i]!;
    for (let k = start[i]!; k < start[i]! + len[i]!; k++) if (dense[target[k]!] === -1) dense[target[k]!] = D++;
  }
  const direct = D * D <= PAIR_TABLE_MAX;
  if (direct && pairScratch.length < D * D) pairScratch = new Int32Array(Math.max(D * D, 2 * pairScratch.length));
  const table = pairScratch;
  if (direct) table.fill(-1, 0, D * D);
  const map = direct ? null : new Map<number, number>(); // pair -> index of the last voter seen voting both
  const ids = new Int32Array(maxLen), dids = new Int32Array(maxLen);
  const posMe = new Int32Array(maxLen); // current position of my original entry k, -1 once removed
  let changed = 0;
  for (let ai = 0; ai < n; ai++) {
    const L0 = len[ai]!;
    if (L0 < 2) continue;
    const sa = start[ai]!;
    for (let k = 0; k < L0; k++) { ids[k] = target[sa + k]!; dids[k] = dense[ids[k]!]!; posMe[k] = k; }
    for (let i = 0; i < L0; i++) {
      for (let j = i + 1; j < L0; j++) {
        const key = dids[i]! * D + dids[j]!;
        const otherAt = direct ? table[key]! : (map!.get(key) ?? -1);
        if (otherAt < 0) { if (direct) table[key] = ai; else map!.set(key, ai); continue; }
        const v1 = ids[i]!, v2 = ids[j]!;
        // Both still voted by me? (My entries only leave by the removals below, which keep posMe current.)
        const p1 = posMe[i]!, p2 = posMe[j]!;
        if (p1 < 0 || p2 < 0) continue;
        const ob = start[otherAt]!;
        let q1 = -1, q2 = -1;
        for (let k = 0, lo = len[otherAt]!; k < lo; k++) { const t = target[ob + k]!; if (t === v1) q1 = k; else if (t === v2) q2 = k; }
        if (q1 < 0 || q2 < 0) { if (direct) table[key] = ai; else map!.set(key, ai); continue; } // not a cycle
        // cycle = [me v1, me v2, other v1, other v2] (the port's aligned order), as flat indices.
        const e0 = sa + p1, e1 = sa + p2, e2 = ob + q1, e3 = ob + q2;
        const w0 = weight[e0]!, w1 = weight[e1]!, w2 = weight[e2]!, w3 = weight[e3]!;
        let minValue = Infinity, minIndex = 0;
        if (w0 <= minValue) { minValue = w0; minIndex = 0; }
        if (w1 <= minValue) { minValue = w1; minIndex = 1; }
        if (w2 <= minValue) { minValue = w2; minIndex = 2; }
        if (w3 <= minValue) { minValue = w3; minIndex = 3; }
        const sibling = minIndex < 2 ? 1 - minIndex : 3 - (minIndex % 2);
        const diag = minIndex < 2 ? sibling + 2 : sibling - 2;
        const across = minIndex < 2 ? minIndex + 2 : minIndex - 2;
        // Increases first (two edges distinct from the decreased ones), then decreases: one per voter, so a removal
        // in one voter's segment never moves the other's positions.
        const eSib = sibling === 0 ? e0 : sibling === 1 ? e1 : sibling === 2 ? e2 : e3;
        const eAcross = across === 0 ? e0 : across === 1 ? e1 : across === 2 ? e2 : e3;
        const eMin = minIndex === 0 ? e0 : minIndex === 1 ? e1 : minIndex === 2 ? e2 : e3;
        const eDiag = diag === 0 ? e0 : diag === 1 ? e1 : diag === 2 ? e2 : e3;
        weight[eSib] = addNum(weight[eSib]!, minValue);
        weight[eAcross] = addNum(weight[eAcross]!, minValue);
        const r1 = decreaseNum(s, minIndex < 2 ? ai : otherAt, eMin, minValue);
        const r2 = decreaseNum(s, diag < 2 ? ai : otherAt, eDiag, minValue);
        // My removed entry (v1 at original index i, or v2 at j): later entries move down one.
        const meGone = r1 && minIndex < 2 ? minIndex : r2 && diag < 2 ? diag : -1;
        if (meGone >= 0) {
          const gone = meGone === 0 ? i : j;
          posMe[gone] = -1;
          for (let k = gone + 1; k < L0; k++) if (posMe[k]! >= 0) posMe[k]!--;
        }
        changed += (r1 ? 1 : 0) + (r2 ? 1 : 0);
        const whoRemoved = (r1 && minIndex < 2) || (r2 && diag < 2);
        const otherRemoved = (r1 && minIndex >= 2) || (r2 && diag >= 2);
        if (!whoRemoved && otherRemoved) { if (direct) table[key] = ai; else map!.set(key, ai); }
        else if (whoRemoved && otherRemoved) { if (direct) table[key] = -1; else map!.delete(key); }
        else if (!whoRemoved && !otherRemoved) assert(false, 'reduce: duplicate voter (or other corrupt input)');
      }
    }
  }
  return changed;
}

/** Entry at flat index `e` (voter `i`) loses `by`; removed when it reaches zero (returns true). */
function decreaseNum(s: FlatStakedNum, i: number, e: number, by: number): boolean {
  const next = subNum(s.weight[e]!, by);
  if (next !== 0) { s.weight[e] = next; return false; }
  removeAtNum(s, i, e - s.start[i]!);
  return true;
}

/** Nodes: voter i is node i, target t is node voters + t; parent -1 is a root. */
/**
 * reduceAllNum's forest arrays, kept between calls and reset per call (a 20k-voter era allocated ~0.5 MB of typed
 * arrays per call, which showed up as GC time): scratch, never read across calls.
 */
const forest = { cap: 0, parent: new Int32Array(0), exists: new Uint8Array(0), seen: new Int32Array(0), vp: new Int32Array(0), tp: new Int32Array(0) };
function forestScratch(N: number): typeof forest {
  if (forest.cap < N) {
    const cap = Math.max(N, 2 * forest.cap);
    Object.assign(forest, { cap, parent: new Int32Array(cap), exists: new Uint8Array(cap), seen: new Int32Array(cap), vp: new Int32Array(cap), tp: new Int32Array(cap) });
  }
  forest.parent.fill(-1, 0, N); forest.exists.fill(0, 0, N); forest.seen.fill(0, 0, N);
  return forest;
}

export function reduceAllNum(s: FlatStakedNum): number {
  const { voters: n, start, len, target, weight, voterKey } = s;
  const N = n + s.targets;
  const { parent, exists, seen, vp, tp } = forestScratch(N);
  let cycle = new Int32Array(64), removed = new Int32Array(128);
  let walk = 0;
  const keyOf = (node: number): number => (node < n ? voterKey[node]! : node - n);
  /** Node::root into `out` (start first, root last), stopping before a revisited node; returns the length. */
  const rootPath = (startNode: number, out: Int32Array): number => {
    const stamp = ++walk;
    let l = 0, cur = startNode;
    out[l++] = cur; seen[cur] = stamp;
    while (parent[cur] !== -1 && seen[parent[cur]!] !== stamp) { cur = parent[cur]!; out[l++] = cur; seen[cur] = stamp; }
    return l;
  };
  let changed = 0;
  for (let ai = 0; ai < n; ai++) {
    let dist = 0;
    for (let guard = 0; ; guard++) {
      assert(guard <= 4 * (len[ai]! + 1) + 64, 'reduce: edge loop bound');
      if (dist >= len[ai]!) break;
      const t = target[start[ai]! + dist]!;
      const tNode = n + t;
      const voterExists = exists[ai] === 1, targetExists = exists[tNode] === 1;
      exists[ai] = 1; exists[tNode] = 1;
      if (!voterExists || !targetExists) {
        if (!voterExists && targetExists) parent[ai] = tNode; else parent[tNode] = ai;
        dist++;
        continue;
      }
      const vl = rootPath(ai, vp), tl = rootPath(tNode, tp);
      if (vp[vl - 1] !== tp[tl - 1]) {
        // merge: re-hang the shorter root path (reversed) under the first node of the longer one.
        const voterShorter = vl <= tl;
        const sh = voterShorter ? vp : tp, shl = voterShorter ? vl : tl;
        for (let i = 0; i + 1 < shl; i++) parent[sh[i + 1]!] = sh[i]!;
        parent[sh[0]!] = voterShorter ? tp[0]! : vp[0]!;
        dist++;
        continue;
      }
      let common = 0;
      while (common < vl && common < tl && vp[vl - 1 - common] === tp[tl - 1 - common]) common++;
      const tPart = Math.min(Math.max(tl - common, 0) + 1, tl), vPart = Math.max(vl - common, 0);
      const cl = tPart + vPart;
      if (cycle.length < cl) cycle = new Int32Array(2 * cl);
      if (removed.length < 2 * cl) removed = new Int32Array(4 * cl);
      for (let i = 0; i < tPart; i++) cycle[i] = tp[i]!;
      for (let i = 0; i < vPart; i++) cycle[tPart + i] = vp[vPart - 1 - i]!;
      assert(cl % 2 === 0, 'reduce: odd cycle');
      let minValue = Infinity, found = false, minTargetKey = -1, minVoterKey = -1, minIndex = -1, minDir = -1;
      for (let i = 0; i < cl; i++) {
        const cur = cycle[i]!;
        if (cur >= n) continue;
        const nx = cycle[i < cl - 1 ? i + 1 : 0]!, pv = cycle[i > 0 ? i - 1 : cl - 1]!;
        const pn = posFlat(s, cur, keyOf(nx));
        if (pn >= 0 && weight[start[cur]! + pn]! < minValue) {
          minValue = weight[start[cur]! + pn]!; found = true; minTargetKey = keyOf(nx); minVoterKey = keyOf(cur); minIndex = i; minDir = 1;
        }
        const pp = posFlat(s, cur, keyOf(pv));
        if (pp >= 0 && weight[start[cur]! + pp]! < minValue) {
          minValue = weight[start[cur]! + pp]!; found = true; minTargetKey = keyOf(pv); minVoterKey = keyOf(cur); minIndex = i; minDir = 0;
        }
      }
      if (!found) break; // "UNREACHABLE" in the Rust code: it breaks out too
      const targetChunk = tl - common;
      const minChainInVoter = minIndex + minDir > targetChunk;
      let incCounter = true;
      const startAdd = ((minIndex % 2) + minDir) % 2 === 1;
      let nRemoved = 0;
      for (let i = 0; i < cl; i++) {
        const cur = cycle[i]!;
        if (cur >= n) continue;
        for (let side = 0; side < 2; side++) {
          const other = side === 0 ? cycle[i > 0 ? i - 1 : cl - 1]! : cycle[i < cl - 1 ? i + 1 : 0]!;
          const p = posFlat(s, cur, keyOf(other));
          if (p < 0) continue;
          const add = (i % 2 === 0) === (side === 0) ? startAdd : !startAdd;
          const e = start[cur]! + p;
          const v = add ? addNum(weight[e]!, minValue) : subNum(weight[e]!, minValue);
          if (v !== 0) { weight[e] = v; continue; }
          if (cur === ai) incCounter = false;
          removeAtNum(s, cur, p);
          changed++;
          if (!(i === minIndex && minDir === side)) { removed[nRemoved++] = cur; removed[nRemoved++] = other; }
        }
      }
      if (!(minIndex === cl - 1 && minDir === 1)) {
        const path = minChainInVoter ? vp : tp, pl = minChainInVoter ? vl : tl;
        for (let i = 0; i + 1 < pl; i++) {
          const a = keyOf(path[i]!), b = keyOf(path[i + 1]!);
          if ((a === minVoterKey || a === minTargetKey) && (b === minVoterKey || b === minTargetKey)) break;
          parent[path[i + 1]!] = path[i]!;
        }
        if (minChainInVoter) parent[ai] = tNode; else parent[tNode] = ai;
      }
      for (let k = 0; k < nRemoved; k += 2) {
        const r1 = removed[k]!, r2 = removed[k + 1]!;
        if (parent[r1] === r2) parent[r1] = -1;
        else if (parent[r2] === r1) parent[r2] = -1;
      }
      if (incCounter) dist++;
    }
  }
  return changed;
}
