// Curator score matrices, stored sparse: a curator scores a bounded list of models. Row i holds curator i's
// entries sorted by model index; raw scores are u16 integers (Bittensor set_weights), shares are Q-scaled integers.

import { Q, idiv } from './fixed-math.js';

export interface ScoreEntry { readonly model: number; readonly score: number }
export type SparseRow = readonly ScoreEntry[];

/** Row-normalise raw scores to shares: score · Q / Σ row (floor); zero entries dropped, zero rows empty. */
export function normalizeRow(row: SparseRow): ScoreEntry[] {
  let s = 0;
  for (const e of row) s += e.score;
  if (s === 0) return [];
  const out: ScoreEntry[] = [];
  for (const e of row) {
    const w = idiv(e.score * Q, s);
    if (w > 0) out.push({ model: e.model, score: w });
  }
  return out;
}
