/**
 * A page of a list of regions, in code order.
 */

/**
 * The regions after the code `after` in code order, at most `limit`, and the code to ask the next
 * page after (`null` on the last page).
 *
 * @example
 * regionPage([{ code: '32.71.02' }, { code: '32.71.01' }], undefined, 1) //=> { page: [{ code: '32.71.01' }], next: '32.71.01' }
 */
export function regionPage<T extends { code: string }>(regions: readonly T[], after: string | undefined, limit: number): { page: T[]; next: string | null } {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const sorted = [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const from = after === undefined ? sorted : sorted.filter((r) => r.code > after);
  const page = from.slice(0, limit);
  return { page, next: from.length > limit ? page[page.length - 1]!.code : null };
}
