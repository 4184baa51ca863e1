/**
 * A coverage report from counts made elsewhere — per neighbourhood (RT), by a database next to the
 * data (the store's `coverage/coverageSql.ts`) — rolled up and worded exactly as core rolls up
 * its own counts: the same regions, names, parents, ratios and totals.
 */
import { formatDateNumber, requireDateNumber, type CalendarDateInput } from '../date/calendarDate.js';
import { SEGMENTS } from '../participant/segments.js';
import type { RegionLevel } from '../region/region.js';
import { rollUp, sumByRegion } from './accumulator.js';
import type { RegionQuality } from './coverageIndex.js';
import { type CoveragePolicyInput, parseLevels, parsePolicy } from './policy.js';
import { COVERED, COVERED_WORKERS, type CoverageLinkage, type CoverageReport, countsToFigures, ELIGIBLE, OCCUPATION_KNOWN, RESIDENTS, type RecordCounts, SEGMENT_BASE, type SegmentCounts, SLOTS, sortedByCode, WORKERS } from './report.js';

/** The counts of one neighbourhood (RT) on one date, as core's report counts them. */
export interface NeighbourhoodCounts {
  /** The village, dotted (`32.71.01.1001`). */
  readonly villageCode: string;
  readonly rw: number;
  readonly rt: number;
  readonly residents: number;
  readonly eligible: number;
  readonly covered: number;
  /** The covered by their one primary segment. */
  readonly bySegment: SegmentCounts;
  readonly occupationKnown: number;
  readonly workers: number;
  readonly coveredWorkers: number;
  /** Data-quality counts (see `CoverageIndex.quality`), when asked for. */
  readonly quality?: Omit<RegionQuality, 'level' | 'code' | 'parentCode'>;
}

/** Options of {@link coverageFromCounts}. */
export interface CoverageFromCountsOptions {
  asOf: CalendarDateInput;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
  /** Every neighbourhood with a resident; one neighbourhood may come in several parts (they add up). */
  neighbourhoods: Iterable<NeighbourhoodCounts>;
  linkage: CoverageLinkage;
  records: { residents: RecordCounts; participants: RecordCounts };
}

/**
 * The coverage report of counts made per neighbourhood. The records behind the counts are not
 * here, so `rejected` and `birthDateMismatches` are empty lists (their counts are in `records` and
 * `linkage`).
 *
 * @throws {CakupanError} for invalid options (as computeCoverage)
 * @example
 * coverageFromCounts({ asOf: '2025-12-31', levels: ['village'], neighbourhoods: [{ villageCode: '32.71.01.1001', rw: 3, rt: 5, residents: 2, eligible: 2, covered: 1, bySegment: { PU: 1, BPU: 0, JAKON: 0, PMI: 0 }, occupationKnown: 0, workers: 0, coveredWorkers: 0 }], linkage, records })
 * //=> { regions: [{ level: 'village', code: '32.71.01.1001', name: 'Batu Tulis', eligible: 2, covered: 1, ratio: 0.5, … }], … }
 */
export function coverageFromCounts(options: CoverageFromCountsOptions): CoverageReport {
  const asOf = requireDateNumber(options.asOf, 'asOf');
  const policy = parsePolicy(options.policy);
  const levels = parseLevels(options.levels);
  const { regions, total } = rollUp(byVillage(options.neighbourhoods, SLOTS, toSlots), levels);
  return {
    asOf: formatDateNumber(asOf),
    policy,
    levels,
    totals: countsToFigures(total),
    regions,
    linkage: { ...options.linkage },
    records: { residents: { ...options.records.residents }, participants: { ...options.records.participants } },
    rejected: { residents: [], participants: [] },
    birthDateMismatches: [],
  };
}

/**
 * The data-quality counts per region at `levels` (default all six) of neighbourhoods' counts, as
 * `CoverageIndex.quality` gives them.
 */
export function qualityFromCounts(neighbourhoods: Iterable<NeighbourhoodCounts>, levels?: readonly RegionLevel[]): RegionQuality[] {
  const { rows } = sumByRegion(byVillage(neighbourhoods, 4, toQuality), parseLevels(levels), 4);
  return sortedByCode(rows).map(([code, row]) => ({
    level: row.level,
    code,
    parentCode: row.parentCode,
    underAge: row.counts[0]!,
    multipleActiveAccounts: row.counts[1]!,
    birthDateMismatches: row.counts[2]!,
    birthDatesFromNik: row.counts[3]!,
  }));
}

function byVillage(neighbourhoods: Iterable<NeighbourhoodCounts>, slots: number, fill: (n: NeighbourhoodCounts, into: Float64Array) => void): Map<string, Map<number, Float64Array>> {
  const villages = new Map<string, Map<number, Float64Array>>();
  for (const n of neighbourhoods) {
    if (n.residents === 0) continue;
    let units = villages.get(n.villageCode);
    if (units === undefined) villages.set(n.villageCode, (units = new Map()));
    const key = n.rw * 1000 + n.rt;
    let counts = units.get(key);
    if (counts === undefined) units.set(key, (counts = new Float64Array(slots)));
    fill(n, counts);
  }
  return villages;
}

function toSlots(n: NeighbourhoodCounts, c: Float64Array): void {
  c[RESIDENTS]! += n.residents;
  c[ELIGIBLE]! += n.eligible;
  c[COVERED]! += n.covered;
  for (const [i, s] of SEGMENTS.entries()) c[SEGMENT_BASE + i]! += n.bySegment[s];
  c[OCCUPATION_KNOWN]! += n.occupationKnown;
  c[WORKERS]! += n.workers;
  c[COVERED_WORKERS]! += n.coveredWorkers;
}

function toQuality(n: NeighbourhoodCounts, c: Float64Array): void {
  const q = n.quality;
  if (q === undefined) return;
  c[0]! += q.underAge;
  c[1]! += q.multipleActiveAccounts;
  c[2]! += q.birthDateMismatches;
  c[3]! += q.birthDatesFromNik;
}
