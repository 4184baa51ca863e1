/**
 * The counter file of the serials issued before the sticker register moved them into the
 * database: kept so that no serial it issued is ever issued again.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_SERIAL, type SerialSource } from '@cakupan/print';
import { takeProcessLock } from '@cakupan/store';

/** The data folder cannot be used for serials; the service must not start. */
export class SerialStoreError extends Error {
  override readonly name = 'SerialStoreError';
}

/**
 * Serials kept in `<dataDir>/serial`: the next serial to issue, as decimal digits. A range is
 * written (to a temporary file, fsync'd, renamed over the counter, the folder fsync'd) before any
 * of it is used, so a crash or restart never hands a serial out twice.
 *
 * One process per data folder: `<dataDir>/serial.lock` (the store's `takeProcessLock`) holds the
 * owner's pid; a second process is refused while the owner lives (a dead owner's lock is taken over).
 *
 * @throws {SerialStoreError} when another live process holds the folder, or the counter is damaged
 *   (empty, not a whole number, 0 or below, beyond 32 bits) — numbering never restarts silently
 */
export function fileSerials(dataDir: string): SerialSource {
  const file = join(dataDir, 'serial');
  const lock = join(dataDir, 'serial.lock');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = takeProcessLock(lock, (owner) =>
    new SerialStoreError(`another cakupan process (pid ${owner}) issues serials from ${dataDir}; two processes on one DATA_DIR would print the same serials. Stop it, or give this one its own DATA_DIR.`),
  );
  let next: number;
  try {
    next = existsSync(file) ? readCounter(file) : 1;
  } catch (err) {
    release();
    throw err;
  }
  return {
    reserve(count) {
      if (!Number.isInteger(count) || count < 1) throw new RangeError('reserve at least one serial');
      if (next + count - 1 > MAX_SERIAL) throw new RangeError('serial numbers exhausted');
      const first = next;
      writeDurably(file, dataDir, String(next + count));
      next += count;
      return first;
    },
    remaining: () => MAX_SERIAL - next + 1,
    close: release,
  };
}

function readCounter(file: string): number {
  const text = readFileSync(file, 'utf8');
  const n = /^\d{1,10}\n?$/.test(text) ? Number(text.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SERIAL + 1) {
    throw new SerialStoreError(
      `the serial counter ${file} is damaged (it holds ${JSON.stringify(text.slice(0, 20))}, not the next serial as a whole number ≥ 1); ` +
        'refusing to start, so that no serial is issued twice. Restore it from a backup, or write the highest serial ever printed plus one into it.',
    );
  }
  return n;
}

function writeDurably(file: string, dir: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}
