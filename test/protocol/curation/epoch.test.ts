// The pallet's era-end epoch (flat sparse rows built straight from the column-wise storage, a table model index)
// equals the epoch composed the straightforward way from the same storage: permitted curators ranked by bond, sparse
// rows of served models with self-scores and zeros dropped, the object-based yumaEpoch, bonds re-keyed by model id.
// Random economies, several eras in a row (bond history, curators going inactive), all three rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { economy } from '../grants/harness.js';
import { yumaEpoch, dividends as dividendsOf, qfMatchWeights, sharesOf, type CurationRule } from '../../../protocol/pallets/curation/index.js';
import type { ScoreEntry } from '../../../protocol/pallets/curation/weights.js';

type Eco = ReturnType<typeof economy>;

function referenceEpoch(e: Eco, era: number) {
  const cur = e.cur, cfg = cur.config;
  const modelIds = [...e.mp.storage.models.keys()].sort((a, b) => a - b).filter((id) => e.mp.isServed(id));
  const index = new Map(modelIds.map((id, j) => [id, j]));
  const keys = cur.storage.curators.sortedKeysList();
  const ranked = keys.map((k, i) => ({ k, i, b: cur.storage.curators.get(k)!.bondPlanck }))
    .sort((x, y) => (x.b > y.b ? -1 : x.b < y.b ? 1 : x.i - y.i));
  const permit = new Set(ranked.slice(0, cfg.maxVotingCurators).map((x) => x.k));
  const curators = keys.filter((k) => permit.has(k));
  const stake: bigint[] = [], rows: ScoreEntry[][] = [], prev: ScoreEntry[][] = [];
  for (const who of curators) {
    const c = cur.storage.curators.get(who)!;
    const active = c.lastScoredEra !== 0xffffffff && era - c.lastScoredEra < cfg.activityCutoffEras;
    stake.push(active ? c.bondPlanck : 0n);
    const s = cur.storage.scores.get(who);
    const row: ScoreEntry[] = [];
    s?.modelIds.forEach((id, x) => {
      const j = index.get(id);
      if (j !== undefined && s.scores[x]! !== 0 && e.mp.owner(id) !== who) row.push({ model: j, score: s.scores[x]! });
    });
    rows.push(row);
    const b = cur.storage.bonds.get(who);
    const p: ScoreEntry[] = [];
    b?.modelIds.forEach((id, x) => { const j = index.get(id); if (j !== undefined) p.push({ model: j, score: b.bonds[x]! }); });
    prev.push(p);
  }
  const y = yumaEpoch({ stakePlanck: stake, scores: rows, bondsPrev: prev, modelCount: modelIds.length,
    kappaParts: cfg.kappaParts, alphaParts: cfg.bondsAlphaParts, clip: cfg.rule !== 'mean' });
  let incentive = y.incentive, dividends = y.dividends;
  if (cfg.rule === 'quadratic') {
    const pay = e.mp.eraPaymentsByModel();
    incentive = sharesOf(qfMatchWeights(modelIds.map((id) => pay.get(id) ?? [])));
    dividends = dividendsOf(y.bonds, incentive);
  }
  const bonds = new Map(curators.map((who, i) => [who, y.bonds[i]!.map((b) => ({ modelId: modelIds[b.model]!, bond: b.score }))]));
  return { modelIds, incentive, curators, dividends, bonds };
}

describe('runEpoch == the epoch composed straightforwardly from storage', () => {
  const plan = fc.record({
    rule: fc.constantFrom<CurationRule>('yuma', 'mean', 'quadratic'),
    maxVoting: fc.integer({ min: 1, max: 6 }),
    providers: fc.integer({ min: 1, max: 4 }),
    curators: fc.array(fc.record({ bond: fc.constantFrom(100n, 200n, 300n), alsoProvider: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    eras: fc.array(fc.array(fc.record({ curator: fc.nat(), scores: fc.array(fc.nat({ max: 65535 }), { maxLength: 8 }) }), { maxLength: 6 }),
      { minLength: 1, maxLength: 3 }),
  });
  it('incentive, dividends and stored bonds, era after era', () => {
    fc.assert(fc.property(plan, (p) => {
      const e = economy({ rule: p.rule, maxVotingCurators: p.maxVoting });
      for (let i = 0; i < p.providers; i++) e.provider(`p${i}`, 2);
      p.curators.forEach((c, i) => { e.curator(`c${i}`, c.bond); if (c.alsoProvider) e.provider(`c${i}`, 1); });
      const models = [...e.mp.storage.models.keys()].sort((a, b) => a - b);
      p.eras.forEach((calls, era) => {
        e.setEra(era);
        for (const call of calls) {
          const who = `c${call.curator % p.curators.length}`;
          const picked = [...new Set(call.scores.map((_, k) => models[(k * 3 + call.curator) % models.length]!))].sort((a, b) => a - b);
          const scores = picked.map((modelId, k) => ({ modelId, score: call.scores[k]! }));
          e.journal.transactional(() => e.cur.setScores(who, scores)); // refused without a permit: state unchanged
        }
        if (p.rule === 'quadratic' && models.length > 0) {
          e.consumer(`u${era}`);
          e.tx(() => e.mp.callsBatch(`u${era}`, [{ modelId: models[0]!, count: 2 }], 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e'));
        }
        const want = referenceEpoch(e, era);
        const got = e.journal.transactional(() => ({ ok: true as const, value: e.cur.runEpoch(era) }));
        if (!got.ok) throw new Error('epoch failed');
        expect(got.value.modelIds).toEqual(want.modelIds);
        expect(got.value.curators).toEqual(want.curators);
        expect(got.value.incentive).toEqual(want.incentive);
        expect(got.value.dividends).toEqual(want.dividends);
        for (const who of e.cur.storage.curators.keys()) {
          const stored = e.cur.storage.bonds.get(who);
          const expected = want.bonds.get(who) ?? [];
          expect(stored === undefined ? [] : stored.modelIds.map((modelId, x) => ({ modelId, bond: stored.bonds[x]! }))).toEqual(expected);
        }
      });
    }), { numRuns: 120 });
  });
});
