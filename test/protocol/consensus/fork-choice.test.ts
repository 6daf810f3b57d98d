import { describe, expect, it } from 'vitest';
import { BlockTree, type BlockHeader } from '../../../protocol/pallets/consensus/index.js';

let nextId = 1;
function child(parent: BlockHeader, primary: boolean, slot = parent.slot + 1): BlockHeader {
  return { id: nextId++, parent: parent.id, number: parent.number + 1, slot, author: 0, primary,
    weight: parent.weight + (primary ? 1 : 0), commitment: 0 };
}
const genesis: BlockHeader = { id: 0, parent: -1, number: 0, slot: 0, author: 0, primary: false, weight: 0, commitment: 0 };

describe('BABE fork choice', () => {
  it('primary weight beats length', () => {
    const t = new BlockTree(genesis);
    const a1 = child(genesis, false); const a2 = child(a1, false); const a3 = child(a2, false);
    const b1 = child(genesis, true);
    for (const b of [a1, a2, a3]) t.import(b);
    expect(t.best.id).toBe(a3.id);
    expect(t.import(b1)).toBe(true); // weight 1 > 0 although shorter
    expect(t.best.id).toBe(b1.id);
  });
  it('equal weight: higher number wins; full tie keeps the first seen', () => {
    const t = new BlockTree(genesis);
    const a1 = child(genesis, true); const b1 = child(genesis, true);
    t.import(a1); t.import(b1);
    expect(t.best.id).toBe(a1.id);
    const b2 = child(b1, false);
    t.import(b2);
    expect(t.best.id).toBe(b2.id);
  });
  it('only chains descending from the finalized block count', () => {
    const t = new BlockTree(genesis);
    const a1 = child(genesis, false); const a2 = child(a1, false);
    const b1 = child(genesis, true); const b2 = child(b1, true);
    t.import(a1); t.import(a2); t.import(b1);
    t.finalize(a1.id);
    expect(t.best.id).toBe(a2.id); // b1 is heavier but conflicts with finality
    t.import(b2);
    expect(t.best.id).toBe(a2.id);
    expect(t.descends(a2.id, a1.id)).toBe(true);
    expect(t.descends(b2.id, a1.id)).toBe(false);
  });
  it('ignoreFinality (test-only broken rule) reverts to the heavier conflicting chain', () => {
    const t = new BlockTree(genesis, 'ignoreFinality');
    const a1 = child(genesis, false); const b1 = child(genesis, true);
    t.import(a1); t.finalize(a1.id); t.import(b1);
    expect(t.best.id).toBe(b1.id);
  });
  it('ancestorAt walks to the requested height', () => {
    const t = new BlockTree(genesis);
    const a1 = child(genesis, false); const a2 = child(a1, true); const a3 = child(a2, false);
    for (const b of [a1, a2, a3]) t.import(b);
    expect(t.ancestorAt(a3.id, 1)?.id).toBe(a1.id);
    expect(t.ancestorAt(a1.id, 3)).toBeUndefined();
  });
});
