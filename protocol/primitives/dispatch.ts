// Dispatch results: a rejected call returns a typed error and leaves state untouched (the journal rolls back).

export interface DispatchError {
  readonly pallet: string; // e.g. "balances"
  readonly error: string;  // the error variant, e.g. "InsufficientBalance"
}

export type DispatchResult<T = void> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DispatchError };

export const OK: DispatchResult<void> = Object.freeze({ ok: true as const, value: undefined });
export function ok<T>(value: T): DispatchResult<T> { return { ok: true, value }; }
export function err(pallet: string, error: string): { ok: false; error: DispatchError } {
  return { ok: false, error: { pallet, error } };
}

/** Make a typed error constructor for one pallet: `const fail = palletErrors('balances', ['InsufficientBalance', ...] as const)`. */
export function palletErrors<const E extends readonly string[]>(pallet: string, _variants: E) {
  return (error: E[number]): { ok: false; error: DispatchError } => err(pallet, error);
}

/** Thrown for a broken invariant: a bug, never a user error. The run fails loudly with it. */
export class InvariantError extends Error {
  constructor(message: string) { super(message); this.name = 'InvariantError'; }
}
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new InvariantError(message);
}
