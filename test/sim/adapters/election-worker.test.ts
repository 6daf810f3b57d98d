// The worker-thread election solver returns exactly what the inline solver computes (solveElection), through shape
// changes and weight-only updates, and a chain using it ends with the same state root.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkerSolver } from '../../../sim/adapters/election/worker-solver.js';
import { solveElection, InlineSolver, type ElectionInput } from '../../../protocol/pallets/staking/index.js';
import { Runtime, runtimeConfigFromScenario } from '../../../protocol/runtime.js';
import { stakers, BAI, runBlocks } from '../../protocol/staking/helpers.js';

const solver = new WorkerSolver(60_000);
afterAll(() => solver.close());

const inputArb = fc.record({
  candidates: fc.integer({ min: 1, max: 8 }),
  seats: fc.integer({ min: 1, max: 6 }),
  reduce: fc.boolean(),
  voters: fc.array(fc.record({ weight: fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 1n << 70n })),
    targets: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }) }), { maxLength: 20 }),
});

function input(e: { candidates: number; seats: number; reduce: boolean; voters: Array<{ weight: bigint; targets: number[] }> }): ElectionInput {
  return {
    algorithm: 'phragmen', toElect: e.seats, balancing: null, reduce: e.reduce,
    candidates: Array.from({ length: e.candidates }, (_, i) => `c${i}`),
    voters: e.voters.map((v, i) => ({ who: `v${String(i).padStart(3, '0')}`, weight: v.weight, targets: v.targets.map((t) => `c${t}`) })),
  };
}

describe('WorkerSolver', () => {
  it('equals solveElection on random snapshots, including weight-only updates of the same shape', () => {
    fc.assert(fc.property(inputArb, fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 20 }), (e, reweights) => {
      const a = input(e);
      const b: ElectionInput = { ...a, voters: a.voters.map((v, i) => ({ ...v, weight: reweights[i] ?? v.weight })) };
      const ta = solver.submit(a), tb = solver.submit(b); // b reuses a's shape in the worker
      expect(solver.take(tb)).toEqual(solveElection(b));
      expect(solver.take(ta)).toEqual(solveElection(a));
    }), { numRuns: 60 });
  });

  it('a chain electing through the worker with a lookahead ends with the same state root as inline', () => {
    const g = stakers(6, 30, 1000n * BAI, 3);
    const config = runtimeConfigFromScenario({ staking: { eraBlocks: 12, sessionsPerEra: 3, validatorCount: 4, electionLookaheadBlocks: 5 } } as never);
    const viaWorker = new Runtime(config, g, { electionSolver: solver });
    const inline = new Runtime(config, g, { electionSolver: new InlineSolver() });
    runBlocks(viaWorker, 80, 12_000, false);
    runBlocks(inline, 80, 12_000, false);
    expect(Buffer.from(viaWorker.stateRoot()).toString('hex')).toBe(Buffer.from(inline.stateRoot()).toString('hex'));
    expect(viaWorker.staking.stats().elections).toBeGreaterThan(5);
  });

  it('a worker whose task fails to load fails the take at once, naming the cause (not after the timeout)', () => {
    const broken = new WorkerSolver(60_000, './no-such-task.ts');
    try {
      const t = broken.submit(input({ candidates: 2, seats: 1, reduce: false, voters: [{ weight: 5n, targets: [0] }] }));
      // Without the start report the take would time out with "no solution for ticket", not this message.
      expect(() => broken.take(t)).toThrow(/failed to start: .*no-such-task/);
    } finally { broken.close(); }
  });

  it('fails loudly on an unknown ticket', () => {
    expect(() => solver.take(10_000)).toThrow(/unknown ticket/);
  });
});
