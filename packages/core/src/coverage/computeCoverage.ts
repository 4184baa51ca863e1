/**
 * Coverage of the eligible population by BPJS Ketenagakerjaan, rolled up
 * province → city → district → village → RW → RT.
 */
import { z } from 'zod';
import { agePolicySchema, ageYearsSchema, eligibleBirthRange } from '../age/age.js';
import { type CalendarDateInput, formatDateNumber, requireDateNumber, todayIso } from '../date/calendarDate.js';
import { activeAt, DEFAULT_SEGMENT_PRECEDENCE, SEGMENTS, type Segment } from '../participant/participant.js';
import { pad3, REGION_LEVELS, type RegionLevel, regionLevelSchema, regionName } from '../region/region.js';
import { NikTable } from './nikTable.js';
import { coverageRatio } from './ratio.js';
import { CakupanError, formatPath, fromZodIssues } from '../issue/issue.js';
import {
  checkParticipant,
  checkResident,
  isProblem,
  type ParticipantRecord,
  type Rejection,
  type ResidentRecord,
  type ValidResident,
} from './records.js';

/** The policy of a coverage calculation. */
export const coveragePolicySchema = z
  .object({
    /** Minimum age on the reference date (inclusive). Default 18. */
    minAge: ageYearsSchema.default(18),
    /** Optional maximum age (inclusive). */
    maxAge: ageYearsSchema.optional(),
    /**
     * Order that picks each covered person's one primary segment. Must list all four segments.
     * Default `['PU', 'JAKON', 'PMI', 'BPU']`.
     */
    segmentPrecedence: z
      .array(z.enum(SEGMENTS))
      .length(4)
      .refine((a) => new Set(a).size === 4, { message: 'must list PU, BPU, JAKON and PMI once each' })
      .default([...DEFAULT_SEGMENT_PRECEDENCE]),
  })
  .refine((p) => p.maxAge === undefined || p.maxAge >= p.minAge, { message: 'maxAge must be at least minAge', path: ['maxAge'] });
/** Input form of {@link coveragePolicySchema}. */
export type CoveragePolicyInput = z.input<typeof coveragePolicySchema>;
/** A coverage policy with defaults filled in. */
export type CoveragePolicy = z.output<typeof coveragePolicySchema>;

/** Options of {@link computeCoverage}. */
export interface ComputeCoverageOptions {
  /** The reference date: ages, account activity and NIK centuries are taken on this date. Default today. */
  asOf?: CalendarDateInput;
  /** Residents from the population register (an array or any iterable, read once). */
  residents: Iterable<ResidentRecord | unknown>;
  /** Participant accounts (an array or any iterable, read once). */
  participants: Iterable<ParticipantRecord | unknown>;
  /** Levels to report. Default: all six, `province` to `rt`. */
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

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
const RESIDENTS = 0;
const ELIGIBLE = 1;
const COVERED = 2;
const SEGMENT_BASE = 3; // + index in SEGMENTS
const SLOTS = SEGMENT_BASE + SEGMENTS.length;

// Summary per NIK, packed in one 32-bit integer:
// bits 0–2: rank of the best active segment (7 = none); bit 3: a valid resident has this NIK;
// bits 4–27: number of active accounts; bit 28: at least one account.
const RANK_MASK = 7;
const NO_SEGMENT = 7;
const IN_REGISTER = 8;
const ACTIVE_UNIT = 16;
const HAS_ACCOUNT = 1 << 28;
const activeCount = (v: number) => (v >>> 4) & 0xffffff;

/**
 * Computes coverage: how many eligible residents (18+ on `asOf` by default) hold at least one
 * active BPJS Ketenagakerjaan account, per region down to RT.
 *
 * Rules:
 * - a person is covered when they are an eligible resident with at least one account active on
 *   `asOf` (see `isAccountActive`); persons are counted once however many accounts they hold;
 * - each covered person has one primary segment by `policy.segmentPrecedence` (PU > JAKON > PMI >
 *   BPU), so `bySegment` adds up to `covered`;
 * - ratios are computed from summed counts, never averaged;
 * - an invalid record is never dropped silently: it comes back in `rejected` with its index,
 *   field and reason. Of several residents with one NIK, the first valid one is used and later
 *   ones are rejected as `duplicate_nik`. A resident without a birth date takes the NIK's.
 *
 * Limits: memory grows with the number of distinct participant NIKs, resident NIKs and
 * neighbourhoods (RTs), not with the ages or the number of accounts per person. The inputs are
 * read once and may be iterables (generators) rather than arrays.
 *
 * @throws {RangeError} for invalid options (`asOf` not a real date, an unknown level, a bad policy)
 * @throws {TypeError} when `residents` or `participants` is not iterable
 * @example
 * const report = computeCoverage({
 *   asOf: '2017-12-31',
 *   residents: [{ nik: '3271010101900001', birthDate: '1990-01-01', villageCode: '3271011001', rw: 3, rt: 5 }],
 *   participants: [{ nik: '3271010101900001', segment: 'PU', status: 'aktif' }],
 *   levels: ['village'],
 * });
 * report.regions[0] // { level: 'village', code: '32.71.01.1001', name: 'Batu Tulis', eligible: 1, covered: 1, ratio: 1, … }
 */
export function computeCoverage(options: ComputeCoverageOptions): CoverageReport {
  if (typeof options !== 'object' || options === null) throw new TypeError('computeCoverage expects an options object');
  requireIterable(options.residents, 'residents');
  requireIterable(options.participants, 'participants');
  const accumulator = new CoverageAccumulator({
    ...options,
    expectedResidents: Array.isArray(options.residents) ? options.residents.length : undefined,
  });
  for (const record of options.participants) accumulator.addParticipant(record);
  for (const record of options.residents) accumulator.addResident(record);
  return accumulator.report();
}

/** Options of {@link CoverageAccumulator}. */
export interface CoverageAccumulatorOptions {
  asOf?: CalendarDateInput;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
  /** Expected number of residents, to size the NIK table once (optional). */
  expectedResidents?: number | undefined;
}

/**
 * {@link computeCoverage} one record at a time, for records that arrive as a stream (a CSV file,
 * a database cursor): add **every participant account first**, then the residents, then ask for
 * the report. Memory grows with the distinct NIKs and RTs, not with the records, which need not be
 * kept. Rejection indexes count the records added of each kind, from 0.
 *
 * @throws {RangeError} for invalid options (as computeCoverage)
 * @example
 * const acc = new CoverageAccumulator({ asOf: '2017-12-31' });
 * for await (const p of participants) acc.addParticipant(p);
 * for await (const r of residents) acc.addResident(r);
 * const report = acc.report();
 */
export class CoverageAccumulator {
  readonly #asOf: number;
  readonly #policy: CoveragePolicy;
  readonly #levels: RegionLevel[];
  readonly #rankOf: Map<Segment, number>;
  readonly #segmentSlotOfRank: number[];
  readonly #earliest: number;
  readonly #latest: number;
  readonly #persons: NikTable;
  readonly #villageCodes = new Map<string | number, string | null>();
  readonly #neighbourhoods = new Map<string, Map<number, Float64Array>>();
  readonly #rejectedParticipants: Rejection[] = [];
  readonly #rejectedResidents: Rejection[] = [];
  readonly #mismatches: { index: number; ref?: string | number }[] = [];
  readonly #checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0 };
  #participantsRead = 0;
  #activeAccounts = 0;
  #residentsRead = 0;
  #matchedEligible = 0;
  #underAge = 0;
  #overAge = 0;
  #birthDatesFromNik = 0;

  constructor(options: CoverageAccumulatorOptions = {}) {
    this.#asOf = requireDateNumber(options.asOf ?? todayIso(), 'asOf');
    this.#policy = parsePolicy(options.policy);
    this.#levels = parseLevels(options.levels);
    this.#rankOf = new Map<Segment, number>(this.#policy.segmentPrecedence.map((seg, i) => [seg, i]));
    this.#segmentSlotOfRank = this.#policy.segmentPrecedence.map((seg) => SEGMENT_BASE + SEGMENTS.indexOf(seg));
    const { earliest, latest } = eligibleBirthRange(this.#asOf, this.#policy);
    this.#earliest = earliest;
    this.#latest = latest;
    this.#persons = new NikTable(options.expectedResidents ?? 1 << 16);
  }

  /**
   * Adds one participant account (any value: an invalid one is rejected with its index).
   *
   * @throws {Error} after the first resident: accounts must all come first
   */
  addParticipant(record: ParticipantRecord | unknown): void {
    if (this.#residentsRead > 0) throw new Error('add every participant account before the first resident');
    const index = this.#participantsRead++;
    const checked = checkParticipant(record, this.#asOf);
    if (isProblem(checked)) {
      this.#rejectedParticipants.push(rejection(index, record, checked));
      return;
    }
    const persons = this.#persons;
    const prev = persons.get(checked.hi, checked.lo) ?? HAS_ACCOUNT | NO_SEGMENT;
    if (activeAt(checked.status, checked.registeredOn, checked.endedOn, this.#asOf)) {
      this.#activeAccounts++;
      const rank = this.#rankOf.get(checked.segment)!;
      const best = Math.min(prev & RANK_MASK, rank);
      persons.set(checked.hi, checked.lo, ((prev & ~RANK_MASK) | best) + ACTIVE_UNIT);
    } else {
      persons.set(checked.hi, checked.lo, prev);
    }
  }

  /** Adds one resident (any value: an invalid one or a duplicate NIK is rejected with its index). */
  addResident(record: ResidentRecord | unknown): void {
    const index = this.#residentsRead++;
    const checked = this.#checked;
    const problem = checkResident(record, this.#asOf, this.#villageCodes, checked);
    if (problem !== null) {
      this.#rejectedResidents.push(rejection(index, record, problem));
      return;
    }
    const { hi, lo, birth } = checked;
    const persons = this.#persons;
    const summary = persons.get(hi, lo) ?? 0;
    if (summary & IN_REGISTER) {
      this.#rejectedResidents.push(rejection(index, record, { field: 'nik', code: 'duplicate_nik', message: 'an earlier valid resident has the same NIK' }));
      return;
    }
    persons.set(hi, lo, summary | IN_REGISTER);
    if (checked.birthFromNik) this.#birthDatesFromNik++;
    else if (birth % 1000000 !== checked.nikBirth % 1000000) this.#mismatches.push(withRef(index, record));

    let byUnit = this.#neighbourhoods.get(checked.villageKey);
    if (byUnit === undefined) this.#neighbourhoods.set(checked.villageKey, (byUnit = new Map()));
    const unitKey = checked.rw * 1000 + checked.rt;
    let counts = byUnit.get(unitKey);
    if (counts === undefined) byUnit.set(unitKey, (counts = new Float64Array(SLOTS)));
    counts[RESIDENTS]!++;
    const active = activeCount(summary) > 0;
    if (birth > this.#latest) {
      if (active) this.#underAge++;
    } else if (birth < this.#earliest) {
      if (active) this.#overAge++;
    } else {
      counts[ELIGIBLE]!++;
      if (active) {
        counts[COVERED]!++;
        counts[this.#segmentSlotOfRank[summary & RANK_MASK]!]!++;
        this.#matchedEligible++;
      }
    }
  }

  /** The report of everything added so far. */
  report(): CoverageReport {
    let personsWithActiveAccount = 0;
    let personsWithOnlyInactiveAccounts = 0;
    let multipleActiveAccounts = 0;
    let notInRegister = 0;
    this.#persons.forEachValue((summary) => {
      if (!(summary & HAS_ACCOUNT)) return;
      const n = activeCount(summary);
      if (n === 0) {
        personsWithOnlyInactiveAccounts++;
        return;
      }
      personsWithActiveAccount++;
      if (n > 1) multipleActiveAccounts++;
      if (!(summary & IN_REGISTER)) notInRegister++;
    });
    const { regions, total } = rollUp(this.#neighbourhoods, this.#levels);
    const accounts = this.#participantsRead - this.#rejectedParticipants.length;
    return {
      asOf: formatDateNumber(this.#asOf),
      policy: this.#policy,
      levels: this.#levels,
      totals: countsToFigures(total),
      regions,
      linkage: {
        accounts,
        activeAccounts: this.#activeAccounts,
        inactiveAccounts: accounts - this.#activeAccounts,
        personsWithActiveAccount,
        personsWithOnlyInactiveAccounts,
        matchedEligible: this.#matchedEligible,
        notInRegister,
        underAge: this.#underAge,
        overAge: this.#overAge,
        multipleActiveAccounts,
        birthDateMismatches: this.#mismatches.length,
        birthDatesFromNik: this.#birthDatesFromNik,
      },
      records: {
        residents: { read: this.#residentsRead, used: this.#residentsRead - this.#rejectedResidents.length, rejected: this.#rejectedResidents.length },
        participants: { read: this.#participantsRead, used: accounts, rejected: this.#rejectedParticipants.length },
      },
      rejected: { residents: [...this.#rejectedResidents], participants: [...this.#rejectedParticipants] },
      birthDateMismatches: [...this.#mismatches],
    };
  }
}

/** Rolls the RT counts up to the requested levels. */
function rollUp(neighbourhoods: Map<string, Map<number, Float64Array>>, levels: readonly RegionLevel[]): { regions: RegionCoverage[]; total: Float64Array } {
  const wanted = new Set(levels);
  const rows = new Map<string, { level: RegionLevel; parentCode: string | null; counts: Float64Array }>();
  const total = new Float64Array(SLOTS);
  const add = (level: RegionLevel, code: string, parentCode: string | null, counts: Float64Array) => {
    if (!wanted.has(level)) return;
    let row = rows.get(code);
    if (row === undefined) rows.set(code, (row = { level, parentCode, counts: new Float64Array(SLOTS) }));
    for (let s = 0; s < SLOTS; s++) row.counts[s]! += counts[s]!;
  };
  for (const [village, byUnit] of neighbourhoods) {
    const district = village.slice(0, 8);
    const city = village.slice(0, 5);
    const province = village.slice(0, 2);
    const villageCounts = new Float64Array(SLOTS);
    const rwCounts = new Map<number, Float64Array>();
    for (const [unitKey, counts] of byUnit) {
      const rw = Math.floor(unitKey / 1000);
      const rwCode = `${village}.${pad3(rw)}`;
      add('rt', `${rwCode}.${pad3(unitKey % 1000)}`, rwCode, counts);
      let rwc = rwCounts.get(rw);
      if (rwc === undefined) rwCounts.set(rw, (rwc = new Float64Array(SLOTS)));
      for (let s = 0; s < SLOTS; s++) {
        rwc[s]! += counts[s]!;
        villageCounts[s]! += counts[s]!;
      }
    }
    for (const [rw, counts] of rwCounts) add('rw', `${village}.${pad3(rw)}`, village, counts);
    add('village', village, district, villageCounts);
    add('district', district, city, villageCounts);
    add('city', city, province, villageCounts);
    add('province', province, null, villageCounts);
    for (let s = 0; s < SLOTS; s++) total[s]! += villageCounts[s]!;
  }
  const regions = sortedByCode(rows).map(([code, row]) => regionRow(row.level, code, row.parentCode, row.counts));
  return { regions, total };
}

/** @internal a map's entries in code order: dotted codes sort parents before their children */
export function sortedByCode<T>(rows: ReadonlyMap<string, T>): [string, T][] {
  return [...rows.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** @internal */
export function regionRow(level: RegionLevel, code: string, parentCode: string | null, counts: ArrayLike<number>): RegionCoverage {
  return { level, code, name: level === 'rw' || level === 'rt' ? null : (regionName(code) ?? null), parentCode, ...countsToFigures(counts) };
}

/** @internal */
export function countsToFigures(counts: ArrayLike<number>): CoverageReport['totals'] {
  const bySegment = {} as SegmentCounts;
  SEGMENTS.forEach((s, i) => (bySegment[s] = counts[SEGMENT_BASE + i]!));
  const eligible = counts[ELIGIBLE]!;
  const covered = counts[COVERED]!;
  return {
    residents: counts[RESIDENTS]!,
    eligible,
    covered,
    bySegment,
    ratio: eligible === 0 ? null : coverageRatio({ covered, eligible }),
  };
}

/** @internal */
export function figuresToCounts(f: Omit<RegionCoverage, 'level' | 'code' | 'name' | 'parentCode' | 'ratio'>): Float64Array {
  const c = new Float64Array(SLOTS);
  c[RESIDENTS] = f.residents;
  c[ELIGIBLE] = f.eligible;
  c[COVERED] = f.covered;
  SEGMENTS.forEach((s, i) => (c[SEGMENT_BASE + i] = f.bySegment[s]));
  return c;
}

/** @internal */
export function parsePolicy(input: unknown): CoveragePolicy {
  const r = coveragePolicySchema.safeParse(input ?? {});
  if (!r.success) {
    throw new CakupanError(fromZodIssues(r.error.issues, ['policy']).map((i) => ({ ...i, message: `invalid ${formatPath(i.path)}: ${i.message}` })));
  }
  // the age part must also satisfy the age policy's own schema
  const age = agePolicySchema.safeParse({ minAge: r.data.minAge, maxAge: r.data.maxAge });
  if (!age.success) throw new CakupanError(fromZodIssues(age.error.issues, ['policy']));
  return r.data;
}

/** @internal */
export function parseLevels(input: unknown): RegionLevel[] {
  if (input === undefined) return [...REGION_LEVELS];
  const r = z.array(regionLevelSchema).min(1).safeParse(input);
  if (!r.success) throw new CakupanError({ code: 'invalid_value', message: `levels must be a non-empty list of ${REGION_LEVELS.join(', ')}`, path: ['levels'] });
  return REGION_LEVELS.filter((l) => r.data.includes(l));
}

/** @internal throws the TypeError every calculation gives for an input that is not iterable */
export function requireIterable(value: unknown, name: string): void {
  if (value == null || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${name} must be an array or another iterable of records`);
  }
}

function withRef(index: number, record: unknown): { index: number; ref?: string | number } {
  const ref = (record as { ref?: unknown } | null)?.ref;
  return typeof ref === 'string' || typeof ref === 'number' ? { index, ref } : { index };
}

/** @internal a rejection with the record's index and, when it has one, its `ref` */
export function rejection(index: number, record: unknown, problem: { field: string; code: Rejection['code']; message: string }): Rejection {
  return { ...withRef(index, record), field: problem.field, code: problem.code, message: problem.message };
}
