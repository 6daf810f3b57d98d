// The bai-lab CLI, in-process (fast) plus one real process through bin/bai-lab.mjs: help on every command, exit
// codes (0 ok, 2 bad input, 1 failed check), one-line errors without stack traces, nothing partial left behind.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { bufferIO } from '../../cli/io.js';
import { SMALL_SETS, tempDir } from '../sim/runner/helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const dir = (p: string) => { const d = tempDir(p); dirs.push(d); return d; };
const small = SMALL_SETS.flatMap((s) => ['--set', s]);

async function cli(...argv: string[]) {
  const io = bufferIO();
  const code = await main(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}
function oneLineError(err: string): void {
  const lines = err.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /); // no stack trace
}

describe('bai-lab CLI', () => {
  it('has --help on the program and on every command', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toContain('Usage: bai-lab');
    for (const c of ['run', 'resume', 'schema']) {
      expect(top.out).toContain(c);
      const r = await cli(c, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: bai-lab ${c}`);
    }
  });

  it('runs a scenario, prints the seed on stderr and the summary with --json', async () => {
    const out = dir('cli-run-');
    const r = await cli('run', 'baseline', '--seed', '0x10', '--days', '1', '--out', out, '--json', ...small);
    expect(r.code).toBe(0);
    expect(r.err).toContain('seed 16');
    const summary = JSON.parse(r.out);
    expect(summary).toEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    expect(summary.seed).toBe('16');
    expect(summary.days).toBe(1);
    expect(summary.params['workload.accounts']).toBe(60);
    expect(Object.keys(summary)).toEqual(['scenario', 'scenarioFile', 'seed', 'days', 'blocks', 'traceHash', 'stateRoot', 'token', 'params', 'kpis', 'labVersion']);
    for (const k of ['totalIssuance', 'minted', 'burned', 'feesPaid', 'treasuryBalance', 'grantPool']) expect(summary.kpis[k]).toMatch(/^\d+$/);
    for (const k of ['stakingRatio', 'validatorApy', 'nominatorApy', 'feeMultiplier']) expect(typeof summary.kpis[k]).toBe('number');
  });

  it('--check-determinism passes on a deterministic run', async () => {
    const out = dir('cli-det-');
    const r = await cli('run', 'baseline', '--days', '1', '--out', out, '--check-determinism', ...small);
    expect(r.code).toBe(0);
    expect(r.err).toContain('determinism check passed');
    expect(existsSync(join(out, 'summary.json'))).toBe(true);
  });

  it('bad input: one-line error, exit 2, nothing written', async () => {
    const out = dir('cli-bad-');
    const cases: Array<[string[], RegExp]> = [
      [['run', 'baseline', '--bogus'], /unknown option '--bogus'/],
      [['run', 'baseline', '--seed', 'abc'], /--seed: malformed seed "abc"/],
      [['run', 'baseline', '--seed', '18446744073709551616'], /malformed seed/],
      [['run', 'baseline', '--days', '0'], /--days: expected a positive integer/],
      [['run', 'no-such-scenario'], /no scenario file or library scenario named "no-such-scenario"/],
      [['run', 'missing/file.yaml'], /file not found: missing\/file.yaml/],
      [['run', 'baseline', '--set', 'staking.nope=1'], /--set staking.nope=1: staking.nope: unknown parameter path/],
      [['run', 'baseline', '--set', 'workload.accounts=-5'], /workload.accounts: must be >= 0/],
      [['run'], /missing required argument 'scenario'/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['resume', join(out, 'nothing-here')], /no checkpoints in/],
      [['run', 'baseline', '--check-determinism', '--checkpoint-every', '1'], /cannot be combined/],
    ];
    for (const [argv, re] of cases) {
      const r = await cli(...argv, ...(argv[0] === 'run' ? ['--out', join(out, 'o')] : []));
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      oneLineError(r.err);
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('a run that fails on a scenario bound exits 1 naming the parameter and removes the folder it created', async () => {
    const out = dir('cli-qf-');
    const r = await cli('run', 'baseline', '--days', '1', '--out', join(out, 'run'), ...small, '--set', 'engine.queueCapacity=16');
    expect(r.code).toBe(1);
    expect(r.err).toContain('error: event queue full: 16 pending events (raise the scenario parameter engine.queueCapacity)\n');
    expect(readdirSync(out)).toEqual([]);
  });

  it('an unwritable --out is bad input and leaves nothing behind', async () => {
    const out = dir('cli-unw-');
    writeFileSync(join(out, 'a-file'), 'x');
    const r = await cli('run', 'baseline', '--days', '1', '--out', join(out, 'a-file', 'sub'), ...small);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: cannot write output folder .*a-file\/sub: (ENOTDIR|EEXIST)/);
    oneLineError(r.err);
    expect(readdirSync(out)).toEqual(['a-file']);
  });

  it('a corrupt or truncated checkpoint is bad input; a good one resumes to the same outputs', async () => {
    const full = dir('cli-full-'), part = dir('cli-part-');
    expect((await cli('run', 'baseline', '--days', '3', '--seed', '5', '--out', full, ...small)).code).toBe(0);
    expect((await cli('run', 'baseline', '--days', '3', '--seed', '5', '--out', part, '--checkpoint-every', '1', ...small)).code).toBe(0);
    rmSync(join(part, 'summary.json')); rmSync(join(part, 'timeseries.arrow'));
    const ck = join(part, 'checkpoints', 'day-000002.ckpt');
    const good = readFileSync(ck);
    writeFileSync(ck, good.subarray(0, good.length - 100)); // truncated
    let r = await cli('resume', part);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: corrupt checkpoint .*day-000002\.ckpt: truncated or extended/);
    oneLineError(r.err);
    const flipped = Buffer.from(good); flipped[flipped.length - 10] ^= 1;
    writeFileSync(ck, flipped); // same length, modified
    r = await cli('resume', part);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/digest mismatch/);
    writeFileSync(ck, 'garbage');
    expect((await cli('resume', part)).code).toBe(2);
    writeFileSync(ck, good);
    r = await cli('resume', part, '--json');
    expect(r.code).toBe(0);
    expect(readFileSync(join(part, 'summary.json'))).toEqual(readFileSync(join(full, 'summary.json')));
    expect(readFileSync(join(part, 'timeseries.arrow'))).toEqual(readFileSync(join(full, 'timeseries.arrow')));
  });

  it('schema writes the committed scenarios/schema.json and lists the documented --set paths', async () => {
    const out = dir('cli-schema-');
    expect((await cli('schema', '--out', join(out, 's.json'))).code).toBe(0);
    expect(readFileSync(join(out, 's.json'))).toEqual(readFileSync('scenarios/schema.json'));
    const r = await cli('schema', '--paths');
    const paths = r.out.trim().split('\n').map((l) => l.split('\t')[0]);
    for (const p of ['chain.blockTimeMs', 'emissions.model', 'emissions.blockReward', 'emissions.halvingIntervalBlocks',
      'emissions.maxSupply', 'emissions.split.stakers', 'emissions.split.grants', 'emissions.split.treasury', 'fees.split.burn',
      'fees.split.author', 'fees.split.treasury', 'staking.eraBlocks', 'staking.bondingDurationEras', 'staking.maxNominations',
      'staking.validatorCount']) expect(paths).toContain(p);
  });

  it('the real launcher maps bad input to exit 2 without a stack trace', () => {
    const p = spawnSync(process.execPath, ['bin/bai-lab.mjs', 'run', 'baseline', '--seed', '-1'], { encoding: 'utf8' });
    expect(p.status).toBe(2);
    expect(p.stdout).toBe('');
    expect(p.stderr.trim()).toBe('error: --seed: malformed seed "-1": expected an unsigned 64-bit integer in decimal or 0x hex');
  });
});
