// Economics KPIs: issuance, mint/burn, fees, staking ratio and yields, treasury and grant pool, emission budget.
// Each KPI is defined once here; the collector samples them at day boundaries and at the end of a run.
//
// Yields: validatorApy / nominatorApy are time-weighted simple annual yields over the run so far:
//   Σ rewards received / ∫ stake dt  × (365.25 days),
// with the stake integral sampled at each day end (stake held during that day). Rewards come from the chain's
// reward events as the adapter classifies them (validator: own stake + commission; nominator: its share).

import type { Planck } from '../../../protocol/primitives/units.js';
import type { KpiDef, KpiSource, KpiValues } from '../kpi.js';

export const ECONOMICS_KPIS: readonly KpiDef[] = [
  { name: 'totalIssuance', unit: 'planck', series: true, description: 'Total issuance at the end of the period.' },
  { name: 'minted', unit: 'planck', series: true, description: 'Cumulative amount minted since genesis (emissions, rewards).' },
  { name: 'burned', unit: 'planck', series: true, description: 'Cumulative amount burned since genesis (fee burn, dust, treasury burn).' },
  { name: 'feesPaid', unit: 'planck', series: true, description: 'Cumulative inclusion fees paid since genesis (base + length + weight fees; tips excluded).' },
  { name: 'stakingRatio', unit: 'ratio', series: true, description: 'Bonded stake / total issuance.' },
  { name: 'validatorApy', unit: 'ratio', series: true, description: 'Time-weighted annual yield of validators\' own stake (rewards incl. commission / stake-years).' },
  { name: 'nominatorApy', unit: 'ratio', series: true, description: 'Time-weighted annual yield of nominators\' stake (rewards / stake-years).' },
  { name: 'treasuryBalance', unit: 'planck', series: true, description: 'Free balance of the treasury account.' },
  { name: 'grantPool', unit: 'planck', series: true, description: 'Balance of the grant programme pool.' },
  { name: 'emittedTo', unit: 'planck', series: true, keyed: true, description: 'Cumulative emissions sent to each budget recipient.' },
  { name: 'feeMultiplier', unit: 'ratio', series: true, description: 'Transaction fee multiplier (TargetedFeeAdjustment) at the end of the period.' },
];

/** What the economics KPIs read from the chain (an adapter over the runtime). */
export interface EconomicsReads {
  totalIssuance(): Planck;
  minted(): Planck;
  burned(): Planck;
  feesPaid(): Planck;
  emittedTo(): Readonly<Record<string, Planck>>;
  totalBonded(): Planck;
  /** Own stake of active validators, and nominators' stake backing them. */
  stake(): { validators: Planck; nominators: Planck };
  treasuryBalance(): Planck;
  grantPool(): Planck;
  feeMultiplier(): number;
}

/** Reward amounts found in one block's events. */
export interface RewardTally { validators: Planck; nominators: Planck }

const YEAR_MS = 365.25 * 86_400_000;

interface EconState { rewardsV: Planck; rewardsN: Planck; stakeMsV: Planck; stakeMsN: Planck; lastSampleMs: number }

export class EconomicsSource implements KpiSource {
  readonly defs = ECONOMICS_KPIS;
  private s: EconState = { rewardsV: 0n, rewardsN: 0n, stakeMsV: 0n, stakeMsN: 0n, lastSampleMs: 0 };

  constructor(private readonly reads: EconomicsReads, private readonly nowMs: () => number) {}

  /** Add the rewards of one block (called by the world with the block's events, classified by the adapter). */
  addRewards(t: RewardTally): void {
    this.s.rewardsV += t.validators;
    this.s.rewardsN += t.nominators;
  }

  /** Integrate the stake held since the last sample (call at each day end, before sample()). */
  integrate(): void {
    const now = this.nowMs();
    const dt = BigInt(now - this.s.lastSampleMs);
    if (dt > 0n) {
      const st = this.reads.stake();
      this.s.stakeMsV += st.validators * dt;
      this.s.stakeMsN += st.nominators * dt;
      this.s.lastSampleMs = now;
    }
  }

  sample(): KpiValues {
    const r = this.reads;
    const issuance = r.totalIssuance();
    return {
      totalIssuance: issuance,
      minted: r.minted(),
      burned: r.burned(),
      feesPaid: r.feesPaid(),
      stakingRatio: ratio(r.totalBonded(), issuance),
      validatorApy: yieldOf(this.s.rewardsV, this.s.stakeMsV),
      nominatorApy: yieldOf(this.s.rewardsN, this.s.stakeMsN),
      treasuryBalance: r.treasuryBalance(),
      grantPool: r.grantPool(),
      emittedTo: { ...r.emittedTo() },
      feeMultiplier: r.feeMultiplier(),
    };
  }

  snapshot(): unknown { return { ...this.s }; }
  restoreSnapshot(s: unknown): void { this.s = { ...(s as EconState) }; }
}

/** a / b as a double with 1e-12 resolution (exact bigint division first; never divides by zero). */
export function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return 0;
  const SCALE = 1_000_000_000_000n;
  return Number((a * SCALE) / b) / 1e12;
}

/** rewards / (stake·ms) × year, as a double. */
export function yieldOf(rewards: bigint, stakeMs: bigint): number {
  if (stakeMs === 0n) return 0;
  const SCALE = 1_000_000_000_000n;
  return (Number((rewards * SCALE * BigInt(Math.round(YEAR_MS))) / stakeMs)) / 1e12;
}
