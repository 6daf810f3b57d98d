// A small pool of worker threads rendering vega-lite specs to SVG, so a report's charts use both cores (vega's
// dataflow is single-threaded and dominates report time). Bounded: at most `size` workers, one spec in flight per
// worker, the rest queued in order. Worker warnings are forwarded to `chartWarnings`.
import { Worker } from 'node:worker_threads';
import { chartWarnings } from './render.js';
import type { VlSpec } from './specs.js';

const WORKER_FILE = new URL('./svg-worker.mjs', import.meta.url);
const MAX_QUEUE = 100_000;

interface Job { readonly id: number; readonly spec: VlSpec; resolve(svg: string): void; reject(e: Error): void }
interface Slot { readonly worker: Worker; ready: boolean; job: Job | null }

export class SvgPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    if (!(Number.isInteger(size) && size >= 1 && size <= 16)) throw new RangeError(`svg pool size must be 1..16, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  render(spec: VlSpec): Promise<string> {
    if (this.closed) return Promise.reject(new Error('svg pool is closed'));
    if (this.queue.length >= MAX_QUEUE) return Promise.reject(new Error(`svg pool queue full (${MAX_QUEUE})`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, spec, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new Error('svg pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_FILE);
    const slot: Slot = { worker, ready: false, job: null };
    worker.on('message', (m: { ready?: boolean; id?: number; svg?: string; error?: string; warnings?: string[] }) => {
      if (m.ready) { slot.ready = true; this.pump(); return; }
      const job = slot.job;
      slot.job = null;
      if (job && m.id === job.id) {
        if (m.warnings?.length) chartWarnings.push(...m.warnings);
        if (m.error !== undefined) job.reject(new Error(m.error)); else job.resolve(m.svg!);
      }
      this.pump();
    });
    worker.on('error', (e) => { this.fail(slot, e); });
    worker.on('exit', (code) => { if (!this.closed) this.fail(slot, new Error(`svg worker exited with code ${code}`)); });
    return slot;
  }

  /** A dead worker fails its job and, if no worker is left, everything queued. */
  private fail(slot: Slot, e: Error): void {
    slot.ready = false;
    slot.job?.reject(e);
    slot.job = null;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (this.slots.length === 0) for (const j of this.queue.splice(0)) j.reject(e);
  }

  private pump(): void {
    for (const s of this.slots) {
      if (!s.ready || s.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      s.job = job;
      s.worker.postMessage({ id: job.id, spec: job.spec });
    }
  }
}
