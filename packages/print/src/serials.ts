/**
 * Sticker serial numbers: unique per data folder, increasing, never issued twice — not after a
 * restart, not by a second process, not after a damaged counter. Sources: the store's
 * sequence (`storeSerials`), memory (tests), and the service's counter file (print-service's
 * `serials/fileSerials.ts`).
 */

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
