/**
 * How many rows one page of a store listing holds: what the caller asked for, kept within 1 and
 * {@link MAX_PAGE_SIZE}. The service checks a request's `limit` against its schema first; this
 * bounds what any other caller of the store can ask for.
 */

/** The most rows a page of a store listing holds. */
export const MAX_PAGE_SIZE = 1000;

/**
 * @example
 * pageSize(undefined) //=> 100
 * pageSize(5000) //=> 1000
 * pageSize(0) //=> 1
 */
export function pageSize(limit: number | undefined, fallback = 100): number {
  const asked = limit === undefined || Number.isNaN(limit) ? fallback : Math.trunc(limit);
  return Math.min(MAX_PAGE_SIZE, Math.max(1, asked));
}
