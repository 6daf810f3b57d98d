// staking.electionLookaheadBlocks: the next era's election uses the snapshot taken that many blocks before the planning
// block (as EPM phases do on chain), through whichever solver; a checkpoint in between loses nothing.
import { describe, expect, it } from 'vitest';
import { smallRuntime, runBlocks, stakers, BAI } from './helpers.js';
import { Runtime, runtimeConfigFromScenario } from '../../../protocol/runtime.js';
import { InlineSolver, solveElection, type ElectionInput, type ElectionSolver } from '../../../protocol/pallets/staking/index.js';
import { ConfigError } from '../../../protocol/primitives/config-error.js';

// eraBlocks 12, 3 sessions of 4 blocks: era e+1 is planned at the start of the era's last session, blocks 9, 21, 33...
const STAKING = { eraBlocks: 12, sessionsPerEra: 3, validatorCount: 3, historyDepth: 4 };

function world(lookahead: number, solver?: ElectionSolver): Runtime {
  const g = stakers(4, 10, 1000n * BAI, 2);
  // validator/0000 gets the most own stake, so it is elected whenever it is a candidate.
  const endowed = g.endowed.map((e) => (e.who === 'validator/0000' ? { ...e, amountPlanck: e.amountPlanck * 10n } : e));
  const st = g.stakers.map((s) => (s.stash === 'validator/0000' ? { ...s, bondPlanck: s.bondPlanck * 10n } : s));
  const config = runtimeConfigFromScenario({ staking: { ...STAKING, electionLookaheadBlocks: lookahead } } as never);
  return new Runtime(config, { endowed, stakers: st }, solver !== undefined ? { electionSolver: solver } : {});
}

/** Chills validator/0000 in block 19 (after a 3-block lookahead snapshot at block 18, before planning at block 21). */
function chillBeforePlanning(rt: Runtime): readonly string[] {
  runBlocks(rt, 19);
  rt.staking.chill('validator/0000');
  runBlocks(rt, 21);
  return rt.staking.erasElected(rt.staking.currentEra());
}

class CountingSolver implements ElectionSolver {
  readonly inner = new InlineSolver();
  submitted: ElectionInput[] = [];
  submit(input: ElectionInput): number { this.submitted.push(input); return this.inner.submit(input); }
  take(ticket: number) { return this.inner.take(ticket); }
}

describe('election lookahead', () => {
  it('a chill after the snapshot does not reach the next era; without lookahead it does', () => {
    expect(chillBeforePlanning(world(0))).not.toContain('validator/0000');
    expect(chillBeforePlanning(world(3))).toContain('validator/0000');
    // A snapshot taken at block 22 (lookahead 11 for the planning at block 33) sees the chill.
    const rt = world(11);
    chillBeforePlanning(rt);
    runBlocks(rt, 33);
    expect(rt.staking.erasElected(rt.staking.currentEra())).not.toContain('validator/0000');
  });

  it('submits each snapshot once, at planning block - lookahead, and the solution equals solving that snapshot', () => {
    const solver = new CountingSolver();
    const rt = world(3, solver);
    const atGenesis = solver.submitted.length; // genesis elects eras 0 (and 1 with one session per era) inline
    runBlocks(rt, 17);
    expect(solver.submitted.length).toBe(atGenesis + 1); // block 6 (for 9)
    runBlocks(rt, 18);
    expect(solver.submitted.length).toBe(atGenesis + 2); // block 18 (for 21)
    const input = solver.submitted.at(-1)!;
    runBlocks(rt, 21);
    const era = rt.staking.currentEra();
    const expected = solveElection(input).supports.map(([v]) => v);
    expect([...rt.staking.erasElected(era)]).toEqual(expected);
    expect(solver.submitted.length).toBe(atGenesis + 2);
  });

  it('a snapshot restored between the election snapshot and the planning block gives the same chain', () => {
    const rt = world(3);
    runBlocks(rt, 19, 12_000, false);
    const snap = rt.snapshot();
    runBlocks(rt, 45, 12_000, false);
    const root = Buffer.from(rt.stateRoot()).toString('hex');
    rt.restoreSnapshot(snap);
    runBlocks(rt, 45, 12_000, false);
    expect(Buffer.from(rt.stateRoot()).toString('hex')).toBe(root);
    // ...and equals a run with a different solver instance (a resumed process has none of the old tickets).
    const other = world(3, new InlineSolver());
    runBlocks(other, 45, 12_000, false);
    expect(Buffer.from(other.stateRoot()).toString('hex')).toBe(root);
    rt.checkInvariants();
  });

  it('rejects a lookahead of an era or more, naming the parameter', () => {
    expect(() => smallRuntime({ ...STAKING, electionLookaheadBlocks: 12 }, { endowed: [], stakers: [] })).toThrow(ConfigError);
    expect(() => smallRuntime({ ...STAKING, electionLookaheadBlocks: 12 }, { endowed: [], stakers: [] })).toThrow(/staking\.electionLookaheadBlocks/);
  });
});
