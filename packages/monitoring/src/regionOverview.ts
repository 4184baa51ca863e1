/**
 * What a region's page opens with: coverage with numerator and denominator, the segment split,
 * the change since the previous month-end, the same for each region one level down, and what the
 * figures stand on.
 */
import { childLevelOf, previousMonthEnd, type Region, type RegionCoverage } from '@cakupan/core';
import type { DataAsOf, Store } from '@cakupan/store';

/** A region's figures: residents 18+ (the headline), and workers 18+ where the register records occupations. */
export type OverviewFigures = Pick<RegionCoverage, 'eligible' | 'covered' | 'ratio' | 'bySegment' | 'occupationKnown' | 'workers' | 'coveredWorkers' | 'workerRatio'>;

/** The change between two dates: covered persons, and the ratio in percentage points. */
export interface OverviewChange {
  covered: number;
  ratioPoints: number | null;
}

/** {@link regionOverview}'s answer. */
export interface RegionOverview {
  region: { code: string; level: Region['level']; name: string | null };
  asOf: string;
  coverage: OverviewFigures;
  previous: OverviewFigures & { asOf: string };
  change: OverviewChange;
  children: (OverviewFigures & { code: string; level: Region['level']; name: string | null; previous: OverviewFigures; change: OverviewChange })[];
  dataAsOf: DataAsOf;
}

const figuresOf = (r: RegionCoverage | undefined): OverviewFigures => ({
  eligible: r?.eligible ?? 0,
  covered: r?.covered ?? 0,
  ratio: r?.ratio ?? null,
  bySegment: r?.bySegment ?? { PU: 0, BPU: 0, JAKON: 0, PMI: 0 },
  occupationKnown: r?.occupationKnown ?? 0,
  workers: r?.workers ?? 0,
  coveredWorkers: r?.coveredWorkers ?? 0,
  workerRatio: r?.workerRatio ?? null,
});

/**
 * The change from `before` to `now`: covered persons, and the ratio in percentage points rounded
 * to two decimals (`null` when either ratio is).
 *
 * @example
 * changeBetween({ covered: 120, ratio: 0.3 }, { covered: 100, ratio: 0.25 }) //=> { covered: 20, ratioPoints: 5 }
 */
export function changeBetween(now: Pick<OverviewFigures, 'covered' | 'ratio'>, before: Pick<OverviewFigures, 'covered' | 'ratio'>): OverviewChange {
  return {
    covered: now.covered - before.covered,
    ratioPoints: now.ratio === null || before.ratio === null ? null : Math.round((now.ratio - before.ratio) * 10000) / 100,
  };
}

/**
 * The overview of `region` on `asOf`, from the store (every region on both dates is kept by the
 * store until its data change, so a drill-down step reads them).
 *
 * @returns `undefined` when the store holds no resident of the region
 */
export async function regionOverview(store: Pick<Store, 'regionsOnDates' | 'dataAsOf'>, region: Region, asOf: string): Promise<RegionOverview | undefined> {
  const previousAsOf = previousMonthEnd(asOf);
  const childLevel = childLevelOf(region.level);
  const [byDate, dataAsOf] = await Promise.all([store.regionsOnDates([asOf, previousAsOf]), store.dataAsOf(region.code)]);
  const [rowsNow, rowsBefore] = byDate as [readonly RegionCoverage[], readonly RegionCoverage[]];
  const now = rowsNow.find((r) => r.code === region.code);
  if (!now) return undefined;
  const current = figuresOf(now);
  const previous = figuresOf(rowsBefore.find((r) => r.code === region.code));
  const isChild = (r: RegionCoverage) => r.level === childLevel && r.parentCode === region.code;
  const beforeByCode = new Map(rowsBefore.filter(isChild).map((r) => [r.code, r]));
  const children = rowsNow.filter(isChild).map((r) => {
    const was = figuresOf(beforeByCode.get(r.code));
    const is = figuresOf(r);
    return { code: r.code, level: r.level, name: r.name, ...is, previous: was, change: changeBetween(is, was) };
  });
  return {
    region: { code: region.code, level: region.level, name: now.name },
    asOf,
    coverage: current,
    previous: { asOf: previousAsOf, ...previous },
    change: changeBetween(current, previous),
    children,
    dataAsOf,
  };
}
