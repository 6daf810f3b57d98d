// Grants era hook: called by the runtime at each era end (after the era's last block).
import type { Grants } from './pallet.js';
import type { EraDistribution } from './events.js';

export function grantsOnEraEnd(g: Grants, era: number): EraDistribution { return g.onEraEnd(era); }
