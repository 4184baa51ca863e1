/**
 * Sticker serial numbers: unique per service, increasing, reserved a job at a time.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Hands out ranges of serial numbers. */
export interface SerialSource {
  /** Reserves `count` consecutive serials and returns the first. */
  reserve(count: number): number;
}

/** Serials kept in memory (tests, benchmarks). */
export function memorySerials(start = 1): SerialSource {
  let next = start;
  return {
    reserve(count) {
      const first = next;
      next += count;
      return first;
    },
  };
}

/**
 * Serials kept in `<dataDir>/serial`, written before a range is used so that a restart never
 * hands out a serial twice. One process per data folder.
 *
 * @throws {RangeError} when the 32-bit serial space is exhausted
 */
export function fileSerials(dataDir: string): SerialSource {
  const file = join(dataDir, 'serial');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let next = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || 1 : 1;
  return {
    reserve(count) {
      const first = next;
      if (first + count > 0xffffffff) throw new RangeError('serial numbers exhausted');
      next += count;
      writeFileSync(`${file}.tmp`, String(next));
      renameSync(`${file}.tmp`, file);
      return first;
    },
  };
}
