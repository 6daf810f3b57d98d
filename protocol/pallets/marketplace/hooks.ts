// Marketplace era hook: the grants pallet reads this era's payments (quadratic funding) and then the tally restarts.
// Per-consumer quotas need no reset: CallsUsed carries its era and reads as 0 in a later era.
import type { Marketplace } from './pallet.js';

export function marketplaceOnEraEnd(p: Marketplace): void { p.clearEraPayments(); }
