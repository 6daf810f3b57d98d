// AccountOrder memoises the account-sorted keys of a StorageMap; it must follow every change of the key set,
// including rollbacks and snapshot restores (expectation: a fresh sort of the map's keys).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Journal, StorageMap } from '../../../protocol/primitives/storage.js';
import { accountIdCodec, codec } from '../../../protocol/types/codecs.js';
import { AccountOrder } from '../../../protocol/pallets/staking/account-order.js';
import { err } from '../../../protocol/primitives/dispatch.js';

describe('AccountOrder', () => {
  it('equals a fresh sort after any sequence of sets, deletes, failed transactions and snapshot restores', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), k: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('del' as const), k: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('failedTx' as const), k: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('restore' as const), k: fc.constant(0) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      const j = new Journal();
      const m = new StorageMap<string, number>('t.M', j, accountIdCodec, codec((v: number) => Uint8Array.of(v & 0xff)));
      const order = new AccountOrder();
      let snap = m.snapshot();
      for (const o of ops) {
        const key = `acct/${o.k}`;
        if (o.kind === 'set') { m.set(key, o.k); snap = m.snapshot(); }
        else if (o.kind === 'del') m.delete(key);
        else if (o.kind === 'failedTx') j.transactional(() => { m.set(key, 1); m.delete(`acct/${(o.k + 1) % 31}`); return err('t', 'E'); });
        else m.restoreSnapshot(snap);
        expect(order.of(m)).toEqual([...m.keys()].sort());
      }
    }), { numRuns: 200 });
  });
});
