import { describe, expect, it } from 'vitest';
import {
  BlockTree, DEFAULT_VOTING_RULES, VoteSet, equivocationSlashFraction, ghost, slashesFor, supermajority, voteTarget,
  voteTargetNumber, BabeEquivocationDetector, type BlockHeader,
} from '../../../protocol/pallets/consensus/index.js';

let nextId = 1;
function child(parent: BlockHeader, primary = false): BlockHeader {
  return { id: nextId++, parent: parent.id, number: parent.number + 1, slot: parent.slot + 1, author: 0, primary,
    weight: parent.weight + (primary ? 1 : 0), commitment: 0 };
}
const genesis: BlockHeader = { id: 0, parent: -1, number: 0, slot: 0, author: 0, primary: false, weight: 0, commitment: 0 };

describe('GRANDPA threshold and voting rules', () => {
  it('t = n - floor((n-1)/3): SUBSTRATE.md examples', () => {
    expect(supermajority(4)).toBe(3);
    expect(supermajority(6)).toBe(5);
    expect(supermajority(300)).toBe(201);
    expect(supermajority(1)).toBe(1);
    expect(supermajority(100)).toBe(67);
  });
  it('vote target: BeforeBestBlockBy(2) and 3/4 of the unfinalized chain', () => {
    expect(voteTargetNumber(10, 0, DEFAULT_VOTING_RULES)).toBe(7);  // min(8, 0 + floor(7.5)) = 7
    expect(voteTargetNumber(100, 90, DEFAULT_VOTING_RULES)).toBe(97); // min(98, 90 + 7) = 97
    expect(voteTargetNumber(101, 100, DEFAULT_VOTING_RULES)).toBe(100); // never below base
    expect(voteTargetNumber(1000, 0, DEFAULT_VOTING_RULES)).toBe(750);
  });
  it('voteTarget returns the ancestor of best at the target height', () => {
    const t = new BlockTree(genesis);
    const chain = [genesis];
    for (let i = 0; i < 10; i++) { const b = child(chain[chain.length - 1]!); t.import(b); chain.push(b); }
    expect(voteTarget(t, genesis, DEFAULT_VOTING_RULES).id).toBe(chain[7]!.id);
  });
});

describe('GHOST', () => {
  const t = new BlockTree(genesis);
  const a1 = child(genesis); const a2 = child(a1); const a3 = child(a2);
  const b2 = child(a1);
  for (const b of [a1, a2, a3, b2]) t.import(b);
  it('highest block with >= t supporting votes', () => {
    // 4 voters, t = 3: votes a3, a2, b2, a3 => a1 has 4, a2 has 3, a3 has 2, b2 has 1 => ghost = a2
    expect(ghost(t, genesis, [a3.id, a2.id, b2.id, a3.id], 3)?.id).toBe(a2.id);
    // votes split 2/2 between forks => only a1 reaches 3
    expect(ghost(t, genesis, [a3.id, a2.id, b2.id, b2.id], 3)?.id).toBe(a1.id);
    expect(ghost(t, genesis, [a3.id, b2.id], 3)).toBeUndefined();
  });
});

describe('equivocation', () => {
  it('VoteSet counts the first vote and flags a second different one once', () => {
    const s = new VoteSet();
    expect(s.add(1, 10)).toBe('new');
    expect(s.add(1, 10)).toBe('duplicate');
    expect(s.add(1, 11)).toBe('equivocation');
    expect(s.add(1, 12)).toBe('duplicate');
    expect(s.count).toBe(1);
  });
  it('BABE detector: two blocks by one author in one slot', () => {
    const d = new BabeEquivocationDetector(100);
    expect(d.observe(5, 2, 100)).toBeUndefined();
    expect(d.observe(5, 3, 101)).toBeUndefined();
    expect(d.observe(5, 2, 102)).toEqual({ kind: 'babeEquivocation', offender: 2, timeSlot: 5, evidence: [100, 102] });
    expect(d.observe(5, 2, 103)).toBeUndefined(); // reported once
  });
  it('slash fraction min((3k/n)^2, 1) in Perbill', () => {
    expect(equivocationSlashFraction(1, 10)).toBe(90_000_000n);      // 0.3^2 = 0.09
    expect(equivocationSlashFraction(2, 10)).toBe(360_000_000n);     // 0.6^2
    expect(equivocationSlashFraction(4, 10)).toBe(1_000_000_000n);   // 1.2 saturates
    expect(equivocationSlashFraction(1, 3)).toBe(1_000_000_000n);    // 3/3
    expect(equivocationSlashFraction(0, 10)).toBe(0n);
    // 3/7 -> 428571428 (floor); squared = 183673468.898 (x 1e9) -> nearest 183673469; exact 9/49 = 0.1836734693...
    expect(equivocationSlashFraction(1, 7)).toBe(183_673_469n);
    expect(Math.abs(Number(equivocationSlashFraction(1, 7)) / 1e9 - 9 / 49)).toBeLessThan(2e-9);
  });
  it('k counts offenders of the same kind in the same time slot', () => {
    const s = slashesFor([
      { kind: 'babeEquivocation', offender: 1, timeSlot: 5, evidence: [1, 2] },
      { kind: 'babeEquivocation', offender: 2, timeSlot: 5, evidence: [3, 4] },
      { kind: 'babeEquivocation', offender: 3, timeSlot: 6, evidence: [5, 6] },
    ], 100);
    expect(s.map((x) => x.k)).toEqual([2, 2, 1]);
    expect(s[0]!.fraction).toBe(3_600_000n); // (6/100)^2 = 0.0036
  });
});
