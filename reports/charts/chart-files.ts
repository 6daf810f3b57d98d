// Render a chart spec and write charts/<name>.svg, .png and .vl.json (the spec, reusable in a notebook).
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import { esc } from '../html/escape.js';
import { specToSvg, svgToPngAsync } from './render.js';
import type { VlSpec } from './specs.js';

export interface RenderedChart { readonly name: string; readonly title: string; readonly svg: string }

/**
 * Writes charts: SVG and spec at once, PNGs rasterised in the background (libuv pool) and awaited by `finish()`,
 * so the next chart's vega work overlaps the previous chart's rasterising.
 */
export class ChartWriter {
  private readonly pending: Promise<void>[] = [];
  private readonly names = new Set<string>();
  private failure: unknown = null;
  constructor(readonly outDir: string) {}

  async write(wanted: string, title: string, spec: VlSpec): Promise<RenderedChart> {
    const name = this.uniqueName(wanted);
    const svg = await specToSvg(spec);
    const dir = join(this.outDir, 'charts');
    writeFileAtomic(join(dir, `${name}.svg`), svg);
    writeFileAtomic(join(dir, `${name}.vl.json`), JSON.stringify(spec) + '\n');
    // a rejected PNG is recorded at once (no unhandled rejection if a later chart throws first) and rethrown by finish()
    this.pending.push(svgToPngAsync(svg)
      .then((png) => writeFileAtomic(join(dir, `${name}.png`), png))
      .catch((e: unknown) => { this.failure ??= e; }));
    return { name, title, svg };
  }

  /** Wait for every PNG; the first failure is rethrown. */
  async finish(): Promise<void> {
    await Promise.all(this.pending.splice(0));
    if (this.failure !== null) throw this.failure;
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
