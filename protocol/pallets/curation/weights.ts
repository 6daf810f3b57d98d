// Curator score matrices, stored sparse: a curator scores a bounded list of models. Row i holds curator i's
// entries sorted by model index; raw scores are u16 integers (Bittensor set_weights), shares are Q-scaled integers.

import { assert } from '../../primitives/dispatch.js';
import { Q, idiv } from './fixed-math.js';

export interface ScoreEntry { readonly model: number; readonly score: number }
export type SparseRow = readonly ScoreEntry[];

/** Check a row: model indices strictly increasing and in range, scores non-negative integers. */
export function assertRow(row: SparseRow, modelCount: number): void {
  let prev = -1;
  for (const e of row) {
    // Hot loop (every curator × model pair): build the message only on failure.
    if (!(Number.isInteger(e.model) && e.model > prev && e.model < modelCount)) assert(false, `weights: bad model index ${e.model}`);
    if (!(Number.isInteger(e.score) && e.score >= 0 && e.score <= Q)) assert(false, 'weights: bad score (raw u16 scores and shares are <= Q)');
    prev = e.model;
  }
}

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

/** Column view of sparse rows: for model j, the (curator, weight) entries in curator order. */
export function columns(rows: readonly SparseRow[], modelCount: number): Array<Array<{ curator: number; w: number }>> {
  const cols: Array<Array<{ curator: number; w: number }>> = Array.from({ length: modelCount }, () => []);
  rows.forEach((row, i) => {
    for (const e of row) cols[e.model]!.push({ curator: i, w: e.score });
  });
  return cols;
}
