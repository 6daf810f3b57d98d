// One coordinator per sweep folder: DIR/.lock holds "pid@host". A lock whose process is gone (kill -9) is stale
// and taken over, so resuming after a crash needs no manual cleanup.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SweepDirError } from './errors.js';

const LOCK_FILE = '.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireLock(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, me, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder = '';
    try {
      holder = readFileSync(file, 'utf8').trim();
    } catch {
      /* vanished between the two calls: retry */
    }
    const [pidText, host] = holder.split('@');
    const pid = Number(pidText);
    if (host === hostname() && Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new SweepDirError(`${dir} is being written by another sweep (process ${pid}); wait for it or stop it first (or delete ${file} if that process is not a sweep)`);
    }
    if (host !== undefined && host !== hostname()) {
      throw new SweepDirError(`${dir} is locked by a sweep on host ${host} (${file}); delete the lock if that sweep is gone`);
    }
    rmSync(file, { force: true }); // stale: its process is gone
  }
  throw new SweepDirError(`${dir}: could not take the sweep lock`);
}
