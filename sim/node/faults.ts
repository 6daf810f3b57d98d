// Fault schedules as data: a fault phase [0, healAtSlot) with scheduled faults, then a healed liveness phase in which
// finality must resume within `finalityResumeWithinSlots`. Plain data so fast-check can generate and shrink them
// (sim/node/fault-arbitrary.ts) and a failing schedule prints as a replayable `--set faults=...` value.
import { Type, type Static } from '@sinclair/typebox';
import { ConfigError } from '../../protocol/primitives/config-error.js';

const slotRange = {
  fromSlot: Type.Integer({ minimum: 0, description: 'First slot the fault is active.' }),
  toSlot: Type.Integer({ minimum: 0, description: 'First slot the fault is no longer active (cleared at heal at the latest).' }),
};

export const faultEvent = Type.Union([
  Type.Object({
    kind: Type.Literal('partition'), ...slotRange,
    fraction: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'Validators [0, ceil(fraction n)) are cut off from the rest.' }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('crash'), ...slotRange,
    node: Type.Integer({ minimum: 0, description: 'Validator index that crashes at fromSlot and restarts at toSlot (keeps its block database).' }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('loss'), ...slotRange,
    rate: Type.Number({ minimum: 0, maximum: 1, description: 'Extra probability that any message is dropped.' }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('latency'), ...slotRange,
    extraMs: Type.Integer({ minimum: 0, description: 'Extra one-way delay added to every message (a latency spike).' }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('clockSkew'), ...slotRange,
    node: Type.Integer({ minimum: 0 }),
    skewMs: Type.Integer({ description: 'Offset of this validator\'s clock (positive: runs ahead).' }),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('withholdVotes'), ...slotRange,
    fraction: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Validators [0, ceil(fraction n)) stop casting GRANDPA votes (a cartel).' }),
  }, { additionalProperties: false }),
]);
export type FaultEvent = Static<typeof faultEvent>;

export const faultsSection = Type.Object({
  healAtSlot: Type.Integer({
    minimum: 0, default: 0,
    description: 'End of the fault phase: every fault is cleared at this slot; the liveness phase follows. 0 = no faults.',
  }),
  finalityResumeWithinSlots: Type.Integer({
    minimum: 1, default: 100,
    description: 'Liveness oracle bound: after heal, every honest online node finalizes a block authored after heal within this many slots.',
  }),
  events: Type.Array(faultEvent, { default: [], maxItems: 10_000, description: 'Scheduled faults (consensus fault simulation).' }),
}, { default: {}, additionalProperties: false, description: 'Fault phase then healed liveness phase (SIMULATION.md rules 5-6).' });
export type FaultsSection = Static<typeof faultsSection>;

export interface FaultSchedule {
  readonly healAtSlot: number;
  readonly finalityResumeWithinSlots: number;
  readonly events: readonly FaultEvent[];
}

const KINDS = ['partition', 'crash', 'loss', 'latency', 'clockSkew', 'withholdVotes'];

/**
 * Validate a schedule against the validator set; throws ConfigError naming the event (exit 2 at scenario load).
 * The TypeBox schema checks shapes; this checks what depends on other sections and on ordering.
 */
export function validateFaults(f: FaultsSection, validatorCount: number, slotMs: number): FaultSchedule {
  const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  if (!int(f.healAtSlot) || f.healAtSlot < 0) throw new ConfigError('faults.healAtSlot', `must be a non-negative integer, got ${String(f.healAtSlot)}`, 'integer >= 0');
  if (!int(f.finalityResumeWithinSlots) || f.finalityResumeWithinSlots < 1) {
    throw new ConfigError('faults.finalityResumeWithinSlots', `must be a positive integer, got ${String(f.finalityResumeWithinSlots)}`, 'integer >= 1');
  }
  if (!Array.isArray(f.events)) throw new ConfigError('faults.events', 'must be a list of fault events', KINDS.join(' | '));
  const crashed = new Set<number>();
  f.events.forEach((e, i) => {
    const p = `faults.events[${i}]`;
    if (typeof e !== 'object' || e === null || !KINDS.includes((e as { kind?: string }).kind ?? '')) {
      throw new ConfigError(`${p}.kind`, `unknown fault kind ${JSON.stringify((e as { kind?: unknown })?.kind)}`, KINDS.join(' | '));
    }
    if (!int(e.fromSlot) || !int(e.toSlot) || e.fromSlot < 0 || e.toSlot <= e.fromSlot) {
      throw new ConfigError(p, `needs integer slots 0 <= fromSlot < toSlot, got ${e.fromSlot}..${e.toSlot}`, 'fromSlot < toSlot');
    }
    if (e.fromSlot >= f.healAtSlot) {
      throw new ConfigError(`${p}.fromSlot`, `fault starts at slot ${e.fromSlot}, after heal at ${f.healAtSlot}`, `< faults.healAtSlot`);
    }
    switch (e.kind) {
      case 'crash': case 'clockSkew':
        if (!int(e.node) || e.node < 0 || e.node >= validatorCount) {
          throw new ConfigError(`${p}.node`, `validator ${e.node} is outside the set of ${validatorCount}`, `0..${validatorCount - 1}`);
        }
        if (e.kind === 'crash') crashed.add(e.node);
        if (e.kind === 'clockSkew' && (!int(e.skewMs) || Math.abs(e.skewMs) >= 100 * slotMs)) {
          throw new ConfigError(`${p}.skewMs`, `must be an integer within +-100 slots, got ${e.skewMs}`, `|skewMs| < ${100 * slotMs}`);
        }
        break;
      case 'partition': case 'withholdVotes':
        if (!(e.fraction > 0 && e.fraction <= 1) || (e.kind === 'partition' && e.fraction >= 1)) {
          throw new ConfigError(`${p}.fraction`, `must be in (0, 1${e.kind === 'partition' ? ')' : ']'}, got ${e.fraction}`, '(0, 1)');
        }
        break;
      case 'loss':
        if (!(e.rate >= 0 && e.rate <= 1)) throw new ConfigError(`${p}.rate`, `must be in [0, 1], got ${e.rate}`, '[0, 1]');
        break;
      case 'latency':
        if (!int(e.extraMs) || e.extraMs < 0) throw new ConfigError(`${p}.extraMs`, `latency must be a non-negative integer, got ${e.extraMs}`, 'integer >= 0');
        break;
    }
  });
  if (crashed.size > validatorCount) throw new ConfigError('faults.events', `${crashed.size} crashed validators but the set has ${validatorCount}`);
  return { healAtSlot: f.healAtSlot, finalityResumeWithinSlots: f.finalityResumeWithinSlots, events: f.events };
}

/** First ceil(fraction n) validator indices (at least 1, at most n - 1 for a partition). */
export function fractionGroup(fraction: number, n: number, isPartition: boolean): number {
  const k = Math.max(1, Math.ceil(fraction * n - 1e-9));
  return isPartition ? Math.min(k, n - 1) : Math.min(k, n);
}

/** The faults active in a slot (all cleared from healAtSlot on). */
export function activeAt(s: FaultSchedule, slot: number): FaultEvent[] {
  if (slot >= s.healAtSlot) return [];
  return s.events.filter((e) => e.fromSlot <= slot && slot < e.toSlot);
}
