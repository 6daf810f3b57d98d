// Piscina worker entry. Worker threads do not inherit the tsx loader of the main thread (Node 20), so this
// plain-JS shim registers tsx's ESM hooks inside the worker, then imports the TypeScript task module once; the
// worker is reused for many runs, so modules are loaded once per thread, not per run.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
const mod = await import(workerData.taskModule);
if (typeof mod.runTask !== 'function') throw new Error(`${workerData.taskModule} exports no runTask`);

export default function run(task) {
  return mod.runTask(task);
}
