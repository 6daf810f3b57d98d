// Election worker entry. Worker threads do not inherit the tsx loader of the main thread (Node 20), so this plain-JS
// shim registers tsx's ESM hooks inside the worker before importing the TypeScript task (as the sweep pool does).
import { register } from 'tsx/esm/api';

register();
await import('./worker-task.ts');
