/**
 * One process per folder: a lock file holding the owner's pid, created exclusively. A second
 * process is refused while the owner lives; a lock left by a process that is gone is taken over.
 * The owner may name a helper process that works on the folder for it (the embedded database's
 * process): `<owner pid> <helper pid>`; a helper left behind by a dead owner is waited for, then
 * stopped, before the lock is taken over.
 * Limits: the pid is checked on this host only (a folder shared over a network needs a server
 * database); a reused pid of a dead owner would be taken for alive (then remove the file by hand).
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Takes the lock `file` for this process and returns its release (also run at process exit).
 *
 * @throws the error `refuse(pid)` makes when another live process holds it
 */
export function takeProcessLock(file: string, refuse: (ownerPid: number) => Error): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      const release = () => {
        process.removeListener('exit', atExit);
        try {
          if (readLock(file).owner === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      // at exit a helper still at work keeps the lock (the next owner waits for it)
      const atExit = () => {
        try {
          const { helper } = readLock(file);
          if (helper > 0 && isAlive(helper)) return;
        } catch {
          return;
        }
        release();
      };
      process.once('exit', atExit);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const { owner } = readLock(file);
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw refuse(owner);
      unlinkSync(file); // left by a process that is gone
    }
  }
  throw new Error(`cannot take the lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pids a lock file names (NaN where it names none). */
function readLock(file: string): { owner: number; helper: number } {
  const [owner, helper] = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
  return { owner: owner ?? NaN, helper: helper ?? NaN };
}

/**
 * Names `helperPid` in the lock `file` this process holds, and keeps the file when this process
 * exits without releasing it (the helper may still be closing the folder): whoever opens the
 * folder next waits for the helper first ({@link settleLeftHelper}).
 */
export function recordLockHelper(file: string, helperPid: number): void {
  writeFileSync(file, `${process.pid} ${helperPid}`, { mode: 0o600 });
}

/**
 * Before taking over the lock `file` of an owner that is gone: waits up to `waitMs` for the helper
 * it names to end (it finishes its statement and closes), then stops it with SIGKILL — as if it
 * had died with its owner — when `isHelper(pid)` confirms the pid is still that helper.
 *
 * @throws when the helper outlives the wait and cannot be confirmed as one (another program may
 *   have its pid): then the lock file must be checked by hand
 */
export async function settleLeftHelper(file: string, isHelper: (pid: number) => boolean | undefined, waitMs = 10_000): Promise<void> {
  let lock;
  try {
    lock = readLock(file);
  } catch {
    return; // no lock
  }
  const { owner, helper } = lock;
  if (!(helper > 0) || (owner > 0 && isAlive(owner))) return;
  const deadline = Date.now() + waitMs;
  while (isAlive(helper) && isHelper(helper) !== false) {
    if (Date.now() >= deadline) {
      if (isHelper(helper) !== true) throw new Error(`process ${helper}, left by a cakupan process that is gone, still runs; stop it or remove ${file}`);
      process.kill(helper, 'SIGKILL');
      await sleep(50);
      continue;
    }
    await sleep(50);
  }
}
