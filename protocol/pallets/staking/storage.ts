// pallet_staking storage. Per-era items are keyed "era|stash" (see codec.ts) and pruned after HistoryDepth.
// Lab bookkeeping (reward accounting, slash totals) is journaled but not part of the state root.

import { Journal, StorageMap, StorageValue } from '../../primitives/storage.js';
import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import type { Parts } from '../../primitives/perthing.js';
import { accountIdCodec, codec, u128Codec, u32Codec } from '../../types/codecs.js';
import type { StakingLedger } from './ledger.js';
import type { ExposureOverview, ExposurePage } from './exposure.js';
import * as C from './codec.js';
import type { ElectionInput } from './solver.js';

export type RewardDestination = 'Staked' | 'Stash';
export interface ValidatorPrefs { readonly commission: Parts; readonly blocked: boolean }
export interface Nominations { readonly targets: readonly AccountId[]; readonly submittedIn: EraIndex; readonly suppressed: boolean }
export interface ActiveEraInfo { readonly index: EraIndex; readonly startMs: number }
export interface SlashingSpans {
  readonly spanIndex: number;
  readonly lastStart: EraIndex;
  readonly lastNonzeroSlash: EraIndex;
  /** Lengths of prior spans, newest first. */
  readonly prior: readonly number[];
}
export interface SpanRecord { readonly slashed: Planck; readonly paidOut: Planck }
export interface ValidatorSlash { readonly fraction: Parts; readonly amount: Planck }
export interface UnappliedSlash {
  readonly validator: AccountId;
  readonly own: Planck;
  readonly others: ReadonlyArray<readonly [AccountId, Planck]>;
  readonly reporters: readonly AccountId[];
  readonly payout: Planck;
  /** Era of the offence: StakingLedger::slash only touches chunks unlocking at or after slashEra + BondingDuration. */
  readonly slashEra: EraIndex;
}

/** An election whose snapshot is taken and whose solution is due when `era` is planned. */
export interface PendingElection { readonly era: EraIndex; readonly input: ElectionInput }

/** Lab accounting of the staker reward stream (exact: allocated == paid + expired + still claimable). */
export interface StakingStats {
  readonly rewardAllocatedPlanck: Planck;   // Σ ErasValidatorReward
  readonly rewardPaidPlanck: Planck;        // minted to stakers at claim time
  readonly rewardExpiredPlanck: Planck;     // allocated but never minted: unclaimed after HistoryDepth + rounding dust
  readonly rewardUnpayablePlanck: Planck;   // part of paid computations that could not be minted (payee below ED)
  readonly slashedPlanck: Planck;           // taken from stakers
  readonly slashToTreasuryPlanck: Planck;
  readonly slashBurnedPlanck: Planck;       // slashed funds the treasury could not receive (burned)
  readonly slashReporterRewardPlanck: Planck;
  readonly elections: number;
}
export const ZERO_STATS: StakingStats = Object.freeze({
  rewardAllocatedPlanck: 0n, rewardPaidPlanck: 0n, rewardExpiredPlanck: 0n, rewardUnpayablePlanck: 0n,
  slashedPlanck: 0n, slashToTreasuryPlanck: 0n, slashBurnedPlanck: 0n, slashReporterRewardPlanck: 0n, elections: 0,
});

const eraNum = codec<number>(C.encodeEraNumberKey);
const eraKeyC = codec<string>(C.encodeEraKey);
const pageKeyC = codec<string>(C.encodePageKey);

export class StakingStorage {
  readonly ledger: StorageMap<AccountId, StakingLedger>;
  readonly payee: StorageMap<AccountId, RewardDestination>;
  readonly validators: StorageMap<AccountId, ValidatorPrefs>;
  readonly nominators: StorageMap<AccountId, Nominations>;
  readonly currentEra: StorageValue<EraIndex>;
  readonly activeEra: StorageValue<ActiveEraInfo>;
  readonly currentSession: StorageValue<number>;
  readonly sessionValidators: StorageValue<readonly AccountId[]>;
  readonly disabledValidators: StorageValue<readonly AccountId[]>;
  readonly erasStakersOverview: StorageMap<string, ExposureOverview>;
  readonly erasStakersPaged: StorageMap<string, ExposurePage>;
  readonly erasValidatorPrefs: StorageMap<string, ValidatorPrefs>;
  readonly erasValidatorReward: StorageMap<EraIndex, Planck>;
  readonly erasRewardPoints: StorageMap<string, number>;
  readonly erasTotalRewardPoints: StorageMap<EraIndex, number>;
  readonly erasTotalStake: StorageMap<EraIndex, Planck>;
  readonly erasElected: StorageMap<EraIndex, readonly AccountId[]>;
  readonly erasRewardPaid: StorageMap<EraIndex, Planck>;
  readonly claimedRewards: StorageMap<string, readonly number[]>;
  readonly slashingSpans: StorageMap<AccountId, SlashingSpans>;
  readonly spanSlash: StorageMap<string, SpanRecord>;   // key "spanIndex|stash"
  readonly validatorSlashInEra: StorageMap<string, ValidatorSlash>;
  readonly nominatorSlashInEra: StorageMap<string, Planck>;
  readonly unappliedSlashes: StorageMap<EraIndex, readonly UnappliedSlash[]>;
  readonly stats: StorageValue<StakingStats>;
  /** The snapshot of the next era's election, taken electionLookaheadBlocks early (EPM's Snapshot; lab: not in the root). */
  readonly pendingElection: StorageValue<PendingElection | null>;

  constructor(journal: Journal) {
    const m = <K, V>(name: string, k: { encode(k: K): Uint8Array }, v: (x: V) => Uint8Array) => new StorageMap<K, V>(`staking.${name}`, journal, k, codec(v));
    this.ledger = m('Ledger', accountIdCodec, C.encodeLedger);
    this.payee = m('Payee', accountIdCodec, C.encodePayee);
    this.validators = m('Validators', accountIdCodec, C.encodePrefs);
    this.nominators = m('Nominators', accountIdCodec, C.encodeNominations);
    this.currentEra = new StorageValue('staking.CurrentEra', journal, 0, u32Codec);
    this.activeEra = new StorageValue<ActiveEraInfo>('staking.ActiveEra', journal, { index: 0, startMs: 0 }, codec(C.encodeActiveEra));
    this.currentSession = new StorageValue('staking.CurrentSession', journal, 0, u32Codec);
    this.sessionValidators = new StorageValue<readonly AccountId[]>('staking.SessionValidators', journal, [], codec(C.encodeAccounts));
    this.disabledValidators = new StorageValue<readonly AccountId[]>('staking.DisabledValidators', journal, [], codec(C.encodeAccounts));
    this.erasStakersOverview = m('ErasStakersOverview', eraKeyC, C.encodeOverview);
    this.erasStakersPaged = m('ErasStakersPaged', pageKeyC, C.encodePage);
    this.erasValidatorPrefs = m('ErasValidatorPrefs', eraKeyC, C.encodePrefs);
    this.erasValidatorReward = m('ErasValidatorReward', eraNum, (v: Planck) => u128Codec.encode(v));
    this.erasRewardPoints = m('ErasRewardPoints', eraKeyC, (v: number) => u32Codec.encode(v));
    this.erasTotalRewardPoints = m('ErasTotalRewardPoints', eraNum, (v: number) => u32Codec.encode(v));
    this.erasTotalStake = m('ErasTotalStake', eraNum, (v: Planck) => u128Codec.encode(v));
    this.erasElected = m('ErasElected', eraNum, C.encodeAccounts);
    this.erasRewardPaid = m('ErasRewardPaid', eraNum, (v: Planck) => u128Codec.encode(v));
    this.claimedRewards = m('ClaimedRewards', eraKeyC, C.encodeU32List);
    this.slashingSpans = m('SlashingSpans', accountIdCodec, C.encodeSpans);
    this.spanSlash = m('SpanSlash', eraKeyC, C.encodeSpanRecord);
    this.validatorSlashInEra = m('ValidatorSlashInEra', eraKeyC, C.encodeValidatorSlash);
    this.nominatorSlashInEra = m('NominatorSlashInEra', eraKeyC, (v: Planck) => u128Codec.encode(v));
    this.unappliedSlashes = m('UnappliedSlashes', eraNum, C.encodeUnappliedList);
    this.stats = new StorageValue<StakingStats>('staking.lab.Stats', journal, ZERO_STATS, codec(() => new Uint8Array(0)));
    this.pendingElection = new StorageValue<PendingElection | null>('staking.lab.PendingElection', journal, null, codec(() => new Uint8Array(0)));
  }

  rootItems() {
    return [this.ledger, this.payee, this.validators, this.nominators, this.currentEra, this.activeEra, this.currentSession,
      this.sessionValidators, this.disabledValidators, this.erasStakersOverview, this.erasStakersPaged, this.erasValidatorPrefs,
      this.erasValidatorReward, this.erasRewardPoints, this.erasTotalRewardPoints, this.erasTotalStake, this.erasElected,
      this.erasRewardPaid, this.claimedRewards, this.slashingSpans, this.spanSlash, this.validatorSlashInEra,
      this.nominatorSlashInEra, this.unappliedSlashes];
  }
  snapshotItems() { return [...this.rootItems(), this.stats, this.pendingElection]; }
}
