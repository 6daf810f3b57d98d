// One look for every chart. Text is set in DejaVu Sans because the PNG rasteriser (resvg) draws text only with
// fonts it is given, and Debian's fonts-dejavu-core is what CI installs; the browser falls back to sans-serif.
export const FONT_FAMILY = 'DejaVu Sans';
export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => `${FONT_DIR}/${f}`);

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const CHART_CONFIG = {
  font: `${FONT_FAMILY}, sans-serif`,
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 260 },
  title: { fontSize: 14, anchor: 'start' as const },
  range: { category: { scheme: 'tableau10' } },
} as const;
