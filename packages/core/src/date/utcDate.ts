/**
 * Calendar dates as date-fns `UTCDate`s, for date arithmetic (a module of its own, so that code
 * that only compares and formats dates does not load @date-fns/utc).
 */
import { UTCDate } from '@date-fns/utc';

/**
 * Converts a `yyyymmdd` number to a date-fns `UTCDate` at midnight UTC of that calendar date.
 *
 * Date arithmetic runs on `UTCDate`s, never on local `Date`s: some time zones skipped whole
 * calendar days (Pacific/Kiritimati has no 31 December 1994), and local-midnight arithmetic there
 * would move a birth date by a day.
 */
export function dateNumberToUtcDate(value: number): UTCDate {
  const d = new UTCDate(2000, 0, 1);
  d.setFullYear(Math.floor(value / 10000), (Math.floor(value / 100) % 100) - 1, value % 100);
  return d;
}
