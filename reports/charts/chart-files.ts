// Render a chart spec and write charts/<name>.svg, .png and .vl.json (the spec, reusable in a notebook).
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { esc } from '../html/escape.js';
import { availableParallelism } from 'node:os';
import { specToSvg, svgToPngAsync } from './render.js';
import { SvgPool } from './svg-pool.js';
import type { VlSpec } from './specs.js';

export interface RenderedChart { readonly name: string; readonly title: string; readonly svg: string }

/**
 * How many worker threads render SVGs: BAI_LAB_REPORT_THREADS (0 = in this thread), else the cores, at most 2
 * (vega is the bottleneck; more threads than cores only add start-up cost).
 */
export function reportThreads(): number {
  const env = process.env.BAI_LAB_REPORT_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!(Number.isInteger(n) && n >= 0 && n <= 16)) throw new RangeError(`BAI_LAB_REPORT_THREADS must be an integer 0..16, got '${env}'`);
    return n;
  }
  return Math.min(2, availableParallelism());
}

/**
 * Writes charts: SVGs rendered by a small worker pool (started on the first chart), PNGs rasterised on libuv's pool;
 * `write` returns at once so callers can queue every chart, and `finish()` waits for all files and stops the pool.
 * A chart whose worker fails is rendered again in this thread, so a broken pool costs speed, never a chart.
 */
export class ChartWriter {
  private readonly pending: Promise<void>[] = [];
  private readonly names = new Set<string>();
  private failure: unknown = null;
  private pool: SvgPool | null = null;
  constructor(readonly outDir: string, private readonly threads = reportThreads()) {}

  async write(wanted: string, title: string, spec: VlSpec): Promise<RenderedChart> {
    const name = this.uniqueName(wanted);
    const svg = await this.svg(spec);
    const dir = join(this.outDir, 'charts');
    writeFileAtomic(join(dir, `${name}.svg`), svg);
    writeFileAtomic(join(dir, `${name}.vl.json`), JSON.stringify(spec) + '\n');
    // a rejected PNG is recorded at once (no unhandled rejection if a later chart throws first) and rethrown by finish()
    this.pending.push(svgToPngAsync(svg)
      .then((png) => writeFileAtomic(join(dir, `${name}.png`), png))
      .catch((e: unknown) => { this.failure ??= e; }));
    return { name, title, svg };
  }

  private svg(spec: VlSpec): Promise<string> {
    if (this.threads === 0) return specToSvg(spec);
    this.pool ??= new SvgPool(this.threads);
    return this.pool.render(spec).catch(() => specToSvg(spec));
  }

  /** Wait for every PNG; the first failure is rethrown. */
  async finish(): Promise<void> {
    try {
      await Promise.all(this.pending.splice(0));
    } finally {
      await this.close();
    }
    if (this.failure !== null) throw this.failure;
  }

  /** Stop the worker pool without waiting for charts (error paths); idempotent. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  /** Two KPIs whose names slug alike ("a.b", "a-b") still get two files. */
  private uniqueName(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.names.has(name); i++) name = `${wanted}-${i}`;
    this.names.add(name);
    return name;
  }
}

/** A filename-safe chart name from a KPI or parameter path. */
export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
}

/** The chart as an inline figure. SVG ids are prefixed per chart so several charts never share a clip id. */
export function chartFigure(c: RenderedChart): string {
  const prefix = `${c.name}-`;
  const svg = c.svg
    .replace(/<\?xml[^>]*>/, '')
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}${id}"`);
  return `<figure class="chart" data-chart="${esc(c.name)}">${svg}<figcaption>${esc(c.title)} · `
    + `<a href="charts/${esc(c.name)}.svg">SVG</a><a href="charts/${esc(c.name)}.png">PNG</a>`
    + `<a href="charts/${esc(c.name)}.vl.json">vega-lite spec</a></figcaption></figure>`;
}
