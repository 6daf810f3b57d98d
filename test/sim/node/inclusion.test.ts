// Blocks carry extrinsics from the mempool by fee priority: the canonical chain includes every pool entry once,
// in priority order across blocks when the length budget binds, and finalized entries leave the pool.
import { describe, expect, it } from 'vitest';
import { fromScenario, withDefaults } from '../../../protocol/pallets/consensus/index.js';
import { Mempool, linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults, type SimBlock } from '../../../sim/node/index.js';

describe('extrinsic inclusion', () => {
  for (const fidelity of ['message', 'aggregated'] as const) {
    it(`${fidelity}: every entry included exactly once on the canonical chain, highest priority first`, () => {
      const n = 5; const slotMs = 12_000;
      // 1000-byte budget per block, 30 entries of 100 bytes: 10 per block, so 3 blocks carry them.
      const cfg = fromScenario(withDefaults({ fidelity, maxBlockLengthBytes: 1000 }), n, slotMs);
      const pool = new Mempool<string>(100);
      const prio = new Map<number, bigint>();
      for (let i = 0; i < 30; i++) { const p = BigInt((i * 7919) % 31); prio.set(pool.submit(`x${i}`, p, 100), p); }
      const canonical: SimBlock[] = [];
      const out = simulateConsensus({
        cfg, faults: validateFaults({ healAtSlot: 0, finalityResumeWithinSlots: 10, events: [] }, n, slotMs),
        link: linkFromScenario(networkWithDefaults()), seed: 4n, slots: 20, mempool: pool as Mempool<unknown>,
        hooks: { onCanonicalBlock: (b) => canonical.push(b) },
      });
      expect(out.stats.violations).toEqual([]);
      const included = canonical.flatMap((b) => b.xtIds);
      expect([...included].sort((a, b) => a - b)).toEqual([...prio.keys()].sort((a, b) => a - b));
      expect(pool.size).toBe(0);
      const withXts = canonical.filter((b) => b.xtIds.length > 0);
      expect(withXts.map((b) => b.xtIds.length)).toEqual([10, 10, 10]);
      // every entry of an earlier block has priority >= every entry of a later one
      for (let i = 1; i < withXts.length; i++) {
        const minPrev = Math.min(...withXts[i - 1]!.xtIds.map((x) => Number(prio.get(x))));
        const maxNext = Math.max(...withXts[i]!.xtIds.map((x) => Number(prio.get(x))));
        expect(minPrev).toBeGreaterThanOrEqual(maxNext);
      }
    });
  }
});
