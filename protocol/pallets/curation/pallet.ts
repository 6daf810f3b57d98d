// The curation pallet: curators bond stake (a hold) and score models each era; at era end `runEpoch` turns the
// scores into model incentives and curator dividends by the configured rule (BALANCEAI.md §4):
//   yuma      – stake-weighted median at κ, clipping, bond EMA α, dividends D = normalise(Bᵀ I)  (./yuma.ts)
//   mean      – the same machinery without clipping (plain stake-weighted mean of scores)
//   quadratic – model incentive from quadratic funding over this era's consumer payments (./qf.ts); curators earn
//               dividends on their Yuma bonds against that incentive (so curation still pays for spotting value).
// Only curators that scored within activityCutoffEras vote (stake 0 otherwise, bonds decay); self-scores (a curator
// scoring a model it owns) are zeroed as Bittensor zeroes self-weights.

import type { Journal } from '../../primitives/storage.js';
import type { EventBuffer } from '../../primitives/events.js';
import type { AccountId, Planck } from '../../primitives/units.js';
import { OK, assert, type DispatchResult } from '../../primitives/dispatch.js';
import type { Balances } from '../balances/index.js';
import type { CurationConfig } from './config.js';
import { CurationStorage, NEVER, type ModelValue, type Score } from './storage.js';
import { fail } from './errors.js';
import { curationEvents as E } from './events.js';
import { dividendsOfCsr, yumaEpochCsr } from './yuma.js';
import { CsrBuilder } from './csr.js';
import { qfMatchWeights } from './qf.js';
import { sharesOf } from './fixed-math.js';

export const HOLD_CURATOR = 'curation/bond';

/** What curation needs to know about the marketplace. */
export interface ModelView {
  /** Models that can earn grants this era (registered and served), sorted ascending. */
  servedModelIds(): readonly number[];
  exists(modelId: number): boolean;
  owner(modelId: number): AccountId | undefined;
  /** This era's consumer payments per model (canonical order): quadratic funding contributions. */
  eraPaymentsByModel(): ReadonlyMap<number, readonly bigint[]>;
}

export interface EpochOutcome {
  readonly era: number;
  readonly modelIds: readonly number[];  // served models, ascending
  readonly incentive: readonly number[]; // per model, Q-shares (Σ ≈ Q = 2^24, or all 0)
  readonly curators: readonly AccountId[]; // curator rows, canonical order
  readonly dividends: readonly number[]; // per curator row, Q-shares (Σ ≈ Q, or all 0)
}

export class Curation {
  readonly storage: CurationStorage;
  /** Curators whose bond changed since the last checkInvariants. */
  private readonly touched = new Set<AccountId>();

  constructor(journal: Journal, private readonly events: EventBuffer, private readonly balances: Balances,
              readonly config: CurationConfig, private readonly models: ModelView, private readonly era: () => number) {
    this.storage = new CurationStorage(journal);
  }

  isCurator(who: AccountId): boolean { return this.storage.curators.has(who); }
  bond(who: AccountId): Planck { return this.storage.curators.get(who)?.bondPlanck ?? 0n; }

  bondCurator(who: AccountId, amount: Planck): DispatchResult {
    this.touched.add(who);
    if (typeof amount !== 'bigint' || amount < 0n) return fail('InvalidAmount');
    if (this.storage.curators.has(who)) return fail('AlreadyCurator');
    if (amount < this.config.minCuratorBondPlanck) return fail('BondTooSmall');
    if (this.storage.curators.size >= this.config.maxCurators) return fail('TooManyCurators');
    if (!this.balances.hold(HOLD_CURATOR, who, amount).ok) return fail('InsufficientBalance');
    this.storage.curators.set(who, { bondPlanck: amount, lastScoredEra: NEVER });
    this.events.push(E.curatorBonded(who, amount));
    return OK;
  }

  /** Leave: the bond is released at once and the curator's scores and bonds are dropped (its dividends stop). */
  unbondCurator(who: AccountId): DispatchResult {
    this.touched.add(who);
    const c = this.storage.curators.get(who);
    if (c === undefined) return fail('NotCurator');
    const r = this.balances.release(HOLD_CURATOR, who, c.bondPlanck);
    assert(r.ok, 'curation: bond hold missing');
    this.storage.curators.delete(who);
    this.storage.scores.delete(who);
    this.storage.bonds.delete(who);
    this.events.push(E.curatorUnbonded(who, c.bondPlanck));
    return OK;
  }

  /**
   * Voting permit: among the top maxVotingCurators curators by bond, ties broken by canonical account order
   * (Bittensor validator permits go to the top-k stakes). O(curators).
   */
  hasPermit(who: AccountId): boolean {
    const c = this.storage.curators.get(who);
    if (c === undefined) return false;
    const max = this.config.maxVotingCurators;
    const keys = this.storage.curators.sortedKeysList();
    if (keys.length <= max) return true; // everyone is within the top max
    // Curators ahead: a larger bond, or the same bond earlier in canonical order. One pass, stopping at max.
    let ahead = 0, before = true;
    for (const k of keys) {
      if (k === who) { before = false; continue; }
      const b = this.storage.curators.get(k)!.bondPlanck;
      if (b > c.bondPlanck || (before && b === c.bondPlanck)) { if (++ahead >= max) return false; }
    }
    return true;
  }

  /** The permitted curators, in canonical order. */
  permitted(): Set<AccountId> {
    const keys = this.storage.curators.sortedKeysList();
    const ranked = keys.map((k, i) => ({ k, i, b: this.storage.curators.get(k)!.bondPlanck }))
      .sort((x, y) => (x.b > y.b ? -1 : x.b < y.b ? 1 : x.i - y.i));
    return new Set(ranked.slice(0, this.config.maxVotingCurators).map((x) => x.k));
  }

  setScores(who: AccountId, scores: readonly Score[]): DispatchResult {
    const c = this.storage.curators.get(who);
    if (c === undefined) return fail('NotCurator');
    if (!this.hasPermit(who)) return fail('NoPermit');
    if (!Array.isArray(scores) || scores.length > this.config.maxScoresPerCurator) return fail('TooManyScores');
    const n = scores.length;
    const modelIds: number[] = new Array<number>(n), values: number[] = new Array<number>(n);
    let prev = -1;
    for (let x = 0; x < n; x++) {
      const s = scores[x]!;
      if (!Number.isInteger(s.modelId) || s.modelId <= prev) return fail('UnsortedScores');
      if (!Number.isInteger(s.score) || s.score < 0 || s.score > this.config.scoreMax) return fail('ScoreOutOfRange');
      if (!this.models.exists(s.modelId)) return fail('UnknownModel');
      prev = s.modelId;
      modelIds[x] = s.modelId;
      values[x] = s.score;
    }
    const era = this.era();
    this.storage.scores.set(who, { modelIds, scores: values });
    this.storage.curators.set(who, { ...c, lastScoredEra: era });
    this.events.push(E.scoresSet(who, era, scores.length));
    return OK;
  }

  /** Holds match bonds; scores and bonds belong to bonded curators only. Touched curators only, unless `all`. */
  checkInvariants(all = false): void {
    const who = all ? new Set([...this.storage.curators.keys(), ...this.storage.scores.keys(), ...this.storage.bonds.keys()]) : this.touched;
    for (const w of who) {
      const c = this.storage.curators.get(w);
      assert(this.balances.balanceOnHold(HOLD_CURATOR, w) === (c?.bondPlanck ?? 0n), `curation: bond hold of ${w}`);
      if (c === undefined) assert(!this.storage.scores.has(w) && !this.storage.bonds.has(w), `curation: scores or bonds of non-curator ${w}`);
    }
    this.touched.clear();
  }

  /** Active in `era`: scored within the last activityCutoffEras eras (including this one). */
  isActive(who: AccountId, era: number): boolean {
    const c = this.storage.curators.get(who);
    return c !== undefined && c.lastScoredEra !== NEVER && era - c.lastScoredEra < this.config.activityCutoffEras;
  }

  /** Era-end epoch: compute incentive and dividends, store the new bonds and the public consensus/incentive. */
  runEpoch(era: number): EpochOutcome {
    const modelIds = this.models.servedModelIds();
    const index = new ModelIndex(modelIds);
    // Only permitted curators are rows of the epoch (others neither vote nor keep bonds, as Bittensor masks them).
    const permit = this.permitted();
    for (const who of this.storage.curators.sortedKeysList()) if (!permit.has(who)) this.storage.bonds.delete(who);
    const curators = this.storage.curators.sortedKeysList().filter((w) => permit.has(w));
    const ownerOf = modelIds.map((id) => this.models.owner(id));
    let scoreEntries = 0, bondEntries = 0;
    for (const who of curators) {
      scoreEntries += this.storage.scores.get(who)?.modelIds.length ?? 0;
      bondEntries += this.storage.bonds.get(who)?.modelIds.length ?? 0;
    }
    // Score and bond rows over model indices (both stored model-sorted; ids map to indices monotonically).
    const rows = new CsrBuilder(modelIds.length, scoreEntries);
    const prev = new CsrBuilder(modelIds.length, bondEntries);
    const stake: bigint[] = [];
    for (const who of curators) {
      stake.push(this.isActive(who, era) ? this.storage.curators.get(who)!.bondPlanck : 0n);
      const sr = this.storage.scores.get(who);
      if (sr !== undefined) {
        for (let x = 0; x < sr.modelIds.length; x++) {
          const j = index.of(sr.modelIds[x]!), score = sr.scores[x]!;
          if (j < 0 || score === 0 || ownerOf[j] === who) continue; // self-scores are zeroed
          rows.push(j, score);
        }
      }
      rows.endRow();
      const br = this.storage.bonds.get(who);
      if (br !== undefined) {
        for (let x = 0; x < br.modelIds.length; x++) {
          const j = index.of(br.modelIds[x]!);
          if (j >= 0) prev.push(j, br.bonds[x]!);
        }
      }
      prev.endRow();
    }
    const rule = this.config.rule;
    const y = yumaEpochCsr({ stakePlanck: stake, scores: rows.build(), bondsPrev: prev.build(),
      kappaParts: this.config.kappaParts, alphaParts: this.config.bondsAlphaParts, clip: rule !== 'mean' });
    let incentive = y.incentive;
    let dividends = y.dividends;
    if (rule === 'quadratic') {
      const pay = this.models.eraPaymentsByModel();
      incentive = sharesOf(qfMatchWeights(modelIds.map((id) => pay.get(id) ?? [])));
      dividends = dividendsOfCsr(y.bonds, incentive);
    }
    const B = y.bonds;
    curators.forEach((who, i) => {
      const start = B.rowStart[i]!, end = B.rowStart[i + 1]!;
      if (start === end) { this.storage.bonds.delete(who); return; }
      const ids: number[] = new Array<number>(end - start), bonds: number[] = new Array<number>(end - start);
      for (let k = start; k < end; k++) { ids[k - start] = modelIds[B.col[k]!]!; bonds[k - start] = B.val[k]!; }
      this.storage.bonds.set(who, { modelIds: ids, bonds });
    });
    this.storage.lastConsensus.set(nonZero(modelIds, y.consensus));
    this.storage.lastIncentive.set(nonZero(modelIds, incentive));
    const active = stake.filter((s) => s > 0n).length;
    this.events.push(E.epochRun(era, rule, active, incentive.filter((x) => x > 0).length));
    return { era, modelIds, incentive, curators, dividends };
  }
}

/** Model id -> index in the ascending served list (-1: not served): a table when ids are dense, else a Map. */
class ModelIndex {
  private readonly table: Int32Array | null;
  private readonly map: Map<number, number> | null;
  constructor(ids: readonly number[]) {
    for (let j = 1; j < ids.length; j++) assert(ids[j]! > ids[j - 1]!, 'curation: served model ids not ascending');
    const top = ids.length === 0 ? 0 : ids[ids.length - 1]! + 1;
    if (top <= 8 * ids.length + 1024) {
      this.table = new Int32Array(top).fill(-1);
      ids.forEach((id, j) => { this.table![id] = j; });
      this.map = null;
    } else {
      this.table = null;
      this.map = new Map(ids.map((id, j) => [id, j]));
    }
  }
  of(id: number): number {
    if (this.table !== null) return id >= 0 && id < this.table.length ? this.table[id]! : -1;
    return this.map!.get(id) ?? -1;
  }
}

function nonZero(ids: readonly number[], v: readonly number[]): ModelValue[] {
  const out: ModelValue[] = [];
  v.forEach((x, i) => { if (x > 0) out.push({ modelId: ids[i]!, value: x }); });
  return out;
}
