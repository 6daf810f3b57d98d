// What the runner needs from the chain: the Runtime API of CONTRACTS.md (protocol/runtime.ts), as a structural
// interface so the runner, the built-in workload and the metrics depend on the contract, not on one class.

import type { AccountId, Planck } from '../../protocol/primitives/units.js';

export interface DispatchOutcome { readonly ok: boolean; readonly error?: { readonly pallet: string; readonly error: string } }
export interface ChainEvent { readonly pallet: string; readonly name: string; readonly data: Readonly<Record<string, unknown>> }

/** A signed extrinsic (CONTRACTS.md): the call is a discriminated union owned by the runtime. */
export interface Extrinsic {
  readonly signer: AccountId;
  readonly call: { readonly pallet: string; readonly name: string; readonly args: Readonly<Record<string, unknown>> };
  readonly tip?: Planck;
  readonly lengthBytes: number;
}

export interface Chain {
  initializeBlock(blockNumber: number, author: AccountId, timestampMs: number): void;
  applyExtrinsic(xt: Extrinsic): DispatchOutcome;
  finalizeBlock(): unknown;
  stateRoot(): Uint8Array;
  /** O(1) oracles run after every block (conservation, no negatives, emission cap). */
  checkBlockInvariants(): void;
  /** The full O(state) audit, on the oracles.everyBlocks schedule and at every day end. */
  checkInvariants(): void;
  drainEvents(): readonly ChainEvent[];
  snapshot(): unknown;
  restoreSnapshot(s: unknown): void;
}

/** Reads the runner, the built-in workload and the economics KPIs make (an adapter over the runtime's pallets). */
export interface ChainReads {
  free(who: AccountId): Planck;
  /** Active validator set of the current session/era, sorted. */
  activeValidators(): readonly AccountId[];
}

/** Genesis as the runner describes it; the chain factory turns it into the runtime's Genesis. */
export interface GenesisSpec {
  readonly accounts: ReadonlyArray<{ readonly id: AccountId; readonly free: Planck }>;
  readonly validators: ReadonlyArray<{ readonly stash: AccountId; readonly bond: Planck }>;
  readonly nominators: ReadonlyArray<{ readonly stash: AccountId; readonly bond: Planck; readonly targets: readonly AccountId[] }>;
}
