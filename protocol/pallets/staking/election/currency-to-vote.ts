// U128CurrencyToVote (frame_support): vote weights are u64, so balances are scaled down by
// factor = max(total_issuance / u64::MAX, 1). With DOT's 10 decimals the factor is 1; with BAI's 18 decimals
// and 21M supply (2.1e25 planck) it is ≈ 1.14e6, so stake granularity in elections is ~1e-12 BAI (SUBSTRATE.md §3.2).

import { U64_MAX } from '../../../primitives/units.js';

export function currencyToVoteFactor(totalIssuance: bigint): bigint {
  const f = totalIssuance / U64_MAX;
  return f > 1n ? f : 1n;
}

/** to_vote: value / factor, saturated into u64. */
export function toVote(value: bigint, totalIssuance: bigint): bigint {
  const v = value / currencyToVoteFactor(totalIssuance);
  return v > U64_MAX ? U64_MAX : v;
}

/** to_currency: vote × factor (exposures are stored in currency units). */
export function toCurrency(vote: bigint, totalIssuance: bigint): bigint {
  return vote * currencyToVoteFactor(totalIssuance);
}
