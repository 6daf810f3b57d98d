// The t smallest arrival times of one vote stage at one node (a bounded max-heap): its root is the time the t-th
// vote arrives, the earliest moment a supermajority can exist. Lets a node sleep until then instead of waking on
// every vote (a 100-validator round is 2 x 100 x 99 votes).
export class TSmallest {
  private readonly h: Float64Array;
  size = 0;
  constructor(readonly t: number) { this.h = new Float64Array(Math.max(1, t)); }

  reset(): void { this.size = 0; }

  /** Time of the t-th smallest arrival so far (Infinity until t arrivals are known). */
  get tth(): number { return this.size < this.t ? Infinity : this.h[0]!; }

  add(x: number): void {
    const h = this.h;
    if (this.size < this.t) {
      let i = this.size++;
      h[i] = x;
      while (i > 0) { const p = (i - 1) >> 1; if (h[p]! >= h[i]!) break; const tmp = h[p]!; h[p] = h[i]!; h[i] = tmp; i = p; }
      return;
    }
    if (x >= h[0]!) return;
    h[0] = x;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1; const r = l + 1; let m = i;
      if (l < this.size && h[l]! > h[m]!) m = l;
      if (r < this.size && h[r]! > h[m]!) m = r;
      if (m === i) break;
      const tmp = h[m]!; h[m] = h[i]!; h[i] = tmp; i = m;
    }
  }
}
