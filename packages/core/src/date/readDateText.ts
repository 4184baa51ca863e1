/**
 * Dates as the offices write them. The civil registry (Disdukcapil), BPJS Ketenagakerjaan and the
 * spreadsheets between them write a date as `1995-06-07`, `07-06-1995`, `07/06/1995`, `7 Juni 1995`,
 * `07 JUN 1995`, `7-Jun-1995` or, when a spreadsheet kept the cell as a number, an Excel serial
 * (`34857`). This module reads all of them into ISO `YYYY-MM-DD`.
 *
 * A date written with numbers and dashes or dots is day first (`07-06-1995`: 7 June). One written
 * with slashes, day and month both 12 or less (`03/04/2017`), can be read
 * day-first (3 April, as Indonesian offices write) or month-first (4 March, as a US spreadsheet
 * writes): {@link readDateText} then says it is ambiguous unless told the order, and
 * {@link dateOrderOf} tells which order a date that is not ambiguous needs — a reader of a whole
 * column uses the one order that makes every row a real date.
 */
import { isRealDate } from './calendarDate.js';

/** The order of day and month in a date written with numbers: day first or month first. */
export type DateOrder = 'dmy' | 'mdy';

/** What {@link readDateText} found. */
export type DateText =
  | { readonly ok: true; readonly date: string }
  | { readonly ok: false; readonly reason: 'ambiguous'; readonly dayFirst: string; readonly monthFirst: string }
  | { readonly ok: false; readonly reason: 'invalid' };

/** The formats {@link readDateText} reads, for messages. */
export const DATE_FORMATS = 'YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or D MMMM YYYY (e.g. 7 Juni 1995)';

/** Month names and their abbreviations, Indonesian and English, lower case, with their month number: the one list of the words a date is written with. */
export const MONTH_WORDS: Readonly<Record<string, number>> = Object.freeze({
  januari: 1, january: 1, jan: 1,
  februari: 2, february: 2, pebruari: 2, feb: 2, peb: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, ags: 8, aug: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11, nop: 11,
  desember: 12, december: 12, des: 12, dec: 12,
});

const pad2 = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;
const NAMED = /^(\d{1,2})[ \-.]+([A-Za-z]+)\.?[ \-.,]+(\d{4})$/;
const SERIAL = /^(\d{1,5})(?:\.0+)?$/;

/** Excel serials read as dates: 1 (1900-01-01) to 2958465 (9999-12-31); 5 digits reach 2173. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * The date of an Excel serial (days since 1899-12-30; Excel's 1900 has a 29 February that never
 * was, serial 60, so serials below 61 count from 1899-12-31), or `undefined` for 60 and out of
 * range.
 *
 * @example
 * excelSerialDate(34857) //=> '1995-06-07'
 */
export function excelSerialDate(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465 || serial === 60) return undefined;
  const days = serial < 60 ? serial + 1 : serial;
  return new Date(SERIAL_EPOCH + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Reads a date as the exports write it (see the module's comment) into ISO `YYYY-MM-DD`.
 *
 * @param order for dates written with numbers only, which comes first; without it a date such as
 *   `03/04/2017` is `ambiguous` (both readings are given)
 * @example
 * readDateText('07-06-1995') //=> { ok: true, date: '1995-06-07' }
 * readDateText('7 Juni 1995') //=> { ok: true, date: '1995-06-07' }
 * readDateText('03/04/2017') //=> { ok: false, reason: 'ambiguous', dayFirst: '2017-04-03', monthFirst: '2017-03-04' }
 * readDateText('03/04/2017', 'dmy') //=> { ok: true, date: '2017-04-03' }
 */
export function readDateText(text: string, order?: DateOrder): DateText {
  const value = text.trim();
  let m = ISO.exec(value);
  if (m) return real(Number(m[1]), Number(m[2]), Number(m[3]));
  m = NUMERIC.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const dayFirst = isRealDate(y, b, a) ? iso(y, b, a) : undefined;
    const monthFirst = isRealDate(y, a, b) ? iso(y, a, b) : undefined;
    const chosen = order === 'dmy' ? dayFirst : order === 'mdy' ? monthFirst : undefined;
    if (order !== undefined) return chosen === undefined ? INVALID : { ok: true, date: chosen };
    // with dashes or dots the date is day first, as Indonesian offices write it; only a US
    // spreadsheet writes month first, with slashes
    if (m[0].includes('/') === false && dayFirst !== undefined) return { ok: true, date: dayFirst };
    if (dayFirst !== undefined && monthFirst !== undefined && dayFirst !== monthFirst) return { ok: false, reason: 'ambiguous', dayFirst, monthFirst };
    const only = dayFirst ?? monthFirst;
    return only === undefined ? INVALID : { ok: true, date: only };
  }
  m = NAMED.exec(value);
  if (m) {
    const month = MONTH_WORDS[m[2]!.toLowerCase()];
    return month === undefined ? INVALID : real(Number(m[3]), month, Number(m[1]));
  }
  m = SERIAL.exec(value);
  if (m) {
    const date = excelSerialDate(Number(m[1]));
    return date === undefined ? INVALID : { ok: true, date };
  }
  return INVALID;
}

/**
 * The order a date written with numbers needs to be real: `dmy` for `13/04/2017`, `mdy` for
 * `04/13/2017`; `undefined` when either order or none works, or the date is not written with numbers.
 *
 * @example
 * dateOrderOf('25-12-2017') //=> 'dmy'
 * dateOrderOf('03/04/2017') //=> undefined
 */
export function dateOrderOf(text: string): DateOrder | undefined {
  const m = NUMERIC.exec(text.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const y = Number(m[3]);
  const dayFirst = isRealDate(y, b, a);
  const monthFirst = isRealDate(y, a, b);
  return dayFirst && !monthFirst ? 'dmy' : monthFirst && !dayFirst ? 'mdy' : undefined;
}

const INVALID: DateText = Object.freeze({ ok: false, reason: 'invalid' }) as DateText;

function real(y: number, m: number, d: number): DateText {
  return isRealDate(y, m, d) ? { ok: true, date: iso(y, m, d) } : INVALID;
}
