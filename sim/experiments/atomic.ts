// Crash-safe output for sweeps. A run's result is a folder written under a temporary name and renamed into
// place in one step: after a kill -9 a run folder either exists complete or not at all (temporaries are
// swept on resume). Files are fsynced before the rename so a power loss does not leave an empty file either.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

let tmpCounter = 0;

function writeAll(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function tmpName(base: string): string {
  return `.tmp-${base}-${process.pid}-${++tmpCounter}`;
}

/** Write `path` via a temporary sibling and rename. */
export function writeFileAtomic(dir: string, name: string, data: string | Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, tmpName(name));
  try {
    writeAll(tmp, data);
    renameSync(tmp, join(dir, name));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Create folder `dir/name` holding `files`, atomically. Returns false (and writes nothing) if it already
 * exists: the first completion of a run wins, a duplicate delivery (a retried job) is dropped.
 */
export function writeDirAtomic(dir: string, name: string, files: Readonly<Record<string, string | Uint8Array>>): boolean {
  const tmp = join(dir, tmpName(name));
  mkdirSync(tmp, { recursive: true });
  try {
    for (const [f, data] of Object.entries(files)) writeAll(join(tmp, f), data);
    try {
      renameSync(tmp, join(dir, name));
    } catch (e) {
      if (alreadyWritten(e)) return false;
      throw e;
    }
    return true;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * writeDirAtomic on libuv's thread pool: the coordinator's event loop stays free to hand the next task to a
 * worker thread while a finished run's files are written and fsynced.
 */
export async function writeDirAtomicAsync(dir: string, name: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<boolean> {
  const tmp = join(dir, tmpName(name));
  await mkdir(tmp, { recursive: true });
  try {
    for (const [f, data] of Object.entries(files)) {
      const fh = await open(join(tmp, f), 'w');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    try {
      await rename(tmp, join(dir, name));
    } catch (e) {
      if (alreadyWritten(e)) return false;
      throw e;
    }
    return true;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A rename onto an existing folder: another delivery of the same run finished first. */
function alreadyWritten(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOTEMPTY' || code === 'EEXIST';
}
