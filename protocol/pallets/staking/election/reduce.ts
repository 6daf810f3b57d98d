// sp-npos-elections `reduce` (substrate/primitives/npos-elections/src/reduce.rs), as the chain's election miner runs it
// on the staked assignments before submitting a solution: it removes circulations from the voter→target flow so the
// edge set becomes a forest (at most voters + winners − 1 edges) while every voter's total and every winner's backing
// stay exactly the same. First `reduce_4` (cycles of length 4), then `reduce_all` (any cycle, with a forest of
// parent pointers). A line-by-line port: same iteration order, same tie-breaks (`<=` in reduce_4, `<` in reduce_all),
// same saturating arithmetic, so the reduced assignments equal the Rust output (the crate's test vectors are in the
// tests). Lookups the Rust code does by linear scan (`iter().find(|a| a.who == x)`) go straight to the voter's
// assignment by index here; voters are unique (checked), so the first match is the only one.

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
