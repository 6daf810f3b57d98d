// vega-lite specs for the report's charts. Data is inlined (`data.values`) so a spec is self-contained: the same
// object renders to SVG/PNG in Node and can be embedded in the HTML or a notebook.
import type { BandRow } from '../analysis/bands.js';
import { shortPath } from '../analysis/grid-table.js';
import { CHART_CONFIG, VEGA_LITE_SCHEMA } from './theme.js';

export type VlSpec = Record<string, unknown>;

const WIDTH = 560;
const HEIGHT = 240;

/** Days are whole numbers: no 1.4-day ticks on short runs. */
const DAY_AXIS = { field: 'day', type: 'quantitative', title: 'day', axis: { tickMinStep: 1, format: 'd' } } as const;

function base(title: string, extra: VlSpec): VlSpec {
  return { $schema: VEGA_LITE_SCHEMA, title, config: CHART_CONFIG, ...extra };
}

/** KPI over days: a p5–p95 band and the p50 line per group (grid point); one group and n=1 gives a plain line. */
export function bandChart(kpi: string, unitLabel: string, rows: readonly BandRow[], seedsPerGroup: number): VlSpec {
  const groups = new Set(rows.map((r) => r.group)).size;
  const color = groups > 1 ? { color: { field: 'group', type: 'nominal', title: 'grid point' } } : {};
  const y = { field: 'p50', type: 'quantitative', title: unitLabel ? `${kpi} (${unitLabel})` : kpi, scale: { zero: false } };
  const layers: VlSpec[] = [];
  if (seedsPerGroup > 1) {
    layers.push({
      mark: { type: 'area', opacity: 0.22 },
      encoding: { x: DAY_AXIS, y: { ...y, field: 'p5' }, y2: { field: 'p95' }, ...color },
    });
  }
  const days = new Set(rows.map((r) => r.day)).size;
  layers.push({ mark: { type: 'line', strokeWidth: 2, point: days <= 31 }, encoding: { x: DAY_AXIS, y, ...color } });
  const sub = seedsPerGroup > 1 ? `median and 5–95% band over ${seedsPerGroup} seeds` : 'single run';
  return base(kpi, { title: { text: kpi, subtitle: sub }, width: WIDTH, height: HEIGHT, data: { values: rows }, layer: layers });
}

export interface SweepLineRow {
  readonly kpi: string;
  readonly x: number;
  readonly mean: number;
  readonly p5: number;
  readonly p95: number;
  readonly series: string;  // the other grid parameters' values
}

/** Final KPI values against one swept parameter, one small multiple per KPI (independent y scales). */
export function sweepLineChart(param: string, rows: readonly SweepLineRow[], seeds: number): VlSpec {
  const series = new Set(rows.map((r) => r.series)).size > 1
    ? { color: { field: 'series', type: 'nominal', title: 'other parameters' } } : {};
  const x = { field: 'x', type: 'quantitative', title: param, scale: { zero: false } };
  const layers: VlSpec[] = [
    { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } }, ...series } },
  ];
  if (seeds > 1) layers.unshift({ mark: { type: 'errorband', opacity: 0.2 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: null }, y2: { field: 'p95' }, ...series } });
  return {
    $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG,
    title: { text: `KPIs at the end of the run vs ${param}`, subtitle: seeds > 1 ? `line: mean over ${seeds} seeds per point; band: 5–95%` : 'one seed per point' },
    data: { values: rows },
    facet: { field: 'kpi', type: 'nominal', title: null, header: { labelFontSize: 12 } },
    columns: 3,
    spec: { width: 220, height: 150, layer: layers },
    resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
  };
}

export interface HeatRow { readonly kpi: string; readonly x: string; readonly y: string; readonly mean: number }

/** Mean final KPI over a two-parameter grid: one panel per KPI, each with its own colour scale. */
export function heatmapChart(xParam: string, yParam: string, rows: readonly HeatRow[]): VlSpec {
  return {
    $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG,
    title: { text: `KPIs at the end of the run over ${xParam} × ${yParam}`, subtitle: 'mean over seeds (and over any other swept parameter)' },
    data: { values: rows },
    facet: { field: 'kpi', type: 'nominal', title: null, header: { labelFontSize: 12 } },
    columns: 3,
    spec: {
      width: { step: 40 }, height: { step: 26 },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: shortPath(xParam), sort: null, axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'ordinal', title: shortPath(yParam), sort: null },
      },
      layer: [
        { mark: 'rect', encoding: { color: { field: 'mean', type: 'quantitative', title: null, scale: { scheme: 'viridis' }, legend: { gradientLength: 52, gradientThickness: 10 } } } },
        { mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'mean', type: 'quantitative', format: '.3~s' }, color: { value: 'white' } } },
      ],
    },
    resolve: { scale: { color: 'independent' }, axis: { x: 'independent', y: 'independent' } },
  };
}

export interface MorrisRow { readonly param: string; readonly muStar: number; readonly sigma: number }

/** Morris elementary effects: parameters ranked by mu* (bars, sigma as a tick), and the mu*–sigma plane. */
export function morrisChart(kpi: string, rows: readonly MorrisRow[]): VlSpec {
  // explicit order (an array) rather than a sort by field: layers sharing the axis then agree on it
  const order = [...rows].sort((a, b) => b.muStar - a.muStar || (a.param < b.param ? -1 : 1)).map((r) => r.param);
  const y = { field: 'param', type: 'nominal', title: null, sort: order, axis: { labelLimit: 240 } };
  return {
    $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG,
    title: { text: `Sensitivity of ${kpi} (Morris)`, subtitle: 'mu* = mean |elementary effect| (influence, bars); sigma = their spread (interactions, red ticks)' },
    data: { values: rows },
    hconcat: [
      {
        width: 300, height: { step: 22 }, encoding: { y },
        layer: [
          { mark: 'bar', encoding: { x: { field: 'muStar', type: 'quantitative', title: 'mu* (bars), sigma (ticks)' } } },
          { mark: { type: 'tick', color: '#d62728', thickness: 2 }, encoding: { x: { field: 'sigma', type: 'quantitative' } } },
        ],
      },
      {
        width: 300, height: 220,
        encoding: { x: { field: 'muStar', type: 'quantitative', title: 'mu*' }, y: { field: 'sigma', type: 'quantitative', title: 'sigma' } },
        layer: [
          { mark: { type: 'point', filled: true, size: 70 } },
          { mark: { type: 'text', align: 'left', dx: 7, fontSize: 10 }, encoding: { text: { field: 'param' } } },
        ],
      },
    ],
  };
}

export interface IndexBarRow { readonly param: string; readonly index: string; readonly value: number; readonly low: number | null; readonly high: number | null }

/** Sobol indices (S1, ST) as grouped bars per parameter with their confidence intervals, sorted by influence. */
export function indexBarChart(kpi: string, method: string, rows: readonly IndexBarRow[]): VlSpec {
  const best = new Map<string, number>();
  for (const r of rows) best.set(r.param, Math.max(best.get(r.param) ?? -Infinity, r.value));
  const order = [...best.keys()].sort((a, b) => best.get(b)! - best.get(a)! || (a < b ? -1 : 1));
  const y = { field: 'param', type: 'nominal', title: null, sort: order, axis: { labelLimit: 240 } };
  return base(`Sensitivity of ${kpi}`, {
    title: { text: `Sensitivity of ${kpi} (${method})`, subtitle: 'S1 first order, ST total order; rule: confidence interval' },
    width: 420, data: { values: rows },
    encoding: { y, yOffset: { field: 'index' }, color: { field: 'index', type: 'nominal', title: null } },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', title: 'index' } } },
      { mark: { type: 'rule', color: 'black' }, transform: [{ filter: 'datum.low != null' }], encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  });
}

export interface DeltaRow { readonly kpi: string; readonly pct: number; readonly low: number | null; readonly high: number | null }

/** Mean paired delta per KPI as % of the base mean, with the 90% interval as a rule. */
export function deltaForestChart(rows: readonly DeltaRow[], pairs: number): VlSpec {
  const y = { field: 'kpi', type: 'nominal', title: null, sort: null };
  return base('Proposal − base', {
    title: { text: 'Proposal − base, % of base mean', subtitle: `mean paired delta over ${pairs} seed pair(s), 90% interval` },
    width: 460, data: { values: rows },
    layer: [
      { mark: { type: 'rule', color: '#999' }, encoding: { x: { datum: 0 } } },
      { mark: { type: 'rule', strokeWidth: 2 }, transform: [{ filter: 'datum.low != null' }], encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { y, x: { field: 'pct', type: 'quantitative', title: '% of base mean' } } },
    ],
  });
}
