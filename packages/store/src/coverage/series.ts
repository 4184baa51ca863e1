/**
 * Coverage history: the figures at each month-end from `from` to `to`, for a region and its
 * children, from what the store holds.
 *
 * What a past date means (the register is a semester snapshot, not a history): at each month-end
 * the *current* register is taken as the population, with ages on that date, and the accounts
 * active on that date by their `registered_on`/`ended_on` (an inactive account without `ended_on`
 * counts at no date, as core does). A past month-end therefore answers "how covered was today's
 * population then", not "what did the register say then"; residents who moved away or died since
 * the snapshot are not in it.
 */
import { type RegionCoverage, type RegionLevel, REGION_LEVELS } from '@cakupan/core';
import type { CoverageCache } from './coverageCache.js';

/** The last day of each month from the month of `from` to the month of `to` (ISO dates). */
export function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** One month-end: the region's figures and its children's. */
export interface SeriesPoint {
  asOf: string;
  region: RegionCoverage | null;
  children: RegionCoverage[];
}

/** What {@link coverageSeries} is asked for. */
export interface SeriesOptions {
  /** The region, as a dotted code. */
  region: string;
  /** The region's level. */
  level: RegionLevel;
  /** The level of the children listed at each month-end (default: one level below `level`). */
  childLevel?: RegionLevel | undefined;
  /** First and last month (any day of it), ISO dates. */
  from: string;
  to: string;
}

/**
 * The series for `region` and its children at `childLevel` (one level down unless given: the city
 * with `childLevel: 'village'` gives every village). All month-ends are computed on one state of
 * the store.
 *
 * @throws {RangeError} for more than 240 month-ends (20 years), or a child level not below `level`
 */
export async function coverageSeries(cache: CoverageCache, options: SeriesOptions): Promise<SeriesPoint[]> {
  const dates = monthEnds(options.from, options.to);
  if (dates.length > 240) throw new RangeError('at most 240 month-ends (20 years) in one series');
  const depth = REGION_LEVELS.indexOf(options.level);
  const childLevel = options.childLevel ?? REGION_LEVELS[depth + 1];
  if (childLevel !== undefined && REGION_LEVELS.indexOf(childLevel) <= depth) throw new RangeError(`the children of a ${options.level} are below it: ${childLevel} is not`);
  const prefix = `${options.region}.`;
  const points: SeriesPoint[] = [];
  // every region on each date, from one state of the store, computed once and kept for the next question
  const byDate = await cache.regionsOnDates(dates);
  for (const [i, asOf] of dates.entries()) {
    const regions = byDate[i]!;
    points.push({
      asOf,
      region: regions.find((r) => r.code === options.region) ?? null,
      children: childLevel ? regions.filter((r) => r.level === childLevel && r.code.startsWith(prefix)) : [],
    });
  }
  return points;
}
