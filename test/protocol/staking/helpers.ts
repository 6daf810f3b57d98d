// Small runtimes for staking tests: short eras, a handful of validators and nominators, blocks authored by rotation.
import { Runtime, runtimeConfigFromScenario, type Genesis } from '../../../protocol/runtime.js';
import type { StakingSection } from '../../../protocol/pallets/staking/index.js';
import type { GenesisStaker } from '../../../protocol/pallets/staking/index.js';

export const BAI = 10n ** 18n;

export function smallRuntime(staking: Partial<StakingSection>, genesis: Genesis, extra: Record<string, unknown> = {}): Runtime {
  const config = runtimeConfigFromScenario({ staking, ...extra } as never);
  return new Runtime(config, genesis);
}

/** Author blocks by rotation over the active set until block `to` (inclusive); checks invariants every block. */
export function runBlocks(rt: Runtime, to: number, blockTimeMs = 12_000, check = true): void {
  for (let n = rt.currentBlock + 1; n <= to; n++) {
    const set = rt.staking.validatorsForBlock(n);
    const author = set.length > 0 ? set[n % set.length]! : '';
    rt.initializeBlock(n, author, n * blockTimeMs);
    rt.finalizeBlock();
    if (check) rt.checkInvariants();
    rt.drainEvents();
  }
}

export function stakers(nv: number, nn: number, bond: bigint, targetsPer: number): { endowed: Genesis['endowed']; stakers: GenesisStaker[] } {
  const endowed: Array<{ who: string; amountPlanck: bigint }> = [];
  const st: GenesisStaker[] = [];
  for (let i = 0; i < nv; i++) {
    const who = `validator/${String(i).padStart(4, '0')}`;
    endowed.push({ who, amountPlanck: bond * 2n });
    st.push({ stash: who, bondPlanck: bond, role: 'validator', commission: 50_000_000n });
  }
  for (let i = 0; i < nn; i++) {
    const who = `nominator/${String(i).padStart(5, '0')}`;
    endowed.push({ who, amountPlanck: bond * 2n });
    const targets = Array.from({ length: Math.min(targetsPer, nv) }, (_, k) => `validator/${String((i * 7 + k * 13) % nv).padStart(4, '0')}`);
    st.push({ stash: who, bondPlanck: bond / 2n, role: 'nominator', targets });
  }
  return { endowed, stakers: st };
}
