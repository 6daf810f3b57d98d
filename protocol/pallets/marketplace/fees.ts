// The network fee of a marketplace call goes through the fee split of the payment pallet (burn / block author /
// treasury). The marketplace sees it through this port so that N aggregated calls are charged exactly like N single
// calls: the split is computed on ONE call's fee and multiplied by the count, never on the sum (floors differ).

import type { AccountId, Planck } from '../../primitives/units.js';
import type { DispatchResult } from '../../primitives/dispatch.js';
import { ok, assert } from '../../primitives/dispatch.js';
import { PERBILL, mulFloor, type Parts } from '../../primitives/perthing.js';
import type { Balances } from '../balances/index.js';
import type { Payment } from '../payment/index.js';
import { MARKETPLACE_CALL_WEIGHTS } from './calls.js';

export interface FeeParts { readonly burnPlanck: Planck; readonly authorPlanck: Planck; readonly treasuryPlanck: Planck }

export interface NetworkFeePort {
  /** Charge `count` calls' fee of `feePlanck` each to `payer` (kept alive), split per call; returns the totals routed. */
  charge(payer: AccountId, feePlanck: Planck, count: number): DispatchResult<FeeParts>;
  /** The inclusion fee one call_model extrinsic of `lengthBytes` pays in the current block (0: not modelled). */
  inclusionFeePlanck(lengthBytes: number): Planck;
}

export interface FeeSplitParts { readonly burn: Parts; readonly author: Parts; readonly treasury: Parts }

/** Split one fee as the payment pallet does: burn and treasury floor, the author takes the rest (parts sum exactly). */
export function splitOneFee(fee: Planck, split: FeeSplitParts): FeeParts {
  assert(split.burn + split.author + split.treasury === PERBILL.accuracy, 'fee split must sum to 100%');
  const burnPlanck = mulFloor(PERBILL, split.burn, fee);
  const treasuryPlanck = mulFloor(PERBILL, split.treasury, fee);
  return { burnPlanck, authorPlanck: fee - burnPlanck - treasuryPlanck, treasuryPlanck };
}

/**
 * The runtime's port: network fees join the payment pallet's per-block fee pot, split per call with its rounding
 * (burn floor, treasury floor, author remainder), so they are burned / paid to the author / the treasury at
 * finalizeBlock exactly like inclusion fees, and folded into its feesPaid statistic.
 */
export function paymentFeePort(payment: Payment, balances: Balances): NetworkFeePort {
  return {
    inclusionFeePlanck: (lengthBytes) => payment.inclusionFee(lengthBytes, MARKETPLACE_CALL_WEIGHTS.call_model),
    charge(payer, feePlanck, count) {
      assert(Number.isInteger(count) && count >= 0, 'fee port: bad count');
      const one = splitOneFee(feePlanck, payment.config.split);
      const n = BigInt(count);
      const parts = { burnPlanck: one.burnPlanck * n, authorPlanck: one.authorPlanck * n, treasuryPlanck: one.treasuryPlanck * n };
      const total = feePlanck * n;
      if (total === 0n) return ok(parts);
      const w = balances.withdraw(payer, total, 'Preserve');
      if (!w.ok) return w;
      const pot = payment.storage.pot.get();
      payment.storage.pot.set({ ...pot, burn: pot.burn + parts.burnPlanck, author: pot.author + parts.authorPlanck,
                                treasury: pot.treasury + parts.treasuryPlanck, fees: pot.fees + total });
      return ok(parts);
    },
  };
}

/**
 * A port over balances: withdraw the fee as a credit (Preserve: the payer stays alive), burn the burn part, deposit
 * the author and treasury parts (a part an account can't receive is burned, as ToAuthor drops it: SUBSTRATE.md §2.4).
 * `split` is a function so the runtime can pass the payment pallet's own split of one fee.
 */
export function balancesFeePort(balances: Balances, split: (feePlanck: Planck) => FeeParts,
                                author: () => AccountId | null, treasury: AccountId,
                                inclusionFee: (lengthBytes: number) => Planck = () => 0n): NetworkFeePort {
  return {
    inclusionFeePlanck: inclusionFee,
    charge(payer, feePlanck, count) {
      assert(Number.isInteger(count) && count >= 0, 'fee port: bad count');
      const one = split(feePlanck);
      assert(one.burnPlanck + one.authorPlanck + one.treasuryPlanck === feePlanck, 'fee split must be exact');
      const n = BigInt(count);
      const parts = { burnPlanck: one.burnPlanck * n, authorPlanck: one.authorPlanck * n, treasuryPlanck: one.treasuryPlanck * n };
      const total = feePlanck * n;
      if (total === 0n) return ok(parts);
      const w = balances.withdraw(payer, total, 'Preserve');
      if (!w.ok) return w;
      if (parts.burnPlanck > 0n) balances.burnCredit(parts.burnPlanck);
      const a = author();
      if (parts.authorPlanck > 0n) {
        if (a === null) balances.burnCredit(parts.authorPlanck);
        else balances.resolveCredit(a, parts.authorPlanck);
      }
      if (parts.treasuryPlanck > 0n) balances.resolveCredit(treasury, parts.treasuryPlanck);
      return ok(parts);
    },
  };
}
