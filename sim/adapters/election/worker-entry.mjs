// Election worker entry. Worker threads do not inherit the tsx loader of the main thread (Node 20), so this plain-JS
// shim registers tsx's ESM hooks inside the worker before importing the TypeScript task (as the sweep pool does).
// A task that fails to load is reported as a reply with ticket -1, so the waiting main thread fails at once instead
// of waiting out its timeout (it cannot see the worker's 'error' event while it blocks in Atomics.wait).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
try {
  await import(workerData.task ?? './worker-task.ts');
} catch (e) {
  workerData.port.postMessage({ ticket: -1, error: e instanceof Error ? e.message : String(e) });
  Atomics.add(workerData.done, 0, 1);
  Atomics.notify(workerData.done, 0);
}
