import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine, EventClass, QueueFullError, TraceLog, compareTraceLogs, type EngineSnapshot } from '../../../sim/engine/index.js';
import { createHoldModel } from '../../../sim/engine/hold-model.js';
import { jsonReplacer, jsonReviver } from '../../../protocol/primitives/storage.js';
import { InvariantError } from '../../../protocol/primitives/dispatch.js';

const hold = (seed: bigint, agents = 300, endMs = 20_000) => {
  const m = createHoldModel(seed, { agents, meanDelayMs: 500 });
  m.engine.runUntil(endMs);
  return m.engine;
};

describe('determinism', () => {
  it('same seed => same traceHash; different seeds => different', () => {
    expect(hold(1n).traceHash()).toBe(hold(1n).traceHash());
    expect(hold(1n).traceHash()).not.toBe(hold(2n).traceHash());
  });

  it('golden traceHash of the fixed hold-model workload', () => {
    // How it was obtained: createHoldModel(0x5eedn, { agents: 1000, meanDelayMs: 500 }).engine.runUntil(60_000),
    // then traceHash(), on Node 20 when the engine was written. It pins the key order, the per-source sequence
    // numbers, the rng derivation (blake2b -> xor128), the exponential sampler and the trace fold. Any change to this
    // value must be deliberate (a changed engine contract) and explained in the commit that changes it.
    const m = createHoldModel(0x5eedn, { agents: 1000, meanDelayMs: 500 });
    const r = m.engine.runUntil(60_000);
    expect(m.engine.traceHash()).toBe('0x93ca83b89cc5fcc73721cbb366bf14dc9a5bb117800237c52c3c3a9c62513653');
    // independent sanity check of the workload: each agent fires once per 1 + floor(Exp(500)) ms ~ 500.5 ms on
    // average, so ~1000 * 60000 / 500.5 = 119,880 events (+-1% is > 5 standard deviations)
    expect(Math.abs(r.events - 119_880) / 119_880).toBeLessThan(0.01);
    expect(m.engine.queue.size).toBe(1000);
  });

  it('snapshot mid-run (through JSON) then restore into a fresh engine ends with the uninterrupted traceHash', () => {
    const whole = hold(77n, 200, 30_000).traceHash();
    const a = createHoldModel(77n, { agents: 200, meanDelayMs: 500 });
    a.engine.runUntil(12_345);
    a.engine.foldStateRoot(new Uint8Array(32).fill(1)); // roots folded before the snapshot are part of trace state
    const json = JSON.stringify(a.engine.snapshot(), jsonReplacer);
    const snap = JSON.parse(json, jsonReviver) as EngineSnapshot;
    // the fresh model defines the same kinds; its initial events and stream positions are replaced by the snapshot
    const b = createHoldModel(77n, { agents: 200, meanDelayMs: 500 });
    b.engine.runUntil(5_000); // diverge first, to prove restore replaces everything
    b.engine.restoreSnapshot(snap);
    b.engine.runUntil(30_000);
    a.engine.runUntil(30_000);
    expect(b.engine.traceHash()).toBe(a.engine.traceHash());
    expect(b.engine.eventsProcessed).toBe(a.engine.eventsProcessed);
    // the root fold changed the hash relative to the never-folded run
    expect(a.engine.traceHash()).not.toBe(whole);
    const c = createHoldModel(77n, { agents: 200, meanDelayMs: 500 });
    c.engine.runUntil(12_345);
    c.engine.runUntil(30_000);
    expect(c.engine.traceHash()).toBe(whole); // runUntil in pieces == one call
  });

  it('property: snapshot at any tick + restore = uninterrupted run (any seed, agent count, cut point)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 3_000 }), (seed, agents, cut) => {
        const whole = createHoldModel(seed, { agents, meanDelayMs: 50 });
        whole.engine.runUntil(3_000);
        const a = createHoldModel(seed, { agents, meanDelayMs: 50 });
        a.engine.runUntil(cut);
        const snap = JSON.parse(JSON.stringify(a.engine.snapshot(), jsonReplacer), jsonReviver) as EngineSnapshot;
        const b = createHoldModel(seed, { agents, meanDelayMs: 50 });
        b.engine.restoreSnapshot(snap);
        b.engine.runUntil(3_000);
        expect(b.engine.traceHash()).toBe(whole.engine.traceHash());
      }), { numRuns: 25 });
  });

  it('adding an agent mid-run leaves other agents\' events unchanged', () => {
    const log = (addAt: number | null) => {
      const m = createHoldModel(9n, { agents: 50, meanDelayMs: 100 });
      const seen: string[] = [];
      if (addAt !== null) { m.engine.runUntil(addAt); expect(m.addAgent()).toBe(50); }
      // the stop condition runs after every event: record (tick, source) of the original agents 0..49
      m.engine.runUntil(5_000, () => {
        if (m.engine.currentSourceId < 50) seen.push(`${m.engine.nowMs()}:${m.engine.currentSourceId}`);
        return false;
      });
      return seen;
    };
    const base = log(null);
    const withAgent = log(1_000);
    const after = (xs: string[]) => xs.filter((s) => Number(s.split(':')[0]) > 1_000);
    expect(after(base).length).toBeGreaterThan(1_000);
    expect(after(withAgent)).toEqual(after(base));
  });
});

describe('engine semantics', () => {
  it('orders equal-tick events by class, then source, then per-source sequence, regardless of scheduling order', () => {
    const e = new Engine({ seed: 1n });
    const got: string[] = [];
    const K = e.defineKind('k', (actor, payload) => { got.push(`${actor}/${payload}`); });
    e.schedule(10, EventClass.Agent, 2, K, 1, 0);
    e.schedule(10, EventClass.Agent, 1, K, 2, 0);
    e.schedule(10, EventClass.Fault, 9, K, 3, 0);
    e.schedule(10, EventClass.Agent, 1, K, 4, 1);
    e.schedule(5, EventClass.Metrics, 0, K, 5, 0);
    e.runUntil(100);
    expect(got).toEqual(['5/0', '3/0', '2/0', '4/1', '1/0']);
  });

  it('runUntil processes ticks <= endMs, advances the clock to endMs and honours the stop condition', () => {
    const e = new Engine({ seed: 1n });
    const ticks: number[] = [];
    const K = e.defineKind('k', () => { ticks.push(e.nowMs()); });
    for (const t of [1, 5, 5, 10, 11]) e.schedule(t, 0, 0, K, 0);
    expect(e.runUntil(10)).toEqual({ reason: 'end', events: 4, nowMs: 10 });
    expect(ticks).toEqual([1, 5, 5, 10]);
    e.schedule(10, 0, 0, K, 0); // scheduling at now is allowed
    expect(() => e.schedule(9, 0, 0, K, 0)).toThrow(InvariantError);
    expect(() => e.schedule(12.5, 0, 0, K, 0)).toThrow(InvariantError);
    expect(() => e.schedule(12, 0, 0, 99, 0)).toThrow(/unknown event kind/);
    expect(() => e.schedule(12, 64, 0, K, 0)).toThrow(/class/);
    expect(() => e.schedule(12, 0, 2 ** 24, K, 0)).toThrow(/sourceId/);
    expect(e.runUntil(100, () => true)).toEqual({ reason: 'stop', events: 1, nowMs: 10 });
    expect(e.runUntil(100)).toEqual({ reason: 'empty', events: 1, nowMs: 100 });
    expect(ticks).toEqual([1, 5, 5, 10, 10, 11]);
    expect(() => e.runUntil(50)).toThrow(InvariantError);
  });

  it('delivers object payloads and exposes the current class/source/seq', () => {
    const e = new Engine({ seed: 1n });
    const got: unknown[] = [];
    const K = e.defineKind('k', (_a, p, obj) => got.push([p, obj, e.currentClass, e.currentSourceId, e.currentSeq]));
    e.schedule(3, 2, 7, K, 0, 1.5, { hello: 'x' });
    e.schedule(3, 2, 7, K, 0, 2.5);
    e.runUntil(3);
    expect(got).toEqual([[1.5, { hello: 'x' }, 2, 7, 0], [2.5, undefined, 2, 7, 1]]);
  });

  it('fails a zero-delay livelock with a clear error', () => {
    const e = new Engine({ seed: 1n, maxEventsPerTick: 1000 });
    const K: number = e.defineKind('loop', () => e.schedule(e.nowMs(), 0, 0, K, 0));
    e.schedule(0, 0, 0, K, 0);
    expect(() => e.runUntil(10)).toThrow(/more than 1000 events at tick 0/);
  });

  it('a full queue throws QueueFullError', () => {
    const e = new Engine({ seed: 1n, queueCapacity: 8, initialQueueCapacity: 2 });
    const K = e.defineKind('k', () => {});
    for (let i = 0; i < 8; i++) e.schedule(i, 0, 0, K, 0);
    expect(() => e.schedule(9, 0, 0, K, 0)).toThrow(QueueFullError);
  });

  it('runs block hooks in registration order; unsubscribe removes one', () => {
    const e = new Engine({ seed: 1n });
    const calls: string[] = [];
    e.onBlock((b) => calls.push(`a${b}`));
    const off = e.onBlock((b) => calls.push(`b${b}`));
    e.notifyBlock(1); off(); e.notifyBlock(2);
    expect(calls).toEqual(['a1', 'b1', 'a2']);
  });

  it('step() dispatches exactly one event; scheduleIn is relative to now', () => {
    const e = new Engine({ seed: 1n });
    const seen: number[] = [];
    const K = e.defineKind('k', (actor) => seen.push(actor));
    e.scheduleIn(4, 0, 0, K, 1); e.scheduleIn(4, 0, 0, K, 2);
    expect(e.step()).toBe(true);
    expect([seen, e.nowMs()]).toEqual([[1], 4]);
    e.scheduleIn(3, 0, 0, K, 3);
    expect(e.step() && e.step()).toBe(true);
    expect([seen, e.nowMs()]).toEqual([[1, 2, 3], 7]);
    expect(e.step()).toBe(false);
  });

  it('restoreSnapshot rejects corrupt snapshots with an error (never a half-valid engine run)', () => {
    const m = createHoldModel(4n, { agents: 20, meanDelayMs: 100 });
    m.engine.runUntil(1_000);
    const good = JSON.parse(JSON.stringify(m.engine.snapshot(), jsonReplacer), jsonReviver) as EngineSnapshot;
    const fresh = () => createHoldModel(4n, { agents: 20, meanDelayMs: 100 }).engine;
    const corrupt: Array<(s: EngineSnapshot) => unknown> = [
      (s) => ({ ...s, version: 2 }),
      (s) => ({ ...s, nowMs: -1 }),
      (s) => ({ ...s, queue: { ...s.queue, key1: s.queue.key1.slice(1) } }),
      (s) => ({ ...s, queue: { ...s.queue, key1: [...s.queue.key1].reverse() } }),
      (s) => ({ ...s, seqs: [[1.5]] }),
      (s) => ({ ...s, trace: { ...s.trace, acc: 'zz' } }),
      (s) => ({ ...s, rng: { ...s.rng, streams: [['hold.agent', 0, { x: 0, y: 0, z: 0, w: 0 }]] } }),
    ];
    for (const f of corrupt) expect(() => fresh().restoreSnapshot(f(good) as EngineSnapshot)).toThrow();
    const ok = fresh(); ok.restoreSnapshot(good); ok.runUntil(2_000); m.engine.runUntil(2_000);
    expect(ok.traceHash()).toBe(m.engine.traceHash());
  });

  it('restoreSnapshot refuses an engine with different kinds', () => {
    const a = new Engine({ seed: 1n }); a.defineKind('x', () => {});
    const b = new Engine({ seed: 1n }); b.defineKind('y', () => {});
    expect(() => b.restoreSnapshot(a.snapshot())).toThrow(/kinds differ/);
  });

  it('a trace log of a perturbed run pinpoints the first divergent event', () => {
    const run = (perturb: boolean) => {
      const m = createHoldModel(3n, { agents: 100, meanDelayMs: 200, engine: { traceLog: { checkpointEvery: 64 } } });
      if (perturb) m.engine.runUntil(2_000), m.addAgent();
      m.engine.runUntil(10_000);
      return m.engine.trace.log!;
    };
    const a = run(false), b = run(true);
    const d = compareTraceLogs(a, b);
    expect(d.kind).toBe('event');
    if (d.kind === 'event') {
      expect(d.b!.actor).toBe(100); // the added agent's first wake-up is the first difference
      expect(d.a!.tick).toBeGreaterThan(2_000);
    }
    expect(a).toBeInstanceOf(TraceLog);
  });
});
