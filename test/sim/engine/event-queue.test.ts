import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  EventQueue, QueueFullError, compareEvents, packKey1, packKey2, type QueuedEvent,
} from '../../../sim/engine/event-queue.js';

type Op = { op: 'push'; tick: number; cls: number; sourceId: number; seq: number; kind: number; obj: boolean } | { op: 'pop' };

/** Drain-order model: a plain array, sorted by the documented total key order on every pop. */
function popModel(model: QueuedEvent[]): QueuedEvent | undefined {
  if (model.length === 0) return undefined;
  model.sort(compareEvents);
  return model.shift();
}

function popQueue(q: EventQueue): QueuedEvent | undefined {
  if (!q.pop()) return undefined;
  const k1 = q.topKey1, k2 = q.topKey2;
  return {
    tick: Math.floor(k1 / 64), cls: k1 % 64, sourceId: Math.floor(k2 / 2 ** 29), seq: k2 % 2 ** 29,
    kind: q.topKind, actor: q.topActor, payload: q.topPayload, obj: q.topObj,
  };
}

// Small ranges so equal ticks, classes and sources are frequent: the tie-breaks are what is under test.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    op: fc.constant('push' as const),
    tick: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 2 ** 47 - 1 })),
    cls: fc.integer({ min: 0, max: 3 }),
    sourceId: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** 24 - 1 })),
    seq: fc.integer({ min: 0, max: 2 ** 29 - 1 }),
    kind: fc.integer({ min: 0, max: 1000 }),
    obj: fc.boolean(),
  }) },
  { weight: 2, arbitrary: fc.constant({ op: 'pop' as const }) },
);

describe('EventQueue', () => {
  it('pops in (tick, class, sourceId, seq) order under any interleaving of push and pop (vs a sorted-array model)', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
      const q = new EventQueue(10_000, 16); // starts small: growth happens inside the run
      const model: QueuedEvent[] = [];
      const used = new Set<string>();
      let id = 0;
      for (const o of ops) {
        if (o.op === 'push') {
          // keys are unique in the engine (per-source sequence numbers): keep them unique here too
          const key = `${o.tick}/${o.cls}/${o.sourceId}/${o.seq}`;
          if (used.has(key)) continue;
          used.add(key);
          const ev: QueuedEvent = { tick: o.tick, cls: o.cls, sourceId: o.sourceId, seq: o.seq, kind: o.kind,
            actor: id, payload: id * 0.5, obj: o.obj ? { id } : undefined };
          id++;
          q.push(packKey1(ev.tick, ev.cls), packKey2(ev.sourceId, ev.seq), ev.kind, ev.actor, ev.payload, ev.obj);
          model.push(ev);
        } else {
          expect(popQueue(q)).toEqual(popModel(model));
        }
        expect(q.size).toBe(model.length);
      }
      for (;;) {
        const a = popQueue(q), b = popModel(model);
        expect(a).toEqual(b);
        if (a === undefined) break;
      }
    }), { numRuns: 300 });
  });

  it('drains a large heap (deep levels, many equal ticks) in key order', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 3 })), { minLength: 1000, maxLength: 3000 }), (keys) => {
      const q = new EventQueue(5000, 16);
      keys.forEach(([t, c], i) => q.push(packKey1(t, c), packKey2(i % 7, i), 0, i, 0, undefined));
      const expected = keys.map(([t, c], i) => [t, c, i % 7, i] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]).map((k) => k[3]);
      const got: number[] = [];
      while (q.pop()) got.push(q.topActor);
      expect(got).toEqual(expected);
    }), { numRuns: 20 });
  });

  it('throws QueueFullError naming engine.queueCapacity when the bound is reached', () => {
    const q = new EventQueue(100, 16);
    for (let i = 0; i < 100; i++) q.push(packKey1(i, 0), packKey2(0, i), 0, 0, 0, undefined);
    expect(q.capacity).toBe(100);
    expect(() => q.push(packKey1(5, 0), packKey2(0, 500), 0, 0, 0, undefined)).toThrow(QueueFullError);
    expect(() => q.push(packKey1(5, 0), packKey2(0, 500), 0, 0, 0, undefined)).toThrow(/100 pending events.*engine\.queueCapacity/);
    // after a pop there is room again
    q.pop();
    q.push(packKey1(5, 0), packKey2(0, 500), 0, 0, 0, undefined);
    expect(q.size).toBe(100);
  });

  it('snapshot/restore (through JSON) preserves contents, object payloads and pop order', () => {
    const q = new EventQueue(1000, 16);
    const ticks = [7, 3, 3, 9, 0, 3, 12, 7, 1, 1];
    ticks.forEach((t, i) => q.push(packKey1(t, i % 3), packKey2(i % 2, i), i, 100 + i, i / 4, i % 3 === 0 ? { msg: `m${i}` } : undefined));
    q.pop(); q.pop(); // recycle slots so heap positions and slots differ
    q.push(packKey1(2, 1), packKey2(5, 0), 42, 7, 0, { msg: 'late' });
    const copy = new EventQueue(1000, 16);
    copy.restoreSnapshot(JSON.parse(JSON.stringify(q.snapshot())));
    expect(copy.toSortedArray()).toEqual(q.toSortedArray());
    const drain = (x: EventQueue) => { const out: unknown[] = []; while (x.pop()) out.push([x.topKey1, x.topKey2, x.topKind, x.topActor, x.topPayload, x.topObj]); return out; };
    expect(drain(copy)).toEqual(drain(q));
  });

  it('rejects a snapshot whose heap order is broken', () => {
    const q = new EventQueue(10);
    expect(() => q.restoreSnapshot({ key1: [packKey1(5, 0), packKey1(1, 0)], key2: [0, 1], kind: [0, 0], actor: [0, 0], payload: [0, 0], obj: [] }))
      .toThrow(/heap order/);
  });
});
