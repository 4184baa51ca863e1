/**
 * The coverage report: its types, and the counter slots every calculation (one pass, the
 * accumulator, merged shards) keeps per region and turns into figures.
 */
import { SEGMENTS, type Segment } from '../participant/participant.js';
import { type RegionLevel, regionName } from '../region/region.js';
import type { CoveragePolicy } from './policy.js';
import { coverageRatio } from './ratio.js';
import { type Rejection, WORK } from './records.js';

/** Counts per segment. */
export type SegmentCounts = Record<Segment, number>;

/** Coverage of one region. */
export interface RegionCoverage {
  readonly level: RegionLevel;
  /** Dotted region code; RW and RT codes are `<village>.<rw>[.<rt>]` with 3 digits each. */
  readonly code: string;
  /** The region's name where known (Kota Bogor's regions), else `null`. */
  readonly name: string | null;
  /** Dotted code of the enclosing region, `null` for a province. */
  readonly parentCode: string | null;
  /** Residents used (all ages). */
  readonly residents: number;
  /** Residents eligible under the age policy (18+ by default). */
  readonly eligible: number;
  /** Eligible residents with at least one active account, each counted once. */
  readonly covered: number;
  /** Covered persons by primary segment; sums to `covered`. */
  readonly bySegment: SegmentCounts;
  /** `covered / eligible` from the summed counts, `null` when nobody is eligible. */
  readonly ratio: number | null;
  /** Eligible residents whose occupation the register records (0 when it records none). */
  readonly occupationKnown: number;
  /** Of them, workers: those whose occupation counts as working (`isWorkingOccupation`). */
  readonly workers: number;
  /** Workers with an active account. */
  readonly coveredWorkers: number;
  /** `coveredWorkers / workers`, `null` when there are no workers (or no occupations). */
  readonly workerRatio: number | null;
}

/** Figures from linking the register to the participant records by NIK. */
export interface CoverageLinkage {
  /** Participant accounts used. */
  accounts: number;
  /** Accounts active on the reference date. */
  activeAccounts: number;
  /** Accounts not active on the reference date (inactive status, ended, or registered later). */
  inactiveAccounts: number;
  /** Persons (distinct NIKs) with at least one active account. */
  personsWithActiveAccount: number;
  /** Persons whose accounts are all non-active. */
  personsWithOnlyInactiveAccounts: number;
  /** Persons with an active account who are eligible residents (= covered). */
  matchedEligible: number;
  /** Persons with an active account who are not in the register (e.g. commuters). */
  notInRegister: number;
  /** Persons with an active account who are residents younger than the minimum age. */
  underAge: number;
  /** Persons with an active account who are residents older than the maximum age (if one is set). */
  overAge: number;
  /** Persons holding more than one active account. */
  multipleActiveAccounts: number;
  /** Residents whose register birth date differs from the one in their NIK (the register's is used). */
  birthDateMismatches: number;
  /** Residents with no birth date in the register, whose NIK's birth date was used. */
  birthDatesFromNik: number;
}

/** Counts of records read, used and rejected from one input. */
export interface RecordCounts {
  read: number;
  used: number;
  rejected: number;
}

/** The result of {@link computeCoverage}. Plain JSON-serialisable data. */
export interface CoverageReport {
  /** The reference date, ISO. */
  readonly asOf: string;
  readonly policy: CoveragePolicy;
  readonly levels: readonly RegionLevel[];
  /** Overall figures across every region. */
  readonly totals: Omit<RegionCoverage, 'level' | 'code' | 'name' | 'parentCode'>;
  /** One row per region at each requested level, in code order (parents before children). */
  readonly regions: readonly RegionCoverage[];
  readonly linkage: CoverageLinkage;
  readonly records: { readonly residents: RecordCounts; readonly participants: RecordCounts };
  /** Every record not used, with its index, field and reason. */
  readonly rejected: { readonly residents: readonly Rejection[]; readonly participants: readonly Rejection[] };
  /** Residents whose register birth date disagrees with their NIK (index and ref only). */
  readonly birthDateMismatches: readonly { index: number; ref?: string | number }[];
}

// Counter slots of one neighbourhood (RT).
/** @internal */
export const RESIDENTS = 0;
/** @internal */
export const ELIGIBLE = 1;
/** @internal */
export const COVERED = 2;
/** @internal */
export const SEGMENT_BASE = 3; // + index in SEGMENTS
/** @internal */
export const OCCUPATION_KNOWN = SEGMENT_BASE + SEGMENTS.length;
/** @internal */
export const WORKERS = OCCUPATION_KNOWN + 1;
/** @internal */
export const COVERED_WORKERS = OCCUPATION_KNOWN + 2;
/** @internal */
export const SLOTS = OCCUPATION_KNOWN + 3;

/**
 * @internal Counts an eligible resident's work in the counters at `base`: the one statement of
 * the workers figures, which every calculation (one pass, the index) calls.
 */
export function countWork(counts: Float64Array, base: number, work: number, covered: boolean): void {
  if (work === WORK.unknown) return;
  counts[base + OCCUPATION_KNOWN]!++;
  if (work !== WORK.working) return;
  counts[base + WORKERS]!++;
  if (covered) counts[base + COVERED_WORKERS]!++;
}

/** @internal a map's entries in code order: dotted codes sort parents before their children */
export function sortedByCode<T>(rows: ReadonlyMap<string, T>): [string, T][] {
  return [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** @internal */
export function regionRow(level: RegionLevel, code: string, parentCode: string | null, counts: ArrayLike<number>): RegionCoverage {
  const f = countsToFigures(counts);
  // one literal, every field in the object itself (not a spread): the dashboard keeps tens of thousands of rows
  return {
    level,
    code,
    name: level === 'rw' || level === 'rt' ? null : (regionName(code) ?? null),
    parentCode,
    residents: f.residents,
    eligible: f.eligible,
    covered: f.covered,
    bySegment: f.bySegment,
    ratio: f.ratio,
    occupationKnown: f.occupationKnown,
    workers: f.workers,
    coveredWorkers: f.coveredWorkers,
    workerRatio: f.workerRatio,
  };
}

/**
 * A count read from a counter array, as a small integer where it is one: V8 then keeps it in the
 * object's field itself rather than as a boxed double (16 bytes more per number; BENCHMARKS.md §9).
 */
const count = (n: number): number => (n <= 0x3fffffff ? n | 0 : n);

function segmentCounts(counts: ArrayLike<number>): SegmentCounts {
  // SEGMENTS' order
  return { PU: count(counts[SEGMENT_BASE]!), BPU: count(counts[SEGMENT_BASE + 1]!), JAKON: count(counts[SEGMENT_BASE + 2]!), PMI: count(counts[SEGMENT_BASE + 3]!) };
}

/** @internal */
export function countsToFigures(counts: ArrayLike<number>): CoverageReport['totals'] {
  const eligible = count(counts[ELIGIBLE]!);
  const covered = count(counts[COVERED]!);
  const workers = count(counts[WORKERS]!);
  const coveredWorkers = count(counts[COVERED_WORKERS]!);
  return {
    residents: count(counts[RESIDENTS]!),
    eligible,
    covered,
    bySegment: segmentCounts(counts),
    ratio: eligible === 0 ? null : coverageRatio({ covered, eligible }),
    occupationKnown: count(counts[OCCUPATION_KNOWN]!),
    workers,
    coveredWorkers,
    workerRatio: workers === 0 ? null : coverageRatio({ covered: coveredWorkers, eligible: workers }),
  };
}

/** @internal */
export function figuresToCounts(f: Omit<RegionCoverage, 'level' | 'code' | 'name' | 'parentCode' | 'ratio' | 'workerRatio'>): Float64Array {
  const c = new Float64Array(SLOTS);
  c[RESIDENTS] = f.residents;
  c[ELIGIBLE] = f.eligible;
  c[COVERED] = f.covered;
  SEGMENTS.forEach((s, i) => (c[SEGMENT_BASE + i] = f.bySegment[s]));
  c[OCCUPATION_KNOWN] = f.occupationKnown;
  c[WORKERS] = f.workers;
  c[COVERED_WORKERS] = f.coveredWorkers;
  return c;
}
