/**
 * Coverage on any date from records kept in memory: the records are checked once, kept in compact
 * typed columns, and each report runs the accumulator's steps over the columns, so a report on a
 * new date costs one pass over numbers instead of re-reading and re-checking every record.
 */
import { eligibleBirthRange } from '../age/age.js';
import { type CalendarDateInput, formatDateNumber, requireDateNumber } from '../date/calendarDate.js';
import { CakupanError } from '../issue/issue.js';
import { activeAt, SEGMENTS, type Segment } from '../participant/participant.js';
import type { RegionLevel } from '../region/region.js';
import { rollUp, sumByRegion, UnitCodes } from './accumulator.js';
import { NikTable } from './nikTable.js';
import { type CoveragePolicyInput, parseLevels, parsePolicy } from './policy.js';
import { checkParticipant, checkResident, isProblem, type Rejection, type ValidResident } from './records.js';
import { rejection, withRef } from './rejection.js';
import { COVERED, countsToFigures, countWork, type CoverageReport, ELIGIBLE, RESIDENTS, SEGMENT_BASE, SLOTS, sortedByCode } from './report.js';
import { RESIDENT_OUTCOME } from './residentOutcome.js';

/** Options of {@link CoverageIndex}. */
export interface CoverageIndexOptions {
  /**
   * The date records are checked on when added, usually the register's as-of date. Reports on
   * other dates are exact too; only records whose check depends on the date (a NIK whose century,
   * or a birth date that is later than the report's date) are checked again, once per stretch of
   * dates on which their outcome cannot change.
   */
  checkedOn: CalendarDateInput;
  /** Expected number of residents, to size the tables once (optional). */
  expectedResidents?: number | undefined;
}

/** Options of {@link CoverageIndex.report}: those of `computeCoverage` without the records. */
export interface CoverageIndexReportOptions {
  asOf: CalendarDateInput;
  levels?: readonly RegionLevel[];
  policy?: CoveragePolicyInput;
}

type Problem = { field: string; code: Rejection['code']; message: string };

const NONE = -1;
/** An account's missing registration date sorts before every date, its missing end after. */
const OPEN_START = 0;
const OPEN_END = 99999999;
const ACTIVE = 1;

/**
 * The records of a coverage calculation, kept to answer {@link computeCoverage}'s question on any
 * date: `index.report({ asOf })` equals `computeCoverage({ residents, participants, asOf })` over
 * the records added so far — the same figures, linkage, rejections (with the record's position
 * among those of its kind and its `ref`) and birth-date mismatches — for every date and policy.
 *
 * Accounts can be replaced by a key (a KPJ) as they change, and all of them at once; residents are
 * added once (a new register is a new index). Memory: about 50 bytes per resident and 40 per
 * account, plus the records that failed their check (kept whole, to be checked again on each date).
 *
 * @throws {CakupanError} `required` without `checkedOn`
 * @example
 * const index = new CoverageIndex({ checkedOn: '2025-12-31' });
 * for (const p of participants) index.addParticipant(p, p.kpj);
 * for (const r of residents) index.addResident(r);
 * index.report({ asOf: '2025-06-30' }); // as computeCoverage on that date
 * index.setParticipant('12345678901', { ...account, endedOn: '2026-01-15' });
 */
export class CoverageIndex {
  readonly #checkedOn: number;
  readonly #persons: NikTable;
  #personCount = 0;
  /** RT ids by village and `rw * 1000 + rt`. */
  readonly #units = new Map<string, Map<number, number>>();
  readonly #unitVillage: string[] = [];
  readonly #unitKey: number[] = [];
  /** RW and RT codes, shared by the rows of every report. */
  readonly #codes = new UnitCodes();
  readonly #villageCodes = new Map<string | number, string | null>();
  readonly #residents = new ResidentColumns();
  readonly #accounts = new AccountColumns();
  readonly #accountByKey = new Map<string, number>();
  readonly #checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };

  constructor(options: CoverageIndexOptions) {
    if (options?.checkedOn === undefined) throw new CakupanError({ code: 'required', message: 'checkedOn is required: the date records are checked on, as YYYY-MM-DD', path: ['checkedOn'] });
    this.#checkedOn = requireDateNumber(options.checkedOn, 'checkedOn');
    this.#persons = new NikTable(options.expectedResidents ?? 1 << 16);
  }

  /** Residents added. */
  get residentCount(): number {
    return this.#residents.length;
  }

  /** Accounts held (added, less those replaced). */
  get participantCount(): number {
    return this.#accounts.length;
  }

  /** Adds one resident (anything: what is not a valid `ResidentRecord` on a date is rejected on it). */
  addResident(record: unknown): void {
    const cols = this.#residents;
    const i = cols.push();
    const ref = refOf(record);
    cols.refs[i] = ref;
    const checked = this.#checked;
    const problem = checkResident(record, this.#checkedOn, this.#villageCodes, checked);
    if (problem !== null) return this.#keepWhole(cols, i, record);
    this.#keepNik(cols, i, checked.hi, checked.lo);
    cols.unit[i] = this.#unit(checked.villageKey, checked.rw, checked.rt);
    const given = checked.birthFromNik ? 0 : checked.birth;
    cols.givenBirth[i] = given;
    cols.flags[i] = residentFlags(checked);
    cols.setPiece(i, ...nikStretch(this.#checkedOn, checked.hi, checked.lo, given), checked.birth);
  }

  /**
   * Adds one account (anything: what is not a valid `ParticipantRecord` on a date is rejected on
   * it). With a `key` (its KPJ), {@link setParticipant} can replace it later.
   *
   * @throws {RangeError} when an account with this key is held already
   */
  addParticipant(record: unknown, key?: string): void {
    if (key !== undefined && this.#accountByKey.has(key)) throw new RangeError(`an account with key ${key} is held already: use setParticipant to replace it`);
    const i = this.#accounts.push();
    if (key !== undefined) this.#accountByKey.set(key, i);
    this.#storeAccount(i, record);
  }

  /** Replaces the account added with `key` (in its place), or adds it. */
  setParticipant(key: string, record: unknown): void {
    const i = this.#accountByKey.get(key);
    if (i === undefined) this.addParticipant(record, key);
    else this.#storeAccount(i, record);
  }

  /** Whether an account was added with `key`. */
  hasParticipant(key: string): boolean {
    return this.#accountByKey.has(key);
  }

  /** Forgets every account (before adding a new export of them). */
  clearParticipants(): void {
    this.#accounts.clear();
    this.#accountByKey.clear();
  }

  #storeAccount(i: number, record: unknown): void {
    const cols = this.#accounts;
    cols.refs[i] = refOf(record);
    cols.raw.delete(i);
    const checked = checkParticipant(record, this.#checkedOn);
    if (isProblem(checked)) return this.#keepWhole(cols, i, record);
    this.#keepNik(cols, i, checked.hi, checked.lo);
    cols.segment[i] = SEGMENTS.indexOf(checked.segment);
    cols.status[i] = checked.status === 'active' ? ACTIVE : 0;
    cols.registeredOn[i] = checked.registeredOn ?? OPEN_START;
    cols.endedOn[i] = checked.endedOn ?? OPEN_END;
    cols.setPiece(i, ...nikStretch(this.#checkedOn, checked.hi, checked.lo, 0), 0);
  }

  /** A record that failed its check: kept whole, checked again on each date; its person known if its NIK has 16 digits. */
  #keepWhole(cols: Columns, i: number, record: unknown): void {
    cols.raw.set(i, record);
    cols.person[i] = this.#personOfDigits((record as { nik?: unknown } | null)?.nik);
  }

  #keepNik(cols: Columns, i: number, hi: number, lo: number): void {
    cols.hi[i] = hi;
    cols.lo[i] = lo;
    cols.person[i] = this.#person(hi, lo);
  }

  #person(hi: number, lo: number): number {
    const known = this.#persons.get(hi, lo);
    if (known !== undefined) return known;
    const id = this.#personCount++;
    this.#persons.set(hi, lo, id);
    return id;
  }

  /** The person of a NIK given as 16 digits that could be valid on some date, else NONE. */
  #personOfDigits(nik: unknown): number {
    if (typeof nik !== 'string' || !/^\d{16}$/.test(nik)) return NONE;
    const hi = Number(nik.slice(0, 8));
    return hi < 11000000 ? NONE : this.#person(hi, Number(nik.slice(8)));
  }

  #unit(village: string, rw: number, rt: number): number {
    let byUnit = this.#units.get(village);
    if (byUnit === undefined) this.#units.set(village, (byUnit = new Map()));
    const key = rw * 1000 + rt;
    let id = byUnit.get(key);
    if (id === undefined) {
      id = this.#unitVillage.length;
      byUnit.set(key, id);
      this.#unitVillage.push(village);
      this.#unitKey.push(rw * 1000 + rt);
    }
    return id;
  }

  /**
   * The coverage report on `options.asOf` of every record held: equal to `computeCoverage` with the
   * residents and the accounts in the order they were added (a replaced account keeps its place).
   *
   * @throws {CakupanError} for invalid options (as computeCoverage)
   */
  report(options: CoverageIndexReportOptions): CoverageReport {
    return this.#run(options);
  }

  /**
   * What the report on `options.asOf` made of each resident, in the order added: 0 not used
   * (rejected, or a later duplicate of a NIK), 1 not eligible, 2 eligible and not covered,
   * 3 eligible and covered — e.g. to count the members of each household (KK) as core counts them.
   *
   * @throws {CakupanError} for invalid options (as computeCoverage)
   */
  residentOutcomes(options: CoverageIndexReportOptions): Uint8Array {
    const outcomes = new Uint8Array(this.#residents.length);
    this.#run(options, outcomes);
    return outcomes;
  }

  /**
   * The coverage report on `options.asOf` (as {@link report}) and, from the same pass, data-quality
   * counts per region at `options.levels` (default all six): the residents the report used who are
   * under the minimum age yet hold an active account, who hold several active accounts, whose register
   * birth date differs from their NIK's, and whose birth date came from their NIK. Their sums over a
   * level equal the report's `linkage` figures of the same names (`multipleActiveAccounts` counts
   * only residents here, the linkage all persons).
   *
   * @throws {CakupanError} for invalid options (as computeCoverage)
   * @example
   * const { report, regions } = index.quality({ asOf: '2025-12-31', levels: ['village'] });
   * // regions: [{ level: 'village', code: '32.71.01.1001', parentCode: '32.71.01', underAge: 2, … }, …]
   */
  quality(options: CoverageIndexReportOptions): QualityReport {
    const levels = parseLevels(options.levels);
    const perUnit = new Float64Array((this.#unitVillage.length + this.#residents.raw.size) * QUALITY_SLOTS);
    const report = this.#run(options, undefined, perUnit);
    const neighbourhoods = new Map<string, Map<number, Float64Array>>();
    for (let u = 0; u < this.#unitVillage.length; u++) {
      const unitCounts = perUnit.subarray(u * QUALITY_SLOTS, (u + 1) * QUALITY_SLOTS);
      const village = this.#unitVillage[u]!;
      let byUnit = neighbourhoods.get(village);
      if (byUnit === undefined) neighbourhoods.set(village, (byUnit = new Map()));
      byUnit.set(this.#unitKey[u]!, unitCounts);
    }
    const { rows } = sumByRegion(neighbourhoods, levels, QUALITY_SLOTS, this.#codes);
    const regions = sortedByCode(rows).map(([code, row]) => ({
      level: row.level,
      code,
      parentCode: row.parentCode,
      underAge: row.counts[Q_UNDER_AGE]!,
      multipleActiveAccounts: row.counts[Q_SEVERAL]!,
      birthDateMismatches: row.counts[Q_MISMATCH]!,
      birthDatesFromNik: row.counts[Q_FROM_NIK]!,
    }));
    return { report, regions };
  }

  /** Each resident's `ref` (e.g. its line), in the order added. */
  residentRefs(): readonly (string | number | undefined)[] {
    return this.#residents.refs.slice(0, this.#residents.length);
  }

  #run(options: CoverageIndexReportOptions, outcomes?: Uint8Array, quality?: Float64Array): CoverageReport {
    if (options?.asOf === undefined) throw new CakupanError({ code: 'required', message: 'asOf is required: the reference date of the report, as YYYY-MM-DD', path: ['asOf'] });
    const asOf = requireDateNumber(options.asOf, 'asOf');
    const policy = parsePolicy(options.policy);
    const levels = parseLevels(options.levels);
    const rankOfSegment = SEGMENTS.map((s) => policy.segmentPrecedence.indexOf(s));
    const { earliest, latest } = eligibleBirthRange(asOf, policy);

    // per person: active accounts, best rank, whether they hold an account, whether the register has them
    const persons = this.#personCount;
    const activeCount = new Int32Array(persons);
    const bestRank = new Int8Array(persons).fill(NO_RANK);
    const holds = new Uint8Array(persons);
    const inRegister = new Uint8Array(persons);

    const rejectedParticipants: Rejection[] = [];
    const accounts = this.#accounts;
    let activeAccounts = 0;
    for (let i = 0; i < accounts.length; i++) {
      let p: number;
      let segment: number;
      let active: boolean;
      const raw = accounts.raw.get(i);
      if (raw !== undefined) {
        const checked = checkParticipant(raw, asOf);
        if (isProblem(checked)) {
          rejectedParticipants.push(rejection(i, raw, checked));
          continue;
        }
        p = accounts.person[i]!;
        segment = SEGMENTS.indexOf(checked.segment);
        active = activeAt(checked.status, checked.registeredOn, checked.endedOn, asOf);
      } else {
        if (!accounts.covers(i, asOf)) this.#recheckAccount(i, asOf);
        if (accounts.outcome[i]! < 0) {
          rejectedParticipants.push(this.#rejectionOf(accounts, i));
          continue;
        }
        p = accounts.person[i]!;
        segment = accounts.segment[i]!;
        const from = accounts.registeredOn[i]!;
        const to = accounts.endedOn[i]!;
        active = accounts.status[i] === ACTIVE && from <= asOf && to > asOf;
      }
      holds[p] = 1;
      if (active) {
        activeAccounts++;
        activeCount[p]!++;
        const rank = rankOfSegment[segment]!;
        if (rank < bestRank[p]!) bestRank[p] = rank;
      }
    }
    const accountsUsed = accounts.length - rejectedParticipants.length;

    const residents = this.#residents;
    const counts = new Float64Array((this.#unitVillage.length + residents.raw.size) * SLOTS);
    const rejectedResidents: Rejection[] = [];
    const mismatches: { index: number; ref?: string | number }[] = [];
    let matchedEligible = 0;
    let underAge = 0;
    let overAge = 0;
    let birthDatesFromNik = 0;
    const checked = this.#checked;
    for (let i = 0; i < residents.length; i++) {
      let p: number;
      let unit: number;
      let birth: number;
      let flags: number;
      const raw = residents.raw.get(i);
      if (raw !== undefined) {
        const problem = checkResident(raw, asOf, this.#villageCodes, checked);
        if (problem !== null) {
          rejectedResidents.push(rejection(i, raw, problem));
          continue;
        }
        p = residents.person[i]!;
        unit = this.#unit(checked.villageKey, checked.rw, checked.rt);
        birth = checked.birth;
        flags = residentFlags(checked);
      } else {
        if (!residents.covers(i, asOf)) this.#recheckResident(i, asOf);
        birth = residents.outcome[i]!;
        if (birth < 0) {
          rejectedResidents.push(this.#rejectionOf(residents, i));
          continue;
        }
        p = residents.person[i]!;
        unit = residents.unit[i]!;
        flags = residents.flags[i]!;
      }
      if (inRegister[p]) {
        rejectedResidents.push(rejection(i, { ref: residents.refs[i] }, DUPLICATE));
        continue;
      }
      inRegister[p] = 1;
      if (outcomes) outcomes[i] = OUTCOME_RESIDENT;
      if (flags & FROM_NIK) birthDatesFromNik++;
      else if (flags & MISMATCH) mismatches.push(withRef(i, { ref: residents.refs[i] }));
      const base = unit * SLOTS;
      counts[base + RESIDENTS]!++;
      const active = activeCount[p]! > 0;
      if (quality) {
        const q = unit * QUALITY_SLOTS;
        if (flags & FROM_NIK) quality[q + Q_FROM_NIK]!++;
        else if (flags & MISMATCH) quality[q + Q_MISMATCH]!++;
        if (activeCount[p]! > 1) quality[q + Q_SEVERAL]!++;
        if (active && birth > latest) quality[q + Q_UNDER_AGE]!++;
      }
      if (birth > latest) {
        if (active) underAge++;
      } else if (birth < earliest) {
        if (active) overAge++;
      } else {
        counts[base + ELIGIBLE]!++;
        countWork(counts, base, flags >> WORK_SHIFT, active);
        if (outcomes) outcomes[i] = active ? OUTCOME_COVERED : OUTCOME_ELIGIBLE;
        if (active) {
          counts[base + COVERED]!++;
          counts[base + SEGMENT_BASE + SEGMENTS.indexOf(policy.segmentPrecedence[bestRank[p]!]!)]!++;
          matchedEligible++;
        }
      }
    }

    let personsWithActiveAccount = 0;
    let personsWithOnlyInactiveAccounts = 0;
    let multipleActiveAccounts = 0;
    let notInRegister = 0;
    for (let p = 0; p < persons; p++) {
      if (!holds[p]) continue;
      const n = activeCount[p]!;
      if (n === 0) {
        personsWithOnlyInactiveAccounts++;
        continue;
      }
      personsWithActiveAccount++;
      if (n > 1) multipleActiveAccounts++;
      if (!inRegister[p]) notInRegister++;
    }

    const neighbourhoods = new Map<string, Map<number, Float64Array>>();
    for (let u = 0; u < this.#unitVillage.length; u++) {
      const unitCounts = counts.subarray(u * SLOTS, (u + 1) * SLOTS);
      if (unitCounts[RESIDENTS] === 0) continue;
      const village = this.#unitVillage[u]!;
      let byUnit = neighbourhoods.get(village);
      if (byUnit === undefined) neighbourhoods.set(village, (byUnit = new Map()));
      byUnit.set(this.#unitKey[u]!, unitCounts);
    }
    const { regions, total } = rollUp(neighbourhoods, levels, this.#codes);
    const residentsRead = residents.length;
    return {
      asOf: formatDateNumber(asOf),
      policy,
      levels,
      totals: countsToFigures(total),
      regions,
      linkage: {
        accounts: accountsUsed,
        activeAccounts,
        inactiveAccounts: accountsUsed - activeAccounts,
        personsWithActiveAccount,
        personsWithOnlyInactiveAccounts,
        matchedEligible,
        notInRegister,
        underAge,
        overAge,
        multipleActiveAccounts,
        birthDateMismatches: mismatches.length,
        birthDatesFromNik,
      },
      records: {
        residents: { read: residentsRead, used: residentsRead - rejectedResidents.length, rejected: rejectedResidents.length },
        participants: { read: accounts.length, used: accountsUsed, rejected: rejectedParticipants.length },
      },
      rejected: { residents: rejectedResidents, participants: rejectedParticipants },
      birthDateMismatches: mismatches,
    };
  }

  /** The rejection of record `i`, whose outcome is a problem. */
  #rejectionOf(cols: Columns, i: number): Rejection {
    return rejection(i, { ref: cols.refs[i] }, this.#problems[-cols.outcome[i]! - 1]!);
  }

  // Problems found when checking again, each kept once; an outcome < 0 is -(index + 1).
  readonly #problems: Problem[] = [];
  readonly #problemIds = new Map<string, number>();

  #problemOutcome(problem: Problem): number {
    const key = `${problem.field}\u0000${problem.code}\u0000${problem.message}`;
    let id = this.#problemIds.get(key);
    if (id === undefined) {
      id = this.#problems.length;
      this.#problems.push(problem);
      this.#problemIds.set(key, id);
    }
    return -id - 1;
  }

  /** Checks a resident again on `asOf` (core's own check, on the record rebuilt from its columns). */
  #recheckResident(i: number, asOf: number): void {
    const cols = this.#residents;
    const hi = cols.hi[i]!;
    const lo = cols.lo[i]!;
    const given = cols.givenBirth[i]!;
    const unitId = cols.unit[i]!;
    const unitKey = this.#unitKey[unitId]!;
    const record = {
      nik: nikText(hi, lo),
      birthDate: given === 0 ? undefined : formatDateNumber(given),
      villageCode: this.#unitVillage[unitId]!,
      rw: Math.floor(unitKey / 1000),
      rt: unitKey % 1000,
    };
    const problem = checkResident(record, asOf, this.#villageCodes, this.#checked);
    cols.setPiece(i, ...nikStretch(asOf, hi, lo, given), problem === null ? this.#checked.birth : this.#problemOutcome(problem));
  }

  #recheckAccount(i: number, asOf: number): void {
    const cols = this.#accounts;
    const hi = cols.hi[i]!;
    const lo = cols.lo[i]!;
    const record = {
      nik: nikText(hi, lo),
      segment: SEGMENTS[cols.segment[i]!] as Segment,
      status: cols.status[i] === ACTIVE ? 'active' : 'inactive',
      registeredOn: cols.registeredOn[i] === OPEN_START ? undefined : formatDateNumber(cols.registeredOn[i]!),
      endedOn: cols.endedOn[i] === OPEN_END ? undefined : formatDateNumber(cols.endedOn[i]!),
    };
    const checked = checkParticipant(record, asOf);
    cols.setPiece(i, ...nikStretch(asOf, hi, lo, 0), isProblem(checked) ? this.#problemOutcome(checked) : 0);
  }
}

/** Data-quality counts of one region: see {@link CoverageIndex.quality}. */
export interface RegionQuality {
  readonly level: RegionLevel;
  readonly code: string;
  readonly parentCode: string | null;
  /** Residents under the minimum age with an active account. */
  readonly underAge: number;
  /** Residents with more than one active account. */
  readonly multipleActiveAccounts: number;
  /** Residents whose register birth date differs from their NIK's. */
  readonly birthDateMismatches: number;
  /** Residents without a register birth date, whose NIK's was used. */
  readonly birthDatesFromNik: number;
}

/** A coverage report and its regions' data-quality counts, from one pass: see {@link CoverageIndex.quality}. */
export interface QualityReport {
  readonly report: CoverageReport;
  readonly regions: RegionQuality[];
}

// data-quality counter slots of one neighbourhood (RT)
const Q_UNDER_AGE = 0;
const Q_SEVERAL = 1;
const Q_MISMATCH = 2;
const Q_FROM_NIK = 3;
const QUALITY_SLOTS = 4;

const FROM_NIK = 1;
const MISMATCH = 2;
/** The resident's `work` (records' `WORK`) is kept in the flags' bits from this one up. */
const WORK_SHIFT = 2;
const OUTCOME_RESIDENT = RESIDENT_OUTCOME.resident;
const OUTCOME_ELIGIBLE = RESIDENT_OUTCOME.eligible;
const OUTCOME_COVERED = RESIDENT_OUTCOME.covered;

/** A valid resident's flags: birth date taken from the NIK, or the register's differing from it (any century); and their work. */
function residentFlags(checked: ValidResident): number {
  const work = checked.work << WORK_SHIFT;
  if (checked.birthFromNik) return FROM_NIK | work;
  return (checked.birth % 1000000 !== checked.nikBirth % 1000000 ? MISMATCH : 0) | work;
}
const NO_RANK = 4;
const DUPLICATE: Problem = { field: 'nik', code: 'duplicate_nik', message: 'an earlier valid resident has the same NIK' };

function refOf(record: unknown): string | number | undefined {
  const ref = (record as { ref?: unknown } | null)?.ref;
  return typeof ref === 'string' || typeof ref === 'number' ? ref : undefined;
}

function nikText(hi: number, lo: number): string {
  return String(hi).padStart(8, '0') + String(lo).padStart(8, '0');
}

/**
 * The stretch of dates `[from, to)` around `asOf` on which checking a record with this NIK (and
 * this register birth date, 0 for none) cannot change its outcome.
 *
 * Core reads a NIK's two-digit year as the latest year ending in those digits whose date is real
 * and not after the reference date, trying two centuries back from the reference year: the
 * outcome can change only on 1 January of a year ending in those digits, on the NIK's day and
 * month in such a year, and on the register's birth date (born after the reference date). Those
 * days are the stretch's ends; between them every comparison the check makes gives one answer.
 */
function nikStretch(asOf: number, hi: number, lo: number, givenBirth: number): [number, number] {
  const rawDay = hi % 100;
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = Math.floor(lo / 1000000);
  const yy = Math.floor(lo / 10000) % 100;
  const asOfYear = Math.floor(asOf / 10000);
  const latestYear = asOfYear - ((((asOfYear - yy) % 100) + 100) % 100);
  let from = 0;
  let to = OPEN_END + 1;
  const consider = (date: number) => {
    if (date <= asOf) {
      if (date > from) from = date;
    } else if (date < to) to = date;
  };
  for (const year of [latestYear - 100, latestYear, latestYear + 100]) {
    consider(year * 10000 + 101);
    consider(year * 10000 + month * 100 + day);
  }
  if (givenBirth !== 0) consider(givenBirth);
  return [from, to];
}

/** Growable typed columns, one row per record, with the stretch of dates each outcome holds on. */
class Columns {
  length = 0;
  capacity = 1024;
  hi = new Int32Array(this.capacity);
  lo = new Int32Array(this.capacity);
  person = new Int32Array(this.capacity);
  /** Check outcome on [from, to): the birth date used (residents), 0 (accounts), or -(problem + 1). */
  outcome = new Int32Array(this.capacity);
  from = new Int32Array(this.capacity);
  to = new Int32Array(this.capacity);
  refs: (string | number | undefined)[] = [];
  /** Records that failed their first check, kept whole and checked on each date. */
  readonly raw = new Map<number, unknown>();

  push(): number {
    if (this.length === this.capacity) this.grow(this.capacity * 2);
    return this.length++;
  }

  covers(i: number, date: number): boolean {
    return this.from[i]! <= date && date < this.to[i]!;
  }

  setPiece(i: number, from: number, to: number, outcome: number): void {
    this.from[i] = from;
    this.to[i] = to;
    this.outcome[i] = outcome;
  }

  protected grow(capacity: number): void {
    for (const key of Object.keys(this) as (keyof this)[]) {
      const col = this[key];
      if (col instanceof Int32Array || col instanceof Uint8Array || col instanceof Int8Array) {
        const next = new (col.constructor as Int32ArrayConstructor)(capacity);
        next.set(col);
        this[key] = next as never;
      }
    }
    this.capacity = capacity;
  }
}

class ResidentColumns extends Columns {
  unit = new Int32Array(this.capacity);
  givenBirth = new Int32Array(this.capacity);
  flags = new Uint8Array(this.capacity);
}

class AccountColumns extends Columns {
  segment = new Uint8Array(this.capacity);
  status = new Uint8Array(this.capacity);
  registeredOn = new Int32Array(this.capacity);
  endedOn = new Int32Array(this.capacity);
  clear(): void {
    this.length = 0;
    this.refs = [];
    this.raw.clear();
  }
}
