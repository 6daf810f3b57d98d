// Curator score matrices, stored sparse: a curator scores a bounded list of models. Row i holds curator i's
// entries sorted by model index, each score a non-negative integer (u16 on Bittensor; any bigint here).

import { assert } from '../../primitives/dispatch.js';
import { ONE } from './fixed-math.js';

export interface ScoreEntry { readonly model: number; readonly score: bigint }
export type SparseRow = readonly ScoreEntry[];

/** Check a row: model indices strictly increasing and in range, scores non-negative. */
export function assertRow(row: SparseRow, modelCount: number): void {
  let prev = -1;
  for (const e of row) {
    assert(Number.isInteger(e.model) && e.model > prev && e.model < modelCount, `weights: bad model index ${e.model}`);
    assert(e.score >= 0n, 'weights: negative score');
    prev = e.model;
  }
}

/** Row-normalise: each score * ONE / Σ row (floor); zero rows stay empty. Zero entries are dropped. */
export function normalizeRow(row: SparseRow): ScoreEntry[] {
  let s = 0n;
  for (const e of row) s += e.score;
  if (s === 0n) return [];
  const out: ScoreEntry[] = [];
  for (const e of row) {
    const w = (e.score * ONE) / s;
    if (w > 0n) out.push({ model: e.model, score: w });
  }
  return out;
}

/** Column view of sparse rows: for model j, the (curator, weight) entries in curator order. */
export function columns(rows: readonly SparseRow[], modelCount: number): Array<Array<{ curator: number; w: bigint }>> {
  const cols: Array<Array<{ curator: number; w: bigint }>> = Array.from({ length: modelCount }, () => []);
  rows.forEach((row, i) => {
    for (const e of row) cols[e.model]!.push({ curator: i, w: e.score });
  });
  return cols;
}
