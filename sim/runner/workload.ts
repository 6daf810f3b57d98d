// The built-in workload: a simple stand-in until sim/agents lands (the agents engineer replaces it).
//  * genesis: `validators` validator candidates and `nominators` nominators with bonds; each nominator's targets are
//    drawn without replacement from its own stream ("workload.genesis", i);
//  * `accounts` plain users, each a Poisson process of transfer_keep_alive extrinsics drawn from its own stream
//    ("workload.user", i): adding users never changes another user's draws.

import type { Engine, RngStream } from '../engine/index.js';
import { EventClass } from '../engine/index.js';
import type { AccountId, Planck } from '../../protocol/primitives/units.js';
import { internKey } from '../../protocol/primitives/storage.js';
import type { ChainReads, GenesisSpec } from './chain.js';
import type { Mempool } from './mempool.js';
import { workloadFromScenario, type WorkloadSection } from './workload-config.js';

export const DAY_MS = 86_400_000;
const FRACTION_PARTS = 1_000_000_000n;

export const userId = (i: number): AccountId => `user/${i}`;
// Interned (one object per id, shared with storage's keys): storage compares canonical ids by pointer.
export const validatorId = (i: number): AccountId => internKey(`validator/${i}`);
export const nominatorId = (i: number): AccountId => internKey(`nominator/${i}`);

/** The genesis the workload needs (pure: a function of the section, the decimals and the engine's rng). */
export function workloadGenesis(w: WorkloadSection, decimals: number, engine: Engine): GenesisSpec {
  const accounts: Array<{ id: AccountId; free: Planck }> = [];
  const validators: Array<{ stash: AccountId; bond: Planck }> = [];
  const nominators: Array<{ stash: AccountId; bond: Planck; targets: AccountId[] }> = [];
  const a = workloadFromScenario(w, decimals);
  const userFree = a.accountBalance, vBond = a.validatorBond, vFree = a.validatorBalance;
  const nBond = a.nominatorBond, nFree = a.nominatorBalance;
  for (let i = 0; i < w.validators; i++) {
    accounts.push({ id: validatorId(i), free: vBond + vFree });
    validators.push({ stash: validatorId(i), bond: vBond });
  }
  for (let i = 0; i < w.nominators; i++) {
    accounts.push({ id: nominatorId(i), free: nBond + nFree });
    const k = Math.min(w.nominationsPerNominator, w.validators);
    const targets = k > 0 ? pickDistinct(engine.rng.stream('workload.genesis', i), w.validators, k).map(validatorId) : [];
    if (targets.length > 0) nominators.push({ stash: nominatorId(i), bond: nBond, targets });
  }
  for (let i = 0; i < w.accounts; i++) accounts.push({ id: userId(i), free: userFree });
  return { accounts, validators, nominators };
}

/** k distinct integers from [0, n), sorted (partial Fisher-Yates on an index array; bounded by n). */
function pickDistinct(rng: RngStream, n: number, k: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i]!; idx[i] = idx[j]!; idx[j] = t;
  }
  return idx.slice(0, k).sort((a, b) => a - b);
}

/** Registers the transfer process of every user on the engine. */
export class Workload {
  private readonly kind: number;
  private readonly meanGapMs: number;
  private readonly maxFractionParts: bigint;
  submitted = 0;

  constructor(private readonly w: WorkloadSection, private readonly engine: Engine,
              private readonly chain: ChainReads, private readonly mempool: Mempool) {
    this.kind = engine.defineKind('workload.transfer', (actor) => this.wake(actor));
    this.meanGapMs = w.transfersPerAccountPerDay > 0 ? DAY_MS / w.transfersPerAccountPerDay : Infinity;
    this.maxFractionParts = BigInt(Math.floor(w.maxTransferFraction * 1e9));
  }

  /** Schedule every user's first transfer (fresh runs only; a resumed run restores the queue instead). */
  start(): void {
    if (!this.w.enabled || !Number.isFinite(this.meanGapMs) || this.w.accounts < 2) return;
    for (let i = 0; i < this.w.accounts; i++) this.scheduleNext(i);
  }

  private stream(i: number): RngStream { return this.engine.rng.stream('workload.user', i); }

  private scheduleNext(i: number): void {
    const gap = Math.max(1, Math.round(this.stream(i).exponential(this.meanGapMs)));
    this.engine.scheduleIn(gap, EventClass.Agent, i, this.kind, i);
  }

  private wake(i: number): void {
    const rng = this.stream(i);
    let j = rng.int(this.w.accounts - 1);
    if (j >= i) j++;
    const who = userId(i);
    const parts = BigInt(Math.floor(rng.float() * 1e9)) * this.maxFractionParts / FRACTION_PARTS;
    const value = this.chain.free(who) * parts / FRACTION_PARTS;
    if (value > 0n) {
      this.mempool.submit({
        signer: who, lengthBytes: this.w.transferLengthBytes,
        call: { pallet: 'balances', name: 'transfer_keep_alive', args: { dest: userId(j), value } },
      });
      this.submitted++;
    }
    this.scheduleNext(i);
  }

  snapshot(): { submitted: number } { return { submitted: this.submitted }; }
  restoreSnapshot(s: { submitted: number }): void { this.submitted = s.submitted; }
}
