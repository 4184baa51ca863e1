/**
 * The coverage calculation one record at a time: every participant account, then every resident,
 * then the report, rolled up province → city → district → village → RW → RT.
 */
import { eligibleBirthRange } from '../age/age.js';
import { type CalendarDateInput, formatDateNumber, requireDateNumber } from '../date/calendarDate.js';
import { CakupanError } from '../issue/issue.js';
import { activeAt, SEGMENTS, type Segment } from '../participant/participant.js';
import { pad3, type RegionLevel } from '../region/region.js';
import { NikTable } from './nikTable.js';
import { type CoveragePolicy, type CoveragePolicyInput, parseLevels, parsePolicy } from './policy.js';
import { checkParticipant, checkResident, isProblem, type ParticipantRecord, type Rejection, type ResidentRecord, type ValidResident } from './records.js';
import { rejection, withRef } from './rejection.js';
import { COVERED, countsToFigures, countWork, type CoverageReport, ELIGIBLE, RESIDENTS, type RegionCoverage, regionRow, SEGMENT_BASE, SLOTS, sortedByCode } from './report.js';

// Summary per NIK, packed in one 32-bit integer:
// bits 0–2: rank of the best active segment (7 = none); bit 3: a valid resident has this NIK;
// bits 4–27: number of active accounts; bit 28: at least one account.
const RANK_MASK = 7;
const NO_SEGMENT = 7;
const IN_REGISTER = 8;
const ACTIVE_UNIT = 16;
const HAS_ACCOUNT = 1 << 28;
const activeCount = (v: number) => (v >>> 4) & 0xffffff;

/** Options of {@link CoverageAccumulator}. */
export interface CoverageAccumulatorOptions {
  /** The reference date (required): ages, account activity and NIK centuries are taken on it. */
  asOf: CalendarDateInput;
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
  readonly #checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };
  #participantsRead = 0;
  #activeAccounts = 0;
  #residentsRead = 0;
  #matchedEligible = 0;
  #underAge = 0;
  #overAge = 0;
  #birthDatesFromNik = 0;

  constructor(options: CoverageAccumulatorOptions) {
    // no silent "today in this machine's time zone": the reference date is the caller's to give
    if (options?.asOf === undefined) throw new CakupanError({ code: 'required', message: 'asOf is required: the reference date of the report, as YYYY-MM-DD', path: ['asOf'] });
    this.#asOf = requireDateNumber(options.asOf, 'asOf');
    this.#policy = parsePolicy(options.policy);
    this.#levels = parseLevels(options.levels);
    this.#rankOf = new Map<Segment, number>(this.#policy.segmentPrecedence.map((seg, i) => [seg, i]));
    this.#segmentSlotOfRank = this.#policy.segmentPrecedence.map((seg) => SEGMENT_BASE + SEGMENTS.indexOf(seg));
    const { earliest, latest } = eligibleBirthRange(this.#asOf, this.#policy);
    this.#earliest = earliest;
    this.#latest = latest;
    this.#persons = new NikTable(options.expectedResidents ?? 1 << 16);
  }

  /** The first valid account of each KPJ (a card number given twice is one account). */
  readonly #accountOfKpj = new Map<string, { index: number; ref?: string | number }>();

  /**
   * Adds one participant account: anything is accepted, and what is not a valid
   * `ParticipantRecord` is rejected with its index, as is a second valid record of a KPJ
   * (`duplicate_kpj`, naming the one kept).
   *
   * @throws {Error} after the first resident: accounts must all come first
   */
  addParticipant(record: unknown): void {
    if (this.#residentsRead > 0) throw new Error('add every participant account before the first resident');
    const index = this.#participantsRead++;
    const checked = checkParticipant(record, this.#asOf);
    if (isProblem(checked)) {
      this.#rejectedParticipants.push(rejection(index, record, checked));
      return;
    }
    // one account per KPJ: the first valid record of a card number is the account
    const kpj = (record as { kpj?: unknown }).kpj;
    if (typeof kpj === 'string' && kpj !== '') {
      const kept = this.#accountOfKpj.get(kpj);
      if (kept !== undefined) {
        const at = kept.ref === undefined ? `record ${kept.index}` : `${typeof kept.ref === 'number' ? 'line ' : ''}${kept.ref}`;
        this.#rejectedParticipants.push(rejection(index, record, { field: 'kpj', code: 'duplicate_kpj', message: `kpj appears twice: the account of ${at} is kept` }));
        return;
      }
      const ref = (record as { ref?: unknown }).ref;
      this.#accountOfKpj.set(kpj, { index, ...((typeof ref === 'string' || typeof ref === 'number') && { ref }) });
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
  /** Adds one resident: anything is accepted, and what is not a valid `ResidentRecord` is rejected. */
  addResident(record: unknown): void {
    const index = this.#residentsRead++;
    const checked = this.#checked;
    const problem = checkResident(record, this.#asOf, this.#villageCodes, checked);
    if (problem !== null) {
      this.#rejectedResidents.push(rejection(index, record, problem));
      return;
    }
    this.#addValid(index, record, checked);
  }

  /**
   * A resident checked elsewhere (a reader thread) with core's `checkResident` on this accumulator's
   * date, given by its result and its `ref`: counted as {@link addResident} would count the record.
   * `unit`, the reader's record of its neighbourhood, keeps that neighbourhood's counters once the
   * first resident is counted in it (the next ones skip the look-up).
   *
   * @internal
   */
  addCheckedResident(checked: ValidResident, ref: number | string | undefined, unit?: NeighbourhoodRef): void {
    this.#addValid(this.#residentsRead++, { ref }, checked, unit);
  }

  /** The counters of one neighbourhood (RT), created when first asked for. */
  #neighbourhoodCounts(villageKey: string, rw: number, rt: number): Float64Array {
    let byUnit = this.#neighbourhoods.get(villageKey);
    if (byUnit === undefined) this.#neighbourhoods.set(villageKey, (byUnit = new Map()));
    const unitKey = rw * 1000 + rt;
    let counts = byUnit.get(unitKey);
    if (counts === undefined) byUnit.set(unitKey, (counts = new Float64Array(SLOTS)));
    return counts;
  }

  /** A resident whose check elsewhere (with core's `checkResident`) found `problem`: rejected as {@link addResident} would. @internal */
  addResidentProblem(problem: { field: string; code: Rejection['code']; message: string }, ref: number | string | undefined): void {
    this.#rejectedResidents.push(rejection(this.#residentsRead++, { ref }, problem));
  }

  /** The reference date as core's date number, for a reader thread that checks residents. @internal */
  get asOfNumber(): number {
    return this.#asOf;
  }

  #addValid(index: number, record: unknown, checked: ValidResident, unit?: NeighbourhoodRef): void {
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

    // created only here, for a resident counted: no neighbourhood is reported with nobody in it
    const counts = unit ? (unit.counts ??= this.#neighbourhoodCounts(unit.villageKey, unit.rw, unit.rt)) : this.#neighbourhoodCounts(checked.villageKey, checked.rw, checked.rt);
    counts[RESIDENTS]!++;
    const active = activeCount(summary) > 0;
    if (birth > this.#latest) {
      if (active) this.#underAge++;
    } else if (birth < this.#earliest) {
      if (active) this.#overAge++;
    } else {
      counts[ELIGIBLE]!++;
      countWork(counts, 0, checked.work, active);
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

/** A reader thread's neighbourhood (village, RW, RT) and, once a resident is counted in it, its counters. @internal */
export interface NeighbourhoodRef {
  readonly villageKey: string;
  readonly rw: number;
  readonly rt: number;
  counts?: Float64Array;
}

/**
 * The RW and RT codes of neighbourhood units, each made once and then shared: a `CoverageIndex`
 * keeps one, so that its reports on many dates (the dashboard keeps two years of month-ends) hold
 * one string per code instead of one per report. Limits: keeps every code asked for; it lives as
 * long as its owner. @internal
 */
export class UnitCodes {
  readonly #rw = new Map<string, Map<number, string>>();
  readonly #rt = new Map<string, Map<number, string>>();

  /** `<village>.<rw>` with the RW in 3 digits. */
  rw(village: string, rw: number): string {
    let codes = this.#rw.get(village);
    if (codes === undefined) this.#rw.set(village, (codes = new Map()));
    let code = codes.get(rw);
    // joined, not concatenated: one flat string rather than a rope V8 flattens into a second copy
    if (code === undefined) codes.set(rw, (code = [village, pad3(rw)].join('.')));
    return code;
  }

  /** `<village>.<rw>.<rt>` of the unit `rw × 1000 + rt`. */
  rt(village: string, unitKey: number): string {
    let codes = this.#rt.get(village);
    if (codes === undefined) this.#rt.set(village, (codes = new Map()));
    let code = codes.get(unitKey);
    if (code === undefined) codes.set(unitKey, (code = [this.rw(village, Math.floor(unitKey / 1000)), pad3(unitKey % 1000)].join('.')));
    return code;
  }
}

/** Rolls the RT counts up to the requested levels. @internal */
export function rollUp(
  neighbourhoods: Map<string, Map<number, Float64Array>>,
  levels: readonly RegionLevel[],
  codes: UnitCodes = new UnitCodes(),
): { regions: RegionCoverage[]; total: Float64Array } {
  const { rows, total } = sumByRegion(neighbourhoods, levels, SLOTS, codes);
  const regions = sortedByCode(rows).map(([code, row]) => regionRow(row.level, code, row.parentCode, row.counts));
  return { regions, total };
}

/**
 * @internal Sums `slots` counters per neighbourhood (RT) into every enclosing region at `levels`:
 * the one roll-up of coverage and of its data-quality counts.
 */
export function sumByRegion(
  neighbourhoods: Map<string, Map<number, Float64Array>>,
  levels: readonly RegionLevel[],
  slots: number,
  codes: UnitCodes = new UnitCodes(),
): { rows: Map<string, { level: RegionLevel; parentCode: string | null; counts: Float64Array }>; total: Float64Array } {
  const wanted = new Set(levels);
  const rows = new Map<string, { level: RegionLevel; parentCode: string | null; counts: Float64Array }>();
  const total = new Float64Array(slots);
  const add = (level: RegionLevel, code: string, parentCode: string | null, counts: Float64Array) => {
    if (!wanted.has(level)) return;
    let row = rows.get(code);
    if (row === undefined) rows.set(code, (row = { level, parentCode, counts: new Float64Array(slots) }));
    for (let s = 0; s < slots; s++) row.counts[s]! += counts[s]!;
  };
  for (const [village, byUnit] of neighbourhoods) {
    const district = village.slice(0, 8);
    const city = village.slice(0, 5);
    const province = village.slice(0, 2);
    const villageCounts = new Float64Array(slots);
    const rwCounts = new Map<number, Float64Array>();
    for (const [unitKey, counts] of byUnit) {
      const rw = Math.floor(unitKey / 1000);
      add('rt', codes.rt(village, unitKey), codes.rw(village, rw), counts);
      let rwc = rwCounts.get(rw);
      if (rwc === undefined) rwCounts.set(rw, (rwc = new Float64Array(slots)));
      for (let s = 0; s < slots; s++) {
        rwc[s]! += counts[s]!;
        villageCounts[s]! += counts[s]!;
      }
    }
    for (const [rw, counts] of rwCounts) add('rw', codes.rw(village, rw), village, counts);
    add('village', village, district, villageCounts);
    add('district', district, city, villageCounts);
    add('city', city, province, villageCounts);
    add('province', province, null, villageCounts);
    for (let s = 0; s < slots; s++) total[s]! += villageCounts[s]!;
  }
  return { rows, total };
}
