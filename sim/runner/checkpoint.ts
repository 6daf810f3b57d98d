// Checkpoints: atomic snapshots of a run at day boundaries, in DIR/checkpoints/day-<NNNNNN>.ckpt.
//
// File layout: one header line of JSON {format, version, day, bytes, digest} then the body (JSON with bigint kept
// exact by jsonReplacer). `digest` is blake2b-256 of the body text, `bytes` its UTF-8 length, so a truncated or
// edited checkpoint is detected and rejected as bad input (exit 2) instead of resuming from garbage.

import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { blake2b } from '@noble/hashes/blake2b';
import { bytesToHex } from '@noble/hashes/utils';
import { writeFileAtomic } from './atomic.js';
import { BadInputError } from './errors.js';

export const CHECKPOINT_FORMAT = 'bai-lab-checkpoint';
export const CHECKPOINT_VERSION = 1;
const NAME_RE = /^day-(\d{6})\.ckpt$/;
const CHECKPOINT_BYTES_MAX = 2 ** 31;

interface Header { format: string; version: number; day: number; bytes: number; digest: string }

export function checkpointDir(outDir: string): string { return join(outDir, 'checkpoints'); }
export function checkpointPath(outDir: string, day: number): string {
  return join(checkpointDir(outDir), `day-${String(day).padStart(6, '0')}.ckpt`);
}

// bigint kept exact as {"$n": "123"} (the same convention as protocol/primitives/storage.ts).
function jsonReplacer(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? { $n: v.toString() } : v;
}
function jsonReviver(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$n === 'string' && Object.keys(o).length === 1 && /^-?\d+$/.test(o.$n)) return BigInt(o.$n);
  }
  return v;
}

function digestOf(text: string): string {
  return bytesToHex(blake2b(Buffer.from(text, 'utf8'), { dkLen: 32 }));
}

/** Write the checkpoint of `day` (days completed) atomically. */
export function writeCheckpoint(outDir: string, day: number, body: unknown): string {
  const text = JSON.stringify(body, jsonReplacer);
  const header: Header = {
    format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, day,
    bytes: Buffer.byteLength(text, 'utf8'), digest: digestOf(text),
  };
  const path = checkpointPath(outDir, day);
  writeFileAtomic(path, JSON.stringify(header) + '\n' + text);
  return path;
}

/** The newest checkpoint file in outDir, or a BadInputError when there is none. */
export function latestCheckpoint(outDir: string): { path: string; day: number } {
  let names: string[];
  try {
    if (!statSync(outDir).isDirectory()) throw new BadInputError(`not a run directory: ${outDir}`);
    names = readdirSync(checkpointDir(outDir));
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError(`no checkpoints in ${outDir} (run with --out ${outDir} --checkpoint-every <days> first)`);
  }
  let best: { path: string; day: number } | null = null;
  for (const n of names) {
    const m = NAME_RE.exec(n);
    if (!m) continue;
    const day = Number(m[1]);
    if (best === null || day > best.day) best = { path: join(checkpointDir(outDir), n), day };
  }
  if (best === null) throw new BadInputError(`no checkpoints in ${outDir} (run with --out ${outDir} --checkpoint-every <days> first)`);
  return best;
}

/** Read and verify a checkpoint; any damage is a BadInputError naming the file. */
export function readCheckpoint(path: string): { day: number; body: unknown } {
  const bad = (why: string) => new BadInputError(`corrupt checkpoint ${path}: ${why}`);
  let raw: string;
  try {
    if (statSync(path).size > CHECKPOINT_BYTES_MAX) throw bad('file too large');
    raw = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof BadInputError) throw e;
    throw new BadInputError(`cannot read checkpoint ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const nl = raw.indexOf('\n');
  if (nl < 0) throw bad('truncated (no header line)');
  let header: Header;
  try { header = JSON.parse(raw.slice(0, nl)) as Header; } catch { throw bad('unreadable header'); }
  if (header === null || typeof header !== 'object' || header.format !== CHECKPOINT_FORMAT) throw bad('not a bai-lab checkpoint');
  if (header.version !== CHECKPOINT_VERSION) throw bad(`unsupported version ${String(header.version)} (expected ${CHECKPOINT_VERSION})`);
  const text = raw.slice(nl + 1);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes !== header.bytes) throw bad(`truncated or extended (${bytes} bytes, header says ${header.bytes})`);
  if (digestOf(text) !== header.digest) throw bad('digest mismatch (file was modified)');
  if (!Number.isSafeInteger(header.day) || header.day < 0) throw bad('bad day in header');
  try {
    return { day: header.day, body: JSON.parse(text, jsonReviver) };
  } catch { throw bad('unreadable body'); }
}

/** Delete the checkpoint files (only files named like ours) of outDir, e.g. when a fresh run takes the folder over. */
export function removeCheckpoints(outDir: string): void {
  let names: string[];
  try { names = readdirSync(checkpointDir(outDir)); } catch { return; }
  for (const n of names) if (NAME_RE.test(n)) rmSync(join(checkpointDir(outDir), n), { force: true });
}
