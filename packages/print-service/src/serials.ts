/**
 * Sticker serial numbers: unique per data folder, increasing, never issued twice — not after a
 * restart, not by a second process, not after a damaged counter. (The sticker register moves them
 * into the database; until then the file below is the source.)
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { takeProcessLock } from '@cakupan/store';
import { join } from 'node:path';

/** The largest serial a token can carry (32 bits). */
export const MAX_SERIAL = 0xffffffff;

/** Hands out ranges of serial numbers. */
export interface SerialSource {
  /**
   * Reserves `count` consecutive serials and returns the first.
   *
   * @throws {RangeError} when fewer than `count` serials are left
   */
  reserve(count: number): number;
  /** Serials still available. */
  remaining(): number;
  /** Releases what the source holds (the file lock). */
  close(): void;
  /**
   * For a source that fetches serials (the store's sequence): a promise when `count` more cannot
   * be reserved at once and must be fetched first; `undefined` when `reserve(count)` can go ahead.
   */
  ensure?(count: number): Promise<void> | undefined;
}

/**
 * Reserves `count` consecutive serials and returns the first, fetching first when the source
 * must — and again when another job took what was fetched before this one's turn came (jobs
 * share a source; a fetch is awaited, the reservation is not).
 *
 * @throws {RangeError} when fewer than `count` serials are left
 */
export async function reserveSerials(source: SerialSource, count: number): Promise<number> {
  for (let wait = source.ensure?.(count); wait; wait = source.ensure?.(count)) await wait;
  return source.reserve(count);
}

/**
 * Serials from the store's `sticker_serials` sequence, a block of 64 per `nextval`: service
 * instances sharing one PostgreSQL server never issue the same serial. A batch that does not fit
 * in what is left of the block takes a new block (serials are unique and increasing per process,
 * not gapless). Reserve through {@link reserveSerials}: awaiting `ensure` and then calling `reserve`
 * races with other jobs that share the source.
 */
export function storeSerials(register: { reserveSerialBlock(): Promise<number> }, blockSize = 64): SerialSource {
  let next = 0;
  let end = 0; // exclusive
  let fetching: Promise<void> | undefined;
  return {
    ensure(count) {
      if (count > blockSize) throw new RangeError(`at most ${blockSize} serials at a time`);
      if (end - next >= count) return undefined;
      fetching ??= register.reserveSerialBlock().then(
        (first) => {
          next = first;
          end = first + blockSize;
          fetching = undefined;
        },
        (err: unknown) => {
          fetching = undefined;
          throw err;
        },
      );
      return fetching;
    },
    reserve(count) {
      if (end - next < count) throw new RangeError('no serials fetched: call ensure() first');
      if (next + count - 1 > MAX_SERIAL) throw new RangeError('serial numbers exhausted');
      const first = next;
      next += count;
      return first;
    },
    remaining: () => MAX_SERIAL - Math.max(next, 1) + 1,
    close() {},
  };
}

/** Serials kept in memory (tests, benchmarks). */
export function memorySerials(start = 1): SerialSource {
  let next = start;
  return {
    reserve(count) {
      if (next + count - 1 > MAX_SERIAL) throw new RangeError('serial numbers exhausted');
      const first = next;
      next += count;
      return first;
    },
    remaining: () => MAX_SERIAL - next + 1,
    close() {},
  };
}

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
