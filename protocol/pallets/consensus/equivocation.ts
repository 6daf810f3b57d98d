// Equivocation detection and slash fraction (SUBSTRATE.md §3.7; frame/babe/src/equivocation.rs and
// frame/grandpa/src/equivocation.rs: slash_fraction = min((3k/n)^2, 1) as Perbill).
import { assert } from '../../primitives/dispatch.js';
import { PERBILL, fromRational, mulRound, type Parts } from '../../primitives/perthing.js';

/**
 * Perbill::from_rational(3k, n).square(), as in the pallets: from_rational rounds down and saturates at one,
 * square() is x * x with the PerThing nearest rounding. k offenders in the same time slot, n validators.
 */
export function equivocationSlashFraction(k: number, n: number): Parts {
  assert(Number.isInteger(k) && k >= 0 && Number.isInteger(n) && n >= 1, 'slash fraction: bad k or n');
  const x = fromRational(PERBILL, 3n * BigInt(k), BigInt(n));
  return mulRound(PERBILL, x, x);
}

export type OffenceKind = 'babeEquivocation' | 'grandpaEquivocation';

export interface Offence {
  readonly kind: OffenceKind;
  readonly offender: number;    // validator index
  readonly timeSlot: number;    // BABE: slot; GRANDPA: round (the offence's "time slot")
  readonly evidence: readonly [number, number]; // the two conflicting block ids / vote targets
}

/**
 * BABE equivocation detector: one author signing two different blocks in the same slot.
 * Keeps the first block seen per (slot, author), bounded by dropping slots older than a window.
 */
export class BabeEquivocationDetector {
  private readonly seen = new Map<string, number>();
  private readonly reported = new Set<string>();
  private readonly order: Array<{ key: string; slot: number }> = [];
  constructor(private readonly windowSlots: number) { assert(windowSlots > 0, 'window must be positive'); }

  observe(slot: number, author: number, blockId: number): Offence | undefined {
    const key = `${slot}:${author}`;
    const first = this.seen.get(key);
    if (first === undefined) {
      this.seen.set(key, blockId);
      this.order.push({ key, slot });
      this.evict(slot);
      return undefined;
    }
    if (first === blockId || this.reported.has(key)) return undefined;
    this.reported.add(key);
    return { kind: 'babeEquivocation', offender: author, timeSlot: slot, evidence: [first, blockId] };
  }

  private evict(nowSlot: number): void {
    while (this.order.length > 0 && this.order[0]!.slot < nowSlot - this.windowSlots) {
      const { key } = this.order.shift()!;
      this.seen.delete(key);
      this.reported.delete(key);
    }
  }
}

/** Group offences by (kind, timeSlot) and give each offender the fraction for k = offenders in that group. */
export function slashesFor(offences: readonly Offence[], n: number): Array<{ offence: Offence; fraction: Parts; k: number }> {
  const groups = new Map<string, Set<number>>();
  for (const o of offences) {
    const key = `${o.kind}:${o.timeSlot}`;
    let g = groups.get(key);
    if (g === undefined) { g = new Set(); groups.set(key, g); }
    g.add(o.offender);
  }
  return offences.map((o) => {
    const k = groups.get(`${o.kind}:${o.timeSlot}`)!.size;
    return { offence: o, k, fraction: equivocationSlashFraction(k, n) };
  });
}
