// Read an Arrow IPC file into an arquero table, refusing truncated files: an IPC *file* starts and ends with
// the magic "ARROW1"; a file cut short by a crash loses its footer, and a stream-style reader would otherwise
// silently return only the record batches written so far.
import { readFileSync, statSync } from 'node:fs';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

export type ArrowReadResult = { ok: true; table: ColumnTable } | { ok: false; reason: string };

export function readArrowFile(path: string): ArrowReadResult {
  let bytes: Uint8Array;
  try {
    if (!statSync(path).isFile()) return { ok: false, reason: `${path} is not a file` };
    bytes = readFileSync(path);
  } catch {
    return { ok: false, reason: `${path} is missing` };
  }
  if (bytes.length < 12 || !hasMagicAt(bytes, 0) || !hasMagicAt(bytes, bytes.length - MAGIC.length)) {
    return { ok: false, reason: `${path} is not a complete Arrow IPC file (missing ARROW1 header or footer: truncated?)` };
  }
  try {
    return { ok: true, table: aq.fromArrow(bytes) };
  } catch (e) {
    return { ok: false, reason: `${path} cannot be decoded as Arrow: ${(e as Error).message}` };
  }
}

function hasMagicAt(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < MAGIC.length; i++) if (bytes[at + i] !== MAGIC[i]) return false;
  return true;
}
