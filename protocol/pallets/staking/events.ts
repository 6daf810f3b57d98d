// pallet_staking events the lab emits (types in ./types.ts BaiStakingEvent).
import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import type { RuntimeEvent } from '../../primitives/events.js';
import type { Parts } from '../../primitives/perthing.js';
import type { RewardDestination, ValidatorPrefs } from './storage.js';

const ev = (name: string, data: Record<string, unknown>): RuntimeEvent => ({ pallet: 'staking', name, data });

export const stakingEvents = {
  eraPaid: (eraIndex: EraIndex, validatorPayout: Planck, remainder: Planck) => ev('EraPaid', { eraIndex, validatorPayout, remainder }),
  rewarded: (stash: AccountId, dest: RewardDestination, amount: Planck) => ev('Rewarded', { stash, dest, amount }),
  slashed: (staker: AccountId, amount: Planck) => ev('Slashed', { staker, amount }),
  slashReported: (validator: AccountId, fraction: Parts, slashEra: EraIndex) => ev('SlashReported', { validator, fraction, slashEra }),
  oldSlashingReportDiscarded: (sessionIndex: number) => ev('OldSlashingReportDiscarded', { sessionIndex }),
  stakersElected: (eraIndex: EraIndex, count: number) => ev('StakersElected', { eraIndex, count }),
  bonded: (stash: AccountId, amount: Planck) => ev('Bonded', { stash, amount }),
  unbonded: (stash: AccountId, amount: Planck) => ev('Unbonded', { stash, amount }),
  withdrawn: (stash: AccountId, amount: Planck) => ev('Withdrawn', { stash, amount }),
  chilled: (stash: AccountId) => ev('Chilled', { stash }),
  payoutStarted: (eraIndex: EraIndex, validatorStash: AccountId, page: number, next: number | null) => ev('PayoutStarted', { eraIndex, validatorStash, page, next }),
  validatorPrefsSet: (stash: AccountId, prefs: ValidatorPrefs) => ev('ValidatorPrefsSet', { stash, prefs }),
  nominated: (stash: AccountId, targets: readonly AccountId[]) => ev('Nominated', { stash, targets }),
  validatorDisabled: (stash: AccountId) => ev('ValidatorDisabled', { stash }),
  rewardExpired: (eraIndex: EraIndex, amount: Planck) => ev('RewardExpired', { eraIndex, amount }),
};
