// `bai-lab check`: N seeded consensus fault simulations with every oracle (no conflicting finality, equal state
// commitments at finalized heights, finality resumes within the stated bound after heal). Fault schedules and
// protocol/network knobs are DATA drawn per seed from fast-check arbitraries, so a failing case shrinks to a minimal
// schedule (fc.check with the same seed regenerates the same first case, then shrinks it). Every failure prints the
// exact command that replays it, and the minimal case as a self-contained `--case '<json>'` command.
import fc from 'fast-check';
import { fromScenario, withDefaults, type ConsensusSection } from '../../protocol/pallets/consensus/index.js';
import {
  linkFromScenario, networkWithDefaults, simulateConsensus, validateFaults,
  type FaultEvent, type FaultsSection, type NetworkSection, type Violation,
} from '../node/index.js';
import { BadInputError } from './errors.js';

export interface CheckCase {
  readonly seed: number;
  readonly validators: number;
  readonly slotMs: number;
  readonly slots: number;
  readonly consensus: ConsensusSection;
  readonly network: NetworkSection;
  readonly faults: FaultsSection;
}

/** What a scenario (or the built-in default) fixes; per-seed draws vary knobs and faults around it. */
export interface CheckBase {
  readonly validators?: number;        // fixed set size; undefined: drawn in [4, 13]
  readonly slotMs: number;
  readonly consensus: ConsensusSection;
  readonly network?: NetworkSection;   // fixed network; undefined: knobs drawn per seed
  readonly faults?: FaultsSection;     // fixed schedule (a scenario's); undefined: drawn when --faults
  readonly withFaults: boolean;
  readonly livenessBoundSlots: number;
}

export const DEFAULT_CHECK_BASE: CheckBase = {
  slotMs: 12_000, consensus: withDefaults({ fidelity: 'message' }), withFaults: false, livenessBoundSlots: 30,
};

const KINDS = ['partition', 'crash', 'loss', 'latency', 'clockSkew', 'withholdVotes'] as const;

/** One fault, placed by per-mille positions inside the fault phase (shrinks toward short, early, mild faults). */
function eventArb(n: number, heal: number): fc.Arbitrary<FaultEvent> {
  return fc.record({
    kind: fc.constantFrom(...KINDS),
    fromPm: fc.integer({ min: 0, max: 999 }),
    lenPm: fc.integer({ min: 1, max: 1000 }),
    node: fc.integer({ min: 0, max: n - 1 }),
    fraction: fc.integer({ min: 1, max: 99 }),
    rate: fc.integer({ min: 0, max: 60 }),
    extraMs: fc.integer({ min: 0, max: 8000 }),
    skewMs: fc.integer({ min: -15_000, max: 15_000 }),
  }).map((r): FaultEvent => {
    const fromSlot = Math.min(heal - 1, Math.floor((r.fromPm * heal) / 1000));
    const toSlot = Math.max(fromSlot + 1, Math.min(heal, fromSlot + Math.ceil((r.lenPm * heal) / 1000)));
    const at = { fromSlot, toSlot };
    switch (r.kind) {
      case 'partition': return { kind: 'partition', ...at, fraction: r.fraction / 100 };
      case 'crash': return { kind: 'crash', ...at, node: r.node };
      case 'loss': return { kind: 'loss', ...at, rate: r.rate / 100 };
      case 'latency': return { kind: 'latency', ...at, extraMs: r.extraMs };
      case 'clockSkew': return { kind: 'clockSkew', ...at, node: r.node, skewMs: r.skewMs };
      case 'withholdVotes': return { kind: 'withholdVotes', ...at, fraction: r.fraction / 100 };
    }
  });
}

/** The arbitrary of check cases for one seed (the seed is carried in the case, never shrunk). */
export function checkCaseArbitrary(seed: number, base: CheckBase): fc.Arbitrary<CheckCase> {
  const nArb = base.validators !== undefined ? fc.constant(base.validators) : fc.integer({ min: 4, max: 13 });
  const netArb: fc.Arbitrary<NetworkSection> = base.network !== undefined ? fc.constant(base.network) : fc.record({
    latencyMedianMs: fc.integer({ min: 5, max: 600 }),
    latencySigma: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
    loss: fc.integer({ min: 0, max: 5 }).map((x) => x / 100),
    duplicate: fc.integer({ min: 0, max: 5 }).map((x) => x / 100),
    reorder: fc.integer({ min: 0, max: 10 }).map((x) => x / 100),
    spikeProbability: fc.integer({ min: 0, max: 5 }).map((x) => x / 100),
    spikeMedianMs: fc.integer({ min: 100, max: 3000 }),
  });
  return nArb.chain((n) => fc.record({
    network: netArb,
    gossipDurationMs: fc.integer({ min: 200, max: 2000 }),
    proposalTimeMs: fc.integer({ min: 0, max: Math.floor(base.slotMs / 2) }),
    byzantine: fc.integer({ min: 0, max: Math.floor((n - 1) / 3) }),
    heal: fc.integer({ min: 40, max: 120 }),
  }).chain((k) => {
    const heal = base.faults?.healAtSlot ?? k.heal;
    const evArb: fc.Arbitrary<FaultEvent[]> = base.faults !== undefined ? fc.constant<FaultEvent[]>([...base.faults.events])
      : base.withFaults ? fc.array(eventArb(n, heal), { maxLength: 6 }) : fc.constant<FaultEvent[]>([]);
    return evArb.map((events): CheckCase => {
      const resume = base.faults?.finalityResumeWithinSlots ?? base.livenessBoundSlots;
      const useHeal = base.faults !== undefined || base.withFaults ? heal : 0;
      const c = base.consensus;
      return {
        seed, validators: n, slotMs: base.slotMs, slots: Math.max(useHeal, 40) + resume + 10,
        consensus: {
          ...c, proposalTimeMs: k.proposalTimeMs,
          grandpa: { ...c.grandpa, gossipDurationMs: k.gossipDurationMs },
          byzantine: { ...c.byzantine, count: c.byzantine.count > 0 ? Math.min(c.byzantine.count, n) : k.byzantine },
        },
        network: k.network,
        faults: { healAtSlot: useHeal, finalityResumeWithinSlots: resume, events },
      };
    });
  }));
}

/** Run one case; returns the oracle violations (empty = pass). ConfigError for a malformed case. */
export function runCase(c: CheckCase): Violation[] {
  const cfg = fromScenario(c.consensus, c.validators, c.slotMs);
  const faults = validateFaults(c.faults, c.validators, c.slotMs);
  const out = simulateConsensus({ cfg, faults, link: linkFromScenario(c.network), seed: BigInt(c.seed), slots: c.slots });
  return [...out.stats.violations];
}

export interface CheckFailure {
  readonly seed: number;
  readonly violations: readonly Violation[];
  readonly replay: string;
  readonly minimal?: { readonly case: CheckCase; readonly shrinks: number; readonly replay: string };
}

export interface CheckReport { readonly runs: number; readonly failures: readonly CheckFailure[] }

export interface CheckOptions {
  readonly seeds: number;
  readonly firstSeed: number;
  readonly base: CheckBase;
  /** The flags that reproduce this base (e.g. "--faults --scenario x.yaml"), for replay commands. */
  readonly replayFlags: string;
  readonly shrink: boolean;
  readonly onRun?: (seed: number, ok: boolean) => void;
}

export const SEED_MAX_CHECK = 2 ** 31 - 1;

export function caseCommand(c: CheckCase): string {
  return `bai-lab check --case '${JSON.stringify(c)}'`;
}

export function runCheck(o: CheckOptions): CheckReport {
  if (!Number.isSafeInteger(o.seeds) || o.seeds < 1) throw new BadInputError(`--seeds: expected a positive integer, got ${o.seeds}`);
  if (!Number.isSafeInteger(o.firstSeed) || o.firstSeed < 0 || o.firstSeed + o.seeds - 1 > SEED_MAX_CHECK) {
    throw new BadInputError(`--first-seed: expected an integer in [0, ${SEED_MAX_CHECK - o.seeds + 1}], got ${o.firstSeed}`);
  }
  const failures: CheckFailure[] = [];
  for (let seed = o.firstSeed; seed < o.firstSeed + o.seeds; seed++) {
    const arb = checkCaseArbitrary(seed, o.base);
    const c = fc.sample(arb, { seed, numRuns: 1 })[0]!;
    const violations = runCase(c);
    o.onRun?.(seed, violations.length === 0);
    if (violations.length === 0) continue;
    const replay = `bai-lab check --seeds 1 --first-seed ${seed}${o.replayFlags ? ` ${o.replayFlags}` : ''}`;
    let minimal: CheckFailure['minimal'];
    if (o.shrink) {
      // Same seed => fast-check regenerates this case first, sees it fail, and shrinks it.
      const r = fc.check(fc.property(arb, (x) => runCase(x).length === 0), { seed, numRuns: 1 });
      if (r.failed && r.counterexample !== null) {
        const m = r.counterexample[0];
        minimal = { case: m, shrinks: r.numShrinks, replay: caseCommand(m) };
      }
    }
    failures.push({ seed, violations, replay, ...(minimal ? { minimal } : {}) });
  }
  return { runs: o.seeds, failures };
}

/** Human-readable failure report. */
export function formatFailure(f: CheckFailure): string {
  const lines = [`FAIL seed ${f.seed}: ${f.violations.length} violation(s)`];
  for (const v of f.violations.slice(0, 5)) lines.push(`  ${v.kind} at ${v.atMs} ms: ${v.detail}`);
  if (f.violations.length > 5) lines.push(`  ... ${f.violations.length - 5} more`);
  lines.push(`  replay: ${f.replay}`);
  if (f.minimal) {
    lines.push(`  minimal fault schedule after ${f.minimal.shrinks} shrinks: ${JSON.stringify(f.minimal.case.faults)}`);
    lines.push(`  replay minimal: ${f.minimal.replay}`);
  }
  return lines.join('\n');
}

/** Parse a `--case` JSON argument; structural problems are bad input (exit 2). */
export function parseCase(text: string): CheckCase {
  let v: unknown;
  try { v = JSON.parse(text); } catch { throw new BadInputError('--case: not valid JSON'); }
  const c = v as Partial<CheckCase>;
  const intOk = (x: unknown, min: number) => typeof x === 'number' && Number.isSafeInteger(x) && x >= min;
  if (typeof v !== 'object' || v === null) throw new BadInputError('--case: expected a JSON object');
  if (!intOk(c.seed, 0)) throw new BadInputError('--case.seed: expected a non-negative integer');
  if (!intOk(c.validators, 1)) throw new BadInputError('--case.validators: expected a positive integer');
  if (!intOk(c.slotMs, 1)) throw new BadInputError('--case.slotMs: expected a positive integer');
  if (!intOk(c.slots, 1) || (c.slots as number) > 1_000_000) throw new BadInputError('--case.slots: expected an integer in [1, 1000000]');
  if (typeof c.faults !== 'object' || c.faults === null) throw new BadInputError('--case.faults: expected an object');
  return {
    seed: c.seed as number, validators: c.validators as number, slotMs: c.slotMs as number, slots: c.slots as number,
    consensus: withDefaults((c.consensus ?? {}) as Partial<ConsensusSection>),
    network: networkWithDefaults((c.network ?? {}) as Partial<NetworkSection>),
    faults: c.faults as FaultsSection,
  };
}
