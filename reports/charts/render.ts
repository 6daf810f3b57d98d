// vega-lite spec -> vega spec -> SVG (vega View, headless, no browser) -> PNG (resvg with the DejaVu fonts).
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import type { VlSpec } from './specs.js';
import { FONT_FAMILY, FONT_FILES } from './theme.js';

/**
 * vega-lite/vega log through this instead of the console: stdout of `bai-lab report` carries data only. Warnings
 * are kept (tests assert a chart compiles without any); errors throw.
 */
export const chartWarnings: string[] = [];
const MAX_WARNINGS = 1000;

function collectingLogger(): vega.LoggerInterface {
  let lvl = vega.Warn;
  const warn = (...args: readonly unknown[]) => { if (chartWarnings.length < MAX_WARNINGS) chartWarnings.push(args.map(String).join(' ')); };
  const logger = {
    level(l?: number) { if (l === undefined) return lvl; lvl = l; return logger; },
    error(...args: readonly unknown[]): never { throw new Error(`chart: ${args.map(String).join(' ')}`); },
    warn(...args: readonly unknown[]) { warn(...args); return logger; },
    info() { return logger; },
    debug() { return logger; },
  };
  return logger as unknown as vega.LoggerInterface;
}

export async function specToSvg(spec: VlSpec): Promise<string> {
  const logger = collectingLogger();
  const vg = compile(spec as never, { logger }).spec;
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function pngOptions(): ResvgRenderOptions {
  const fonts = FONT_FILES.filter((f) => existsSync(f));
  if (fonts.length === 0) {
    throw new Error(`no chart fonts at ${FONT_FILES[0]}: install Debian's fonts-dejavu-core (apt-get install -y fonts-dejavu-core)`);
  }
  return {
    font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
  };
}

/** PNG at 2x for crisp text. Fails loudly when the fonts are missing: resvg would silently drop every label. */
export function svgToPng(svg: string): Uint8Array {
  return new Resvg(svg, pngOptions()).render().asPng();
}

/** The same PNG rendered on libuv's thread pool, so rasterising overlaps with building the next chart. */
export async function svgToPngAsync(svg: string): Promise<Uint8Array> {
  return (await renderAsync(svg, pngOptions())).asPng();
}
