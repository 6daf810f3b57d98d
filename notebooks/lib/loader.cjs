// CommonJS entry for notebook cells. tslab compiles every cell to CommonJS, so a cell cannot `import` ESM-only
// packages (vega, vega-lite, arquero) nor this repo's TypeScript ESM modules. This file is not compiled by tslab:
// its dynamic import() stays a real ESM import. It registers tsx's ESM loader once, then loads lib/lab.ts.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

let labPromise = null;

/** The notebook helpers (notebooks/lib/lab.ts), loaded once per kernel. */
function lab() {
  if (!labPromise) {
    labPromise = (async () => {
      const { register } = await import('tsx/esm/api');
      register();
      return import(pathToFileURL(path.join(__dirname, 'lab.ts')).href);
    })();
  }
  return labPromise;
}

module.exports = { lab };
