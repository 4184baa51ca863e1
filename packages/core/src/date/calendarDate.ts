/**
 * Calendar dates (no time, no time zone).
 *
 * Every date in cakupan is a calendar date: a birth date, a registration date, the reference date
 * of a report. Inputs are ISO `YYYY-MM-DD` strings or `Date` objects read as **local** calendar
 * dates (`getFullYear()`, `getMonth()`, `getDate()`), so that `new Date(2000, 1, 29)` means
 * 29 February 2000 in every process time zone. Outputs are always ISO strings.
 *
 * Internally a date is also an integer `yyyymmdd` (e.g. `20000229`): comparing two such numbers
 * compares the dates, and no time zone can shift them.
 */
import { isValid } from 'date-fns';
import { z } from 'zod';
import { CakupanError } from '../issue/issue.js';
import { todayIn } from './todayIn.js';

/** A calendar date as accepted by cakupan: ISO `YYYY-MM-DD` or a `Date` read as local date. */
export type CalendarDateInput = string | Date;

/** Days in each month of a common year (index 1–12). */
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Whether `year` is a leap year in the proleptic Gregorian calendar.
 *
 * @example
 * isLeapYear(2000) //=> true
 * isLeapYear(1900) //=> false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The number of days in `month` (1–12) of `year`.
 *
 * @throws {RangeError} when `month` is not an integer from 1 to 12.
 * @example
 * daysInMonth(2024, 2) //=> 29
 */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be an integer from 1 to 12, got ${month}`);
  }
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]!;
}

/**
 * Whether year, month (1–12) and day form a real calendar date (years 1–9999).
 *
 * @example
 * isRealDate(2017, 2, 30) //=> false
 */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Reads an ISO `YYYY-MM-DD` string (exactly that form, nothing after it) as a `yyyymmdd` number.
 * Returns `undefined` for any other text and for impossible dates such as `2017-02-30`: a date is
 * never rolled over into the next month.
 *
 * @example
 * parseIsoDateNumber('2000-02-29') //=> 20000229
 * parseIsoDateNumber('2017-02-30') //=> undefined
 */
export function parseIsoDateNumber(text: string): number | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    year = year * 10 + d;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (!isRealDate(year, month, day)) return undefined;
  return year * 10000 + month * 100 + day;
}

/**
 * Converts a calendar date input to a `yyyymmdd` number, or `undefined` when it is not a real
 * date (malformed string, impossible date, invalid `Date`).
 *
 * @example
 * toDateNumber('2018-03-01') //=> 20180301
 * toDateNumber(new Date(2018, 2, 1)) //=> 20180301, in every time zone
 */
export function toDateNumber(input: CalendarDateInput): number | undefined {
  if (typeof input === 'string') return parseIsoDateNumber(input);
  if (input instanceof Date) {
    if (!isValid(input)) return undefined;
    const y = input.getFullYear();
    if (y < 1 || y > 9999) return undefined;
    return y * 10000 + (input.getMonth() + 1) * 100 + input.getDate();
  }
  return undefined;
}

/**
 * Formats a `yyyymmdd` number as ISO `YYYY-MM-DD`.
 *
 * @example
 * formatDateNumber(20000229) //=> '2000-02-29'
 */
export function formatDateNumber(value: number): string {
  const y = Math.floor(value / 10000);
  const m = Math.floor(value / 100) % 100;
  const d = value % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Normalises a calendar date input to ISO `YYYY-MM-DD`.
 *
 * @throws {RangeError} when the input is not a real calendar date; `name` names it in the message.
 * @example
 * toIsoDate(new Date(2017, 11, 31)) //=> '2017-12-31'
 */
export function toIsoDate(input: CalendarDateInput, name = 'date'): string {
  const n = toDateNumber(input);
  if (n === undefined) {
    throw invalidDate(input, name);
  }
  return formatDateNumber(n);
}

/** Today's calendar date in this runtime's time zone, as ISO `YYYY-MM-DD` ({@link todayIn}). */
export function todayIso(): string {
  return todayIn();
}

/** @internal */
export function requireDateNumber(input: CalendarDateInput, name: string): number {
  const n = toDateNumber(input);
  if (n === undefined) {
    throw invalidDate(input, name);
  }
  return n;
}

function invalidDate(input: unknown, name: string): CakupanError {
  return new CakupanError({
    code: 'invalid_date',
    message: `${name} must be a real calendar date as YYYY-MM-DD (years 0001–9999) or a valid Date, got ${describe(input)}`,
    path: [name],
  });
}

/**
 * A real calendar date as ISO `YYYY-MM-DD` (years 0001–9999): the one date check of requests and
 * records. `2017-02-30`, `0000-01-01` and `2017-1-1` fail with "must be a real calendar date".
 *
 * @example
 * isoDateSchema.parse('2000-02-29') //=> '2000-02-29'
 */
export const isoDateSchema = z
  .string()
  .refine((s) => parseIsoDateNumber(s) !== undefined, { message: 'must be a real calendar date as YYYY-MM-DD (years 0001–9999)' })
  .describe('A calendar date, YYYY-MM-DD');

function describe(input: unknown): string {
  if (input instanceof Date) return 'an invalid Date';
  if (typeof input === 'string') return JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  return typeof input;
}
