// Oracle tests with injected partitions and crashes (message-level nodes), and the proof that the oracles can fail:
// a deliberately broken protocol (GRANDPA threshold ceil(n/3)) is caught within a few seeds.
import { describe, expect, it } from 'vitest';
import { fromScenario, withDefaults, type Offence } from '../../../protocol/pallets/consensus/index.js';
import { linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults, type FaultEvent, type SimBlock } from '../../../sim/node/index.js';
import { SLOT_MS, run } from './helpers.js';

/** Run message-level and record when each canonical block was finalized. */
function runRecorded(n: number, slots: number, events: FaultEvent[], healAtSlot: number, seed = 1n) {
  const cfg = fromScenario(withDefaults({ fidelity: 'message' }), n, SLOT_MS);
  const faults = validateFaults({ healAtSlot, finalityResumeWithinSlots: 20, events }, n, SLOT_MS);
  const finalizedAt: Array<{ b: SimBlock; at: number }> = [];
  const out = simulateConsensus({ cfg, faults, link: linkFromScenario(networkWithDefaults()), seed, slots,
    hooks: { onCanonicalBlock: (b, at) => finalizedAt.push({ b, at }) } });
  const finalizedDuring = (fromSlot: number, toSlot: number) =>
    finalizedAt.filter((x) => x.at >= fromSlot * SLOT_MS && x.at < toSlot * SLOT_MS).length;
  return { out, finalizedDuring };
}

describe('safety and liveness oracles (message-level)', () => {
  it('partition of 3 of 7 (> 1/3): finality stalls, blocks continue, finality resumes after heal, no violation', () => {
    // t = 7 - floor(6/3) = 5; the majority side has 4 < 5 voters, the minority 3.
    const { out, finalizedDuring } = runRecorded(7, 160, [{ kind: 'partition', fraction: 0.42, fromSlot: 20, toSlot: 80 }], 80);
    expect(out.stats.violations).toEqual([]);
    expect(finalizedDuring(24, 80)).toBe(0);          // stalled (a round in flight at the cut may end just after it)
    expect(finalizedDuring(80, 100)).toBeGreaterThan(0); // resumed within the stated bound (20 slots)
    expect(out.stats.slotsMissed).toBe(0); // production continued on both sides: every slot's secondary is online somewhere
  });
  it('partition of 2 of 10 (< 1/3): the majority keeps finalizing', () => {
    // t = 10 - 3 = 7 <= 8 on the majority side.
    const { out, finalizedDuring } = runRecorded(10, 120, [{ kind: 'partition', fraction: 0.2, fromSlot: 20, toSlot: 80 }], 80);
    expect(out.stats.violations).toEqual([]);
    expect(finalizedDuring(30, 80)).toBeGreaterThan(30);
  });
  it('crash of 2 of 7 keeps finality; crash of 3 of 7 stalls it until restart', () => {
    const two = runRecorded(7, 120, [1, 2].map((node) => ({ kind: 'crash' as const, node, fromSlot: 20, toSlot: 80 })), 80);
    expect(two.out.stats.violations).toEqual([]);
    expect(two.finalizedDuring(30, 80)).toBeGreaterThan(30);
    const three = runRecorded(7, 140, [1, 2, 3].map((node) => ({ kind: 'crash' as const, node, fromSlot: 20, toSlot: 80 })), 80);
    expect(three.out.stats.violations).toEqual([]);
    expect(three.finalizedDuring(24, 80)).toBe(0);
    expect(three.finalizedDuring(80, 100)).toBeGreaterThan(0);
  });
  it('the liveness oracle fails when the stated bound is impossible (1 slot: a block needs 2 descendants first)', () => {
    const out = run({ n: 7, slots: 120, seed: 1n, fidelity: 'message', healAtSlot: 60, resumeWithin: 1,
      events: [{ kind: 'partition', fraction: 0.42, fromSlot: 10, toSlot: 60 }] });
    expect(out.stats.violations.map((v) => v.kind)).toContain('livenessTimeout');
  });
  it('is deterministic per seed', () => {
    const a = run({ n: 7, slots: 80, seed: 5n, fidelity: 'message' });
    const b = run({ n: 7, slots: 80, seed: 5n, fidelity: 'message' });
    const c = run({ n: 7, slots: 80, seed: 6n, fidelity: 'message' });
    expect(b.stats).toEqual(a.stats);
    expect(c.stats.blocksPerValidator).not.toEqual(a.stats.blocksPerValidator);
  });
});

describe('the oracles catch a broken protocol', () => {
  for (const fidelity of ['message', 'aggregated'] as const) {
    it(`GRANDPA threshold ceil(n/3) under a half/half partition: conflicting finality within 3 seeds (${fidelity})`, () => {
      let caughtAt = -1;
      for (let seed = 1; seed <= 3 && caughtAt < 0; seed++) {
        const out = run({ n: 8, slots: 80, seed: BigInt(seed), fidelity, healAtSlot: 50,
          consensus: { testOnlyBrokenVariant: 'lowThreshold' }, events: [{ kind: 'partition', fraction: 0.5, fromSlot: 10, toSlot: 50 }] });
        if (out.stats.violations.some((v) => v.kind === 'conflictingFinality')) caughtAt = seed;
      }
      expect(caughtAt).toBeGreaterThan(0);
    });
    it(`the correct protocol passes the same schedule (${fidelity})`, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const out = run({ n: 8, slots: 80, seed: BigInt(seed), fidelity, healAtSlot: 50, events: [{ kind: 'partition', fraction: 0.5, fromSlot: 10, toSlot: 50 }] });
        expect(out.stats.violations).toEqual([]);
      }
    });
  }
});

describe('byzantine equivocation', () => {
  it('double blocks and double votes are detected and reported with min((3k/n)^2, 1)', () => {
    const n = 7;
    const cfg = fromScenario(withDefaults({ fidelity: 'message', byzantine: { count: 1, babeEquivocationRate: 1, grandpaEquivocationRate: 1 } }), n, SLOT_MS);
    const faults = validateFaults({ healAtSlot: 0, finalityResumeWithinSlots: 10, events: [] }, n, SLOT_MS);
    const offences: Array<{ o: Offence; fraction: bigint; k: number }> = [];
    const out = simulateConsensus({ cfg, faults, link: linkFromScenario(networkWithDefaults()), seed: 2n, slots: 100,
      hooks: { onOffence: (o, fraction, k) => offences.push({ o, fraction, k }) } });
    expect(out.stats.violations).toEqual([]);
    const kinds = new Set(offences.map((x) => x.o.kind));
    expect(kinds).toEqual(new Set(['babeEquivocation', 'grandpaEquivocation']));
    expect(offences.every((x) => x.o.offender === n - 1 && x.k === 1)).toBe(true);
    // (3 * 1 / 7)^2: from_rational floors 3/7 to 428571428 parts, squared and rounded to nearest: 183673469
    expect(offences.every((x) => x.fraction === 183_673_469n)).toBe(true);
    expect(out.stats.equivocationsSlashed).toBe(offences.length);
    // validator 6 authors about 1/7 of ~1.3 blocks per slot; every authored slot is an equivocation
    const babe = offences.filter((x) => x.o.kind === 'babeEquivocation').length;
    expect(babe).toBeGreaterThan(5);
    expect(babe).toBeLessThan(45);
  });
});

describe('state commitment oracle', () => {
  it('flags a node whose own commitment differs at a finalized height, and a conflicting block', async () => {
    const { ConsensusObserver } = await import('../../../sim/node/observer.js');
    const g = { header: { id: 0, parent: -1, number: 0, slot: 0, author: 0, primary: false, weight: 0, commitment: 0 }, xtIds: [], producedAtMs: 0 };
    const b1 = { header: { ...g.header, id: 1, parent: 0, number: 1, slot: 1, commitment: 11 }, xtIds: [], producedAtMs: 12_000 };
    const b1x = { header: { ...b1.header, id: 2 }, xtIds: [], producedAtMs: 12_000 };
    const o = new ConsensusObserver(4, {}, g);
    o.onHonestFinalized(0, [b1], [11], 20_000, 3);
    o.onHonestFinalized(1, [b1], [11], 20_100, 3);
    expect(o.violations).toEqual([]);
    o.onHonestFinalized(2, [b1], [12], 20_200, 3);
    expect(o.violations.map((v) => v.kind)).toEqual(['stateCommitmentMismatch']);
    o.onHonestFinalized(3, [b1x], [11], 20_300, 3);
    expect(o.violations.map((v) => v.kind)).toEqual(['stateCommitmentMismatch', 'conflictingFinality']);
  });
});
