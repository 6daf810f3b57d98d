// Compressed sparse rows (CSR): the epoch's score and bond matrices as flat typed arrays, row i's entries at
// [rowStart[i], rowStart[i + 1]), columns strictly increasing within a row. One allocation per matrix instead of
// one object per (curator, model) pair (200 × 1,000 pairs per epoch in the bench), and exact integers throughout.

import { assert } from '../../primitives/dispatch.js';
import type { ScoreEntry, SparseRow } from './weights.js';

export interface Csr {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets; rowStart[0] = 0, rowStart[rows] = nnz. */
  readonly rowStart: Int32Array;
  /** Column index of each entry. */
  readonly col: Int32Array;
  /** Value of each entry: a non-negative integer (raw u16 score or a Q-share). */
  readonly val: Float64Array;
}

/** Bound on stored entries of one matrix (curators × models); keeps every offset an int32. */
export const CSR_ENTRIES_MAX = 1 << 30;

/** Builds a Csr row by row: push entries of row 0, endRow(), entries of row 1, endRow(), ... */
export class CsrBuilder {
  private col: Int32Array;
  private val: Float64Array;
  private n = 0;
  private readonly starts: number[] = [0];

  constructor(readonly cols: number, capacity: number) {
    const c = Math.max(16, capacity);
    this.col = new Int32Array(c);
    this.val = new Float64Array(c);
  }

  push(col: number, val: number): void {
    if (this.n === this.col.length) this.grow();
    this.col[this.n] = col;
    this.val[this.n] = val;
    this.n++;
  }

  endRow(): void { this.starts.push(this.n); }

  build(): Csr {
    return { rows: this.starts.length - 1, cols: this.cols, rowStart: Int32Array.from(this.starts),
             col: this.col.subarray(0, this.n), val: this.val.subarray(0, this.n) };
  }

  private grow(): void {
    const c = this.col.length * 2;
    assert(c <= CSR_ENTRIES_MAX, 'csr: too many entries');
    const col = new Int32Array(c); col.set(this.col); this.col = col;
    const val = new Float64Array(c); val.set(this.val); this.val = val;
  }
}

/** Sparse rows (model-sorted entries) to a Csr. */
export function csrOfRows(rows: readonly SparseRow[], cols: number): Csr {
  let nnz = 0;
  for (const r of rows) nnz += r.length;
  const b = new CsrBuilder(cols, nnz);
  for (const r of rows) {
    for (const e of r) {
      // Int32Array would truncate a fractional or huge index silently: check it as a number first.
      if (!(Number.isInteger(e.model) && e.model >= 0 && e.model < cols)) assert(false, `weights: bad model index ${e.model}`);
      b.push(e.model, e.score);
    }
    b.endRow();
  }
  return b.build();
}

/** A Csr back to sparse rows (entries with value 0 kept: callers store only positive values). */
export function rowsOfCsr(m: Csr): ScoreEntry[][] {
  const out: ScoreEntry[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: ScoreEntry[] = [];
    for (let k = m.rowStart[i]!; k < m.rowStart[i + 1]!; k++) row.push({ model: m.col[k]!, score: m.val[k]! });
    out.push(row);
  }
  return out;
}

/** Check a matrix: offsets monotone, columns strictly increasing per row and < cols, values integers in [0, max]. */
export function assertCsr(m: Csr, max: number): void {
  assert(m.rowStart.length === m.rows + 1 && m.rowStart[0] === 0 && m.rowStart[m.rows] === m.col.length
    && m.col.length === m.val.length, 'csr: bad shape');
  for (let i = 0; i < m.rows; i++) {
    const end = m.rowStart[i + 1]!;
    assert(end >= m.rowStart[i]!, 'csr: row offsets decrease');
    let prev = -1;
    for (let k = m.rowStart[i]!; k < end; k++) {
      const c = m.col[k]!, v = m.val[k]!;
      // Hot loop (every curator × model pair): build the message only on failure.
      if (!(c > prev && c < m.cols)) assert(false, `weights: bad model index ${c}`);
      if (!(v >= 0 && v <= max && Math.floor(v) === v)) assert(false, 'weights: bad score (raw u16 scores and shares are <= Q)');
      prev = c;
    }
  }
}
