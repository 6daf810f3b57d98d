// Dispatch origins: a signed account or Root (the lab's stand-in for governance/sudo).
import type { AccountId } from './units.js';

export type Origin = { readonly kind: 'Signed'; readonly who: AccountId } | { readonly kind: 'Root' };
export const ROOT: Origin = Object.freeze({ kind: 'Root' as const });
export function signed(who: AccountId): Origin { return { kind: 'Signed', who }; }
