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
import { monthEndsBetween, type RegionCoverage, type RegionLevel, REGION_LEVELS } from '@cakupan/core';
import type { CoverageCache } from './coverageCache.js';

/** One month-end: the region's figures and its children's. */
export interface SeriesPoint {
  asOf: string;
  region: RegionCoverage | null;
  children: RegionCoverage[];
}

/**
 * The most cells — (the region and its children) × month-ends — one series answers: 20,000 (a
 * city's 68 villages over 20 years is 16,560; every RT of a city over a year is not). About 250
 * bytes of JSON each, so at most ~5 MB an answer.
 */
export const MAX_SERIES_CELLS = 20_000;

/** The most month-ends in one series (20 years). */
export const MAX_SERIES_DATES = 240;

/** A series asked for more than {@link MAX_SERIES_CELLS} cells or {@link MAX_SERIES_DATES} month-ends. */
export class SeriesTooLargeError extends RangeError {
  readonly limit: number;
  /** `'dates'` when the period is too long, `'cells'` when the children are too many for it. */
  readonly what: 'dates' | 'cells';
  constructor(what: 'dates' | 'cells', limit: number, asked: number, detail: string) {
    super(what === 'dates' ? `at most ${limit} month-ends (20 years) in one series: ${detail}` : `at most ${limit} cells (regions × month-ends) in one series: at least ${asked} asked (${detail}); ask a shorter period, a higher children level or a smaller region`);
    this.name = 'SeriesTooLargeError';
    this.limit = limit;
    this.what = what;
  }
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
  /** Stops the computation between two month-ends (a request's deadline, a client gone). */
  signal?: AbortSignal | undefined;
}

/**
 * The series for `region` and its children at `childLevel` (one level down unless given: the city
 * with `childLevel: 'village'` gives every village). All month-ends are computed on one state of
 * the store, and only the asked regions of each are held.
 *
 * @throws {SeriesTooLargeError} for more than {@link MAX_SERIES_DATES} month-ends or {@link MAX_SERIES_CELLS} cells (told at the first month-end whose regions make it too many, usually the first)
 * @throws {RangeError} for a child level not below `level`
 */
export async function coverageSeries(cache: Pick<CoverageCache, 'mapDates'>, options: SeriesOptions): Promise<SeriesPoint[]> {
  const dates = monthEndsBetween(options.from, options.to);
  if (dates.length > MAX_SERIES_DATES) throw new SeriesTooLargeError('dates', MAX_SERIES_DATES, dates.length, `${dates.length} asked`);
  const depth = REGION_LEVELS.indexOf(options.level);
  const childLevel = options.childLevel ?? REGION_LEVELS[depth + 1];
  if (childLevel !== undefined && REGION_LEVELS.indexOf(childLevel) <= depth) throw new RangeError(`the children of a ${options.level} are below it: ${childLevel} is not`);
  const prefix = `${options.region}.`;
  let cells = 0;
  return cache.mapDates(
    dates,
    (regions, asOf, i) => {
      const children = childLevel ? regions.filter((r) => r.level === childLevel && r.code.startsWith(prefix)) : [];
      cells += children.length + 1;
      // told on the first month-end when its regions alone are too many for the period; regions
      // appear as residents reach the date, so later month-ends are counted as they come
      const atLeast = cells + (dates.length - i - 1) * (children.length + 1);
      if (atLeast > MAX_SERIES_CELLS) {
        throw new SeriesTooLargeError('cells', MAX_SERIES_CELLS, atLeast, `${dates.length} month-ends × (1 + ${children.length} ${childLevel} regions on ${asOf})`);
      }
      return { asOf, region: regions.find((r) => r.code === options.region) ?? null, children };
    },
    options.signal,
  );
}
