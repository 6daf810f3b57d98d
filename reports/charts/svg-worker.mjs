// Worker thread that turns vega-lite specs into SVG (reports/charts/svg-pool.ts). Worker threads do not inherit
// the tsx loader of the main thread (Node 20), so this plain-JS shim registers tsx, then imports render.ts once.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { specToSvg, chartWarnings } = await import(new URL('./render.ts', import.meta.url).href);

parentPort.on('message', async (m) => {
  try {
    const svg = await specToSvg(m.spec);
    parentPort.postMessage({ id: m.id, svg, warnings: chartWarnings.splice(0) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
