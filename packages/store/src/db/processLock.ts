/**
 * One process per folder: a lock file holding the owner's pid, created exclusively. A second
 * process is refused while the owner lives; a lock left by a process that is gone is taken over.
 * Limits: the pid is checked on this host only (a folder shared over a network needs a server
 * database); a reused pid of a dead owner would be taken for alive (then remove the file by hand).
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

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
        process.removeListener('exit', release);
        try {
          if (Number(readFileSync(file, 'utf8').trim()) === process.pid) unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
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
