// Curation era hook: the epoch runs at era end, driven by the grants pallet (which needs its outcome to pay out).
import type { Curation, EpochOutcome } from './pallet.js';

export function curationOnEraEnd(c: Curation, era: number): EpochOutcome { return c.runEpoch(era); }
