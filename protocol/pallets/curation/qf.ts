// Quadratic funding (BALANCEAI.md §4 "Other rules"; Buterin, Hitzig, Weyl 2018, "Liberal Radicalism"):
// match_p ∝ (Σ_i √c_ip)² − Σ_i c_ip, where c_ip is what consumer i paid for project p this epoch.
// Square roots are taken exactly on a scaled integer: √c is represented as isqrt(c · Q²) = ⌊√c · Q⌋ with Q = 10^9,
// so match is computed in units of planck·Q² and is exact whenever every c is a perfect square.

import { assert } from '../../primitives/dispatch.js';
import { isqrt } from './fixed-math.js';

export const QF_SQRT_SCALE = 1_000_000_000n;
const Q2 = QF_SQRT_SCALE * QF_SQRT_SCALE;

/** Matching weight of one project from its contributions (planck), in planck · 10^18 units; never negative. */
export function qfMatchWeight(contributionsPlanck: readonly bigint[]): bigint {
  let rootSum = 0n;
  let plain = 0n;
  for (const c of contributionsPlanck) {
    assert(c >= 0n, 'qf: negative contribution');
    rootSum += isqrt(c * Q2);
    plain += c;
  }
  const m = rootSum * rootSum - plain * Q2;
  // Flooring each root can only lower (Σ√c)², so the floor can dip below Σc for a single contributor: clamp at 0.
  return m > 0n ? m : 0n;
}

/** Matching weights for every project; projects are listed in canonical order by the caller. */
export function qfMatchWeights(perProject: ReadonlyArray<readonly bigint[]>): bigint[] {
  return perProject.map(qfMatchWeight);
}
