// Slashing (substrate/frame/staking/src/slashing.rs, SUBSTRATE.md §3.7): the slash of an offence in era e is
// fraction × exposure; within one slashing span a staker pays only the maximum slash (max − already slashed), never
// the sum; a slash in the current span ends it. Nominators pay fraction × their exposure to the offender, with the
// era's prior max subtracted, and compare it against their own spans the same way. Reporter reward per span:
// 50% × (SlashRewardFraction × span_slash − paid_out). Pure span arithmetic here; storage access goes through
// the SpanStore the pallet passes in.

import type { AccountId, EraIndex, Planck } from '../../primitives/units.js';
import { PERBILL, mulRound, type Parts } from '../../primitives/perthing.js';
import { assert } from '../../primitives/dispatch.js';
import type { SlashingSpans, SpanRecord, UnappliedSlash } from './storage.js';
import type { IndividualExposure } from './exposure.js';

/** REWARD_F1: the share of the reward-fraction that goes to reporters (50%). */
export const REWARD_F1: Parts = 500_000_000n;
const SPANS_PRIOR_MAX = 10_000;

export interface SpanView { readonly index: number; readonly start: EraIndex; readonly length: number | null }

export function newSpans(windowStart: EraIndex): SlashingSpans {
  return { spanIndex: 0, lastStart: windowStart, lastNonzeroSlash: 0, prior: [] };
}

/** Spans newest first: the ongoing one, then prior ones (SlashingSpans::iter). */
export function iterSpans(s: SlashingSpans): SpanView[] {
  const out: SpanView[] = [{ index: s.spanIndex, start: s.lastStart, length: null }];
  let lastStart = s.lastStart;
  let index = s.spanIndex;
  for (const length of s.prior) {
    const start = Math.max(lastStart - length, 0);
    lastStart = start;
    index = Math.max(index - 1, 0);
    out.push({ index, start, length });
  }
  return out;
}

export function eraSpan(s: SlashingSpans, era: EraIndex): SpanView | null {
  for (const sp of iterSpans(s)) if (sp.start <= era && (sp.length === null || sp.start + sp.length > era)) return sp;
  return null;
}

/** end_span(now): the ongoing span ends at `now`; a new one starts at now + 1. */
export function endSpan(s: SlashingSpans, now: EraIndex): SlashingSpans {
  const nextStart = now + 1;
  if (nextStart <= s.lastStart) return s;
  assert(s.prior.length < SPANS_PRIOR_MAX, 'slashing: too many spans');
  return { ...s, prior: [nextStart - s.lastStart, ...s.prior], lastStart: nextStart, spanIndex: s.spanIndex + 1 };
}

/** prune(window_start): drop spans that ended before the window; returns pruned span indices [from, to). */
export function pruneSpans(s: SlashingSpans, windowStart: EraIndex): { spans: SlashingSpans; pruned: [number, number] | null } {
  const views = iterSpans(s).slice(1);
  const oldIdx = views.findIndex((sp) => sp.length !== null && sp.start + sp.length <= windowStart);
  const earliest = s.spanIndex - s.prior.length;
  let prior = s.prior;
  let pruned: [number, number] | null = null;
  if (oldIdx >= 0) {
    prior = s.prior.slice(0, oldIdx);
    pruned = [earliest, s.spanIndex - prior.length];
  }
  return { spans: { ...s, prior, lastStart: Math.max(s.lastStart, windowStart) }, pruned };
}

/** Storage the span logic reads and writes (the pallet implements it over StorageMaps). */
export interface SpanStore {
  getSpans(stash: AccountId): SlashingSpans | undefined;
  setSpans(stash: AccountId, s: SlashingSpans): void;
  getSpanRecord(stash: AccountId, index: number): SpanRecord;
  setSpanRecord(stash: AccountId, index: number, r: SpanRecord): void;
  deleteSpanRecord(stash: AccountId, index: number): void;
}

/**
 * InspectingSpans for one staker: compare `slash` (the staker's era slash) with its span's record; returns the extra
 * amount to slash now and the reporter reward accrued, and ends the ongoing span if the slash fell in it.
 */
export function updateSpanSlash(store: SpanStore, stash: AccountId, windowStart: EraIndex, now: EraIndex,
                                slashEra: EraIndex, slash: Planck, rewardProportion: Parts): { slash: Planck; reward: Planck } {
  let spans = store.getSpans(stash) ?? newSpans(windowStart);
  let extra = 0n;
  let reward = 0n;
  let dirty = !store.getSpans(stash);
  const target = eraSpan(spans, slashEra);
  if (target !== null) {
    const rec = store.getSpanRecord(stash, target.index);
    let slashed = rec.slashed;
    let paidOut = rec.paidOut;
    let changed = false;
    const rewardFor = (s: Planck): Planck => {
      const r = mulRound(PERBILL, rewardProportion, s);
      return mulRound(PERBILL, REWARD_F1, r > paidOut ? r - paidOut : 0n);
    };
    if (slashed < slash) {
      extra = slash - slashed;
      slashed = slash;
      reward = rewardFor(slash);
      spans = { ...spans, lastNonzeroSlash: Math.max(spans.lastNonzeroSlash, slashEra) };
      changed = true;
    } else if (slashed === slash) {
      reward = rewardFor(slash);
    }
    if (reward > 0n) { changed = true; paidOut += reward; }
    if (changed) { dirty = true; store.setSpanRecord(stash, target.index, { slashed, paidOut }); }
    if (target.index === spans.spanIndex) { spans = endSpan(spans, now); dirty = true; }
  }
  if (dirty) {
    const p = pruneSpans(spans, windowStart);
    if (p.pruned !== null) for (let i = p.pruned[0]; i < p.pruned[1]; i++) store.deleteSpanRecord(stash, i);
    store.setSpans(stash, p.spans);
  }
  return { slash: extra, reward };
}

export interface SlashParams {
  readonly stash: AccountId;
  readonly fraction: Parts;
  readonly own: Planck;
  readonly total: Planck;
  readonly others: readonly IndividualExposure[];
  readonly slashEra: EraIndex;
  readonly windowStart: EraIndex;
  readonly now: EraIndex;
  readonly rewardProportion: Parts;
}

/** Era-level max tracking the pallet keeps (ValidatorSlashInEra / NominatorSlashInEra). */
export interface EraSlashStore {
  getValidatorSlash(era: EraIndex, stash: AccountId): { fraction: Parts; amount: Planck } | undefined;
  setValidatorSlash(era: EraIndex, stash: AccountId, v: { fraction: Parts; amount: Planck }): void;
  getNominatorSlash(era: EraIndex, stash: AccountId): Planck;
  setNominatorSlash(era: EraIndex, stash: AccountId, v: Planck): void;
}

/** compute_slash: null when nothing new is owed (zero slash, or not the era's max for this validator). */
export function computeSlash(p: SlashParams, spans: SpanStore, eras: EraSlashStore): Omit<UnappliedSlash, 'slashEra'> | null {
  const ownSlash = mulRound(PERBILL, p.fraction, p.own);
  if (mulRound(PERBILL, p.fraction, p.total) === 0n) return null;
  const prior = eras.getValidatorSlash(p.slashEra, p.stash)?.fraction ?? 0n;
  if (p.fraction <= prior) return null;
  eras.setValidatorSlash(p.slashEra, p.stash, { fraction: p.fraction, amount: ownSlash });
  const v = updateSpanSlash(spans, p.stash, p.windowStart, p.now, p.slashEra, ownSlash, p.rewardProportion);
  let payout = v.reward;
  const others: Array<readonly [AccountId, Planck]> = [];
  for (const n of p.others) {
    const priorSlash = mulRound(PERBILL, prior, n.value);
    const bySlash = mulRound(PERBILL, p.fraction, n.value);
    const eraSlash = eras.getNominatorSlash(p.slashEra, n.who) + (bySlash > priorSlash ? bySlash - priorSlash : 0n);
    eras.setNominatorSlash(p.slashEra, n.who, eraSlash);
    const r = updateSpanSlash(spans, n.who, p.windowStart, p.now, p.slashEra, eraSlash, p.rewardProportion);
    payout += r.reward;
    others.push([n.who, r.slash]);
  }
  return { validator: p.stash, own: v.slash, others, reporters: [], payout };
}

/** UpToLimitDisablingStrategy (factor 3): at most (n − 1) / 3 validators disabled per era. */
export function disableLimit(activeSetSize: number): number { return Math.floor(Math.max(activeSetSize - 1, 0) / 3); }
