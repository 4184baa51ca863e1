/**
 * The date-free facts of a record that the coverage rules use: what a database keeps beside each
 * stored record so that coverage on any date can be answered next to the data, in SQL, by the
 * comparisons that are left (docs/STORE.md, the store's `coverage/coverageSql.ts`).
 *
 * Of core's checks only two depend on the reference date: a NIK's century (its two-digit year is
 * read as the latest year ending in those digits whose date is real and not after the date) and a
 * register birth date after the date. Everything else — the NIK's form, the village code, RW, RT,
 * sex, occupation, segment, status, registration and end dates — is decided here once, by core's
 * own checks, on a date late enough that neither date-dependent check refuses a record that is
 * valid on some date before it.
 */
import { checkParticipant, checkResident, type ValidResident, WORK } from './records.js';
import type { Segment } from '../participant/segments.js';
import { eligibleBirthRange } from '../age/age.js';
import { type CalendarDateInput, requireDateNumber } from '../date/calendarDate.js';
import { type CoveragePolicyInput, parsePolicy } from './policy.js';

/**
 * The date the date-free checks run on: every NIK day and month that is a real date in some year
 * (29 February included: 2400 is a leap year) resolves on it, and no register birth date before it
 * is refused as later than it. Reports are for dates before it.
 */
export const FACTS_CHECKED_ON = 24001231;

/** A resident's date-free facts: see {@link residentFacts}. */
export interface ResidentFacts {
  /** The NIK's birth month × 100 + day (day without the +40 of women). */
  readonly nikMonthDay: number;
  /** The NIK's two-digit birth year. */
  readonly nikYear: number;
  /** The register's birth date as `yyyymmdd`, or `null` when it has none (the NIK's is used). */
  readonly birth: number | null;
  /** The village, dotted (`32.71.01.1001`). */
  readonly villageCode: string;
  readonly rw: number;
  readonly rt: number;
  /** Their work by occupation: 0 not recorded, 1 not working, 2 working. */
  readonly work: 0 | 1 | 2;
  /** The register's birth date differs from the NIK's (day, month or two-digit year). */
  readonly birthMismatch: boolean;
}

/** An account's date-free facts: see {@link accountFacts}. */
export interface AccountFacts {
  readonly nikMonthDay: number;
  readonly nikYear: number;
  readonly segment: Segment;
  /** Its status is active (it then counts on the dates from `registeredOn` until `endedOn`). */
  readonly active: boolean;
  /** `yyyymmdd`, or `null` when not given. */
  readonly registeredOn: number | null;
  readonly endedOn: number | null;
}

const villageCodes = new Map<string | number, string | null>();
const checked: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };

/**
 * The facts core's coverage rules take from a resident on every date, or `null` when the record is
 * rejected on every date (a NIK or village code that is not one, an RT of 0, …). On a date `d` such a
 * resident is valid when its NIK's day and month fall in a year ending in `nikYear` on or before
 * `d` (at most two centuries back) and its `birth`, if any, is not after `d`.
 *
 * @example
 * residentFacts({ nik: '3271014501900003', villageCode: '3271011001', rw: '003', rt: 5 })
 * //=> { nikMonthDay: 105, nikYear: 90, birth: null, villageCode: '32.71.01.1001', rw: 3, rt: 5, work: 0, birthMismatch: false }
 */
export function residentFacts(record: unknown): ResidentFacts | null {
  if (checkResident(record, FACTS_CHECKED_ON, villageCodes, checked) !== null) return null;
  if (villageCodes.size > 1 << 16) villageCodes.clear();
  return {
    ...nikParts(checked.hi, checked.lo),
    birth: checked.birthFromNik ? null : checked.birth,
    villageCode: checked.villageKey,
    rw: checked.rw,
    rt: checked.rt,
    work: checked.work === WORK.working ? 2 : checked.work === WORK.notWorking ? 1 : 0,
    birthMismatch: !checked.birthFromNik && checked.birth % 1000000 !== checked.nikBirth % 1000000,
  };
}

/**
 * The facts core's coverage rules take from an account on every date, or `null` when it is
 * rejected on every date. On a date `d` it is valid when its NIK is (as {@link residentFacts}), and
 * active when `active`, `registeredOn` is none or not after `d`, and `endedOn` is none or after `d`.
 *
 * @example
 * accountFacts({ nik: '3271014501900003', segment: 'bpu', status: 'AKTIF', registeredOn: '2020-01-02' })
 * //=> { nikMonthDay: 105, nikYear: 90, segment: 'BPU', active: true, registeredOn: 20200102, endedOn: null }
 */
export function accountFacts(record: unknown): AccountFacts | null {
  const account = checkParticipant(record, FACTS_CHECKED_ON);
  if ('code' in account) return null;
  return {
    ...nikParts(account.hi, account.lo),
    segment: account.segment,
    active: account.status === 'active',
    registeredOn: account.registeredOn ?? null,
    endedOn: account.endedOn ?? null,
  };
}

function nikParts(hi: number, lo: number): { nikMonthDay: number; nikYear: number } {
  const rawDay = hi % 100;
  return { nikMonthDay: Math.floor(lo / 1000000) * 100 + (rawDay > 40 ? rawDay - 40 : rawDay), nikYear: Math.floor(lo / 10000) % 100 };
}

/**
 * The birth dates (`yyyymmdd`, both ends included) of the residents eligible on `asOf` by the
 * policy's ages: core's one reading of "18 or older on the date" (a 29 February birthday falls on
 * 1 March in other years), for a database to compare stored birth dates with.
 *
 * @throws {CakupanError} for a date that is not one, or a bad policy
 * @example
 * eligibleBirthDates('2025-12-31') //=> { earliest: 0, latest: 20071231 }
 * eligibleBirthDates('2025-03-01', { minAge: 18, maxAge: 64 }) //=> { earliest: 19600302, latest: 20070301 }
 */
export function eligibleBirthDates(asOf: CalendarDateInput, policy?: CoveragePolicyInput): { earliest: number; latest: number } {
  return eligibleBirthRange(requireDateNumber(asOf, 'asOf'), parsePolicy(policy));
}
