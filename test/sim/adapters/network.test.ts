import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine, type EngineSnapshot } from '../../../sim/engine/index.js';
import { SimNetwork, type LinkConfig } from '../../../sim/adapters/sim/index.js';
import { jsonReplacer, jsonReviver } from '../../../protocol/primitives/storage.js';

const perfect: LinkConfig = { latency: { kind: 'constant', ms: 10 }, spike: null, loss: 0, duplicate: 0, reorder: 0 };

/** A network of n nodes whose receivers log "from->to:msg@tick". */
function setup(n: number, link: LinkConfig = perfect, seed = 1n) {
  const engine = new Engine({ seed });
  const net = new SimNetwork<string>(engine, n, link);
  const got: string[] = [];
  for (let i = 0; i < n; i++) net.onReceive(i, (from, msg) => got.push(`${from}->${i}:${msg}@${engine.nowMs()}`));
  return { engine, net, got };
}
/** Every node sends one message to every other node; returns the set of links that delivered. */
function allPairs(s: ReturnType<typeof setup>, tag: string): Set<string> {
  s.got.length = 0;
  for (let a = 0; a < s.net.nodeCount; a++) for (let b = 0; b < s.net.nodeCount; b++) if (a !== b) s.net.send(a, b, tag);
  s.engine.runUntil(s.engine.nowMs() + 1000);
  return new Set(s.got.map((g) => g.split(':')[0]!));
}
const links = (n: number, keep: (a: number, b: number) => boolean) => {
  const out = new Set<string>();
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b && keep(a, b)) out.add(`${a}->${b}`);
  return out;
};

describe('SimNetwork', () => {
  it('delivers after the link latency', () => {
    const s = setup(3);
    s.net.send(0, 2, 'hi');
    s.engine.runUntil(9);
    expect(s.got).toEqual([]);
    s.engine.runUntil(10);
    expect(s.got).toEqual(['0->2:hi@10']);
  });

  it('symmetric partition: exactly the links between groups drop; heal restores all', () => {
    const s = setup(5);
    s.net.partition([[0, 1], [2, 3]]); // node 4 unlisted: its own group
    const g = (x: number) => (x <= 1 ? 0 : x <= 3 ? 1 : 2);
    expect(allPairs(s, 'p')).toEqual(links(5, (a, b) => g(a) === g(b)));
    expect(s.net.stats.droppedPartition).toBe(20 - 4);
    s.net.heal();
    expect(allPairs(s, 'h')).toEqual(links(5, () => true));
  });

  it('property: for any groups and extra one-way cuts, exactly the links between groups or cut drop', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 6 }).chain((n) => fc.record({
        n: fc.constant(n),
        group: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }), // -1: unlisted
        cuts: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 4 }),
      })),
      ({ n, group, cuts }) => {
        const s = setup(n);
        const groups = [0, 1, 2].map((g) => group.flatMap((x, i) => (x === g ? [i] : [])));
        s.net.partition(groups);
        for (const [a, b] of cuts) if (a !== b) s.net.cut(a, b);
        const cut = new Set(cuts.map(([a, b]) => `${a}->${b}`));
        // model: unlisted nodes (-1) form one extra group
        expect(allPairs(s, 'x')).toEqual(links(n, (a, b) => group[a] === group[b] && !cut.has(`${a}->${b}`)));
        s.net.heal();
        expect(allPairs(s, 'y')).toEqual(links(n, () => true));
      }), { numRuns: 100 });
  });

  it('asymmetric cut drops one direction only; healLink restores it', () => {
    const s = setup(3);
    s.net.cut(0, 1);
    expect(allPairs(s, 'a')).toEqual(links(3, (a, b) => !(a === 0 && b === 1)));
    s.net.healLink(0, 1);
    expect(allPairs(s, 'b')).toEqual(links(3, () => true));
    s.net.isolate(2);
    expect(allPairs(s, 'c')).toEqual(new Set(['0->1', '1->0']));
  });

  it('a link cut while a message is in flight loses that message', () => {
    const s = setup(2);
    s.net.send(0, 1, 'x');
    s.engine.runUntil(5);
    s.net.cut(0, 1);
    s.engine.runUntil(100);
    expect(s.got).toEqual([]);
    expect(s.net.stats.droppedPartition).toBe(1);
  });

  it('crash: a crashed node neither sends nor receives; in-flight messages to it are lost even across a restart', () => {
    const s = setup(3);
    s.net.send(0, 1, 'inflight');
    s.engine.runUntil(5);
    s.net.crash(1);
    s.net.send(1, 2, 'from-crashed');
    s.net.send(2, 1, 'to-crashed');
    s.engine.runUntil(7);
    s.net.restart(1); // restarted before 'inflight' would have arrived at 10
    s.engine.runUntil(100);
    expect(s.got).toEqual([]);
    expect(s.net.stats.droppedCrashed).toBe(3);
    s.net.send(2, 1, 'after');
    s.net.send(1, 0, 'back');
    s.engine.runUntil(200);
    // same tick: ordered by source (the sender), not by send order
    expect(s.got).toEqual(['1->0:back@110', '2->1:after@110']);
  });

  it('messages on the wire from a node that then crashes are still delivered', () => {
    const s = setup(2);
    s.net.send(0, 1, 'm');
    s.net.crash(0);
    s.engine.runUntil(50);
    expect(s.got).toEqual(['0->1:m@10']);
  });

  it('loss and duplication happen at their configured rates (fixed seed, 20k sends)', () => {
    const s = setup(2, { ...perfect, loss: 0.2, duplicate: 0.1 });
    for (let i = 0; i < 20_000; i++) s.net.send(0, 1, 'm');
    s.engine.runUntil(1000);
    const { droppedLoss, duplicated, delivered } = s.net.stats;
    expect(Math.abs(droppedLoss / 20_000 - 0.2)).toBeLessThan(6 * Math.sqrt(0.16 / 20_000));
    expect(Math.abs(duplicated / (20_000 - droppedLoss) - 0.1)).toBeLessThan(6 * Math.sqrt(0.09 / 16_000));
    expect(delivered).toBe(20_000 - droppedLoss + duplicated);
  });

  it('links are FIFO without reorder, and reorder > 0 lets later messages overtake', () => {
    const order = (reorder: number) => {
      const s = setup(2, { ...perfect, latency: { kind: 'uniform', minMs: 1, maxMs: 100 }, reorder });
      for (let i = 0; i < 200; i++) s.net.send(0, 1, String(i));
      s.engine.runUntil(10_000);
      return s.got.map((g) => Number(g.split(':')[1]!.split('@')[0]));
    };
    const fifo = order(0);
    expect(fifo).toEqual([...fifo].sort((a, b) => a - b));
    expect(fifo).toHaveLength(200);
    const shuffled = order(1);
    expect(shuffled).not.toEqual([...shuffled].sort((a, b) => a - b));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(fifo);
  });

  it('latency distributions: uniform bounds, lognormal median, spikes', () => {
    const delays = (link: LinkConfig) => {
      const s = setup(2, { ...link, reorder: 1 });
      for (let i = 0; i < 4001; i++) s.net.send(0, 1, 'm');
      s.engine.runUntil(1_000_000);
      return s.got.map((g) => Number(g.split('@')[1])).sort((a, b) => a - b);
    };
    const u = delays({ ...perfect, latency: { kind: 'uniform', minMs: 20, maxMs: 40 } });
    expect(u[0]).toBe(20); expect(u[u.length - 1]).toBe(40);
    const ln = delays({ ...perfect, latency: { kind: 'lognormal', medianMs: 100, sigma: 0.5 } });
    expect(Math.abs(ln[2000]! - 100)).toBeLessThanOrEqual(5);
    const sp = delays({ ...perfect, spike: { probability: 0.1, extra: { kind: 'constant', ms: 500 } } });
    const spiked = sp.filter((d) => d === 510).length;
    expect(sp.filter((d) => d !== 10 && d !== 510)).toEqual([]);
    expect(Math.abs(spiked / 4001 - 0.1)).toBeLessThan(6 * Math.sqrt(0.09 / 4001));
  });

  it('per-link overrides apply to one direction', () => {
    const s = setup(2);
    s.net.setLink(0, 1, { latency: { kind: 'constant', ms: 50 } });
    s.net.send(0, 1, 'a'); s.net.send(1, 0, 'b');
    s.engine.runUntil(100);
    expect(s.got).toEqual(['1->0:b@10', '0->1:a@50']);
    expect(() => s.net.setLink(0, 1, { loss: 2 })).toThrow(/loss must be a probability/);
  });

  it('same seed => same deliveries; different seed => different', () => {
    const run = (seed: bigint) => {
      const s = setup(4, { latency: { kind: 'lognormal', medianMs: 50, sigma: 1 }, spike: null, loss: 0.1, duplicate: 0.05, reorder: 0.5 }, seed);
      for (let i = 0; i < 300; i++) s.net.broadcast(i % 4, `m${i}`);
      s.engine.runUntil(100_000);
      return s.got.join(',');
    };
    expect(run(5n)).toBe(run(5n));
    expect(run(5n)).not.toBe(run(6n));
  });

  it('snapshot/restore of engine + network mid-run (in-flight messages, cuts, crashes) matches an uninterrupted run', () => {
    const lossy: LinkConfig = { latency: { kind: 'uniform', minMs: 5, maxMs: 80 }, spike: null, loss: 0.1, duplicate: 0.1, reorder: 0.3 };
    const build = () => {
      const s = setup(4, lossy, 21n);
      const K = s.engine.defineKind('tick', (actor) => {
        s.net.broadcast(actor, `t${s.engine.nowMs()}`);
        s.engine.schedule(s.engine.nowMs() + 20, 3, actor, K, actor);
      });
      for (let i = 0; i < 4; i++) s.engine.schedule(i, 3, i, K, i);
      return s;
    };
    const whole = build();
    whole.engine.runUntil(300); whole.net.cut(0, 1); whole.net.crash(3); whole.engine.runUntil(2000);
    const a = build();
    a.engine.runUntil(300); a.net.cut(0, 1); a.net.crash(3);
    const snap = JSON.stringify({ e: a.engine.snapshot(), n: a.net.snapshot() }, jsonReplacer);
    const b = build();
    const parsed = JSON.parse(snap, jsonReviver) as { e: EngineSnapshot; n: ReturnType<typeof a.net.snapshot> };
    b.engine.restoreSnapshot(parsed.e); b.net.restoreSnapshot(parsed.n);
    b.engine.runUntil(2000);
    expect(b.engine.traceHash()).toBe(whole.engine.traceHash());
    expect(b.net.stats).toEqual(whole.net.stats);
    expect(b.net.isCut(0, 1) && b.net.isCrashed(3)).toBe(true);
  });
});
