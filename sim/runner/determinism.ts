// --check-determinism: run the same scenario and seed twice with trace logs and compare. On a mismatch, report the
// first divergent event (tick, kind, actor); when the logs lack that event's detail, re-run both recording exactly
// the divergent window.

import { compareTraceLogs, type Divergence, type TraceLog } from '../engine/index.js';
import type { Scenario } from '../../scenarios/schema.js';
import { runScenario, type RunOptions, type RunResult } from './run.js';
import { summaryText } from '../metrics/summary.js';
import { timeseriesToArrow } from '../metrics/timeseries.js';

export interface DeterminismReport {
  readonly ok: boolean;
  readonly first: RunResult;
  readonly message: string;   // one paragraph for the terminal
}

const LOG = { checkpointEvery: 1024, detailFrom: 0, detailTo: 1 << 16 };

export async function checkDeterminism(scenario: Scenario, opts: Omit<RunOptions, 'outDir' | 'checkpointEveryDays' | 'traceLog'>): Promise<DeterminismReport> {
  const a = await runScenario(scenario, { ...opts, traceLog: LOG });
  const b = await runScenario(scenario, { ...opts, onProgress: undefined, traceLog: LOG });
  return compareRuns(a, b, async (from, to) => {
    const w = { checkpointEvery: LOG.checkpointEvery, detailFrom: from, detailTo: to };
    const a2 = await runScenario(scenario, { ...opts, onProgress: undefined, traceLog: w });
    const b2 = await runScenario(scenario, { ...opts, onProgress: undefined, traceLog: w });
    return compareTraceLogs(logOf(a2), logOf(b2));
  });
}

function logOf(r: RunResult): TraceLog {
  const log = r.world.engine.trace.log;
  if (log === null) throw new Error('determinism: run without a trace log');
  return log;
}

/** Compare two runs of the same scenario and seed; `rerun` re-records a window when the logs lack detail. */
export async function compareRuns(a: RunResult, b: RunResult,
    rerun?: (fromEvent: number, toEvent: number) => Promise<Divergence>): Promise<DeterminismReport> {
  const ha = a.summary.traceHash, hb = b.summary.traceHash;
  const sameOutputs = summaryText(a.summary) === summaryText(b.summary)
    && Buffer.from(timeseriesToArrow(a.timeseries)).equals(Buffer.from(timeseriesToArrow(b.timeseries)));
  if (ha === hb && sameOutputs) {
    return { ok: true, first: a, message: `determinism check passed: both runs have traceHash ${ha} and identical outputs` };
  }
  let d = compareTraceLogs(logOf(a), logOf(b));
  if (d.kind === 'range' && rerun) d = await rerun(d.fromEvent, d.toEvent);
  const head = ha !== hb ? `determinism check FAILED: traceHash ${ha} (run 1) != ${hb} (run 2)`
    : `determinism check FAILED: same traceHash ${ha} but summary.json/timeseries.arrow differ`;
  return { ok: false, first: a, message: `${head}\n  ${describe(d, a, b)}` };
}

function describe(d: Divergence, a: RunResult, b: RunResult): string {
  const kind = (r: RunResult, k: number) => r.world.engine.kindName(k);
  switch (d.kind) {
    case 'none': return 'the event traces are identical: the difference is in KPI values only';
    case 'event': {
      const ev = (r: RunResult, e: typeof d.a) => (e === null ? 'run ended' : `tick ${e.tick}, kind ${kind(r, e.kind)}, actor ${e.actor}`);
      return `first divergent event #${d.index}: run 1 (${ev(a, d.a)}) vs run 2 (${ev(b, d.b)})`;
    }
    case 'range': return `first divergence among events #${d.fromEvent}..#${d.toEvent - 1} (detail not recorded)`;
    case 'stateRoot': return `same events, but the state root after ${d.afterEvents} events differs: 0x${d.a ?? '-'} vs 0x${d.b ?? '-'}`;
  }
}
