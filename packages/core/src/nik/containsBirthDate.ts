/**
 * The rule that keeps birth dates off what is printed or published: a text that holds a calendar
 * date written as people write a birth date is refused wherever a NIK would be (DOMAIN: a birth
 * date is personal data, and beside a name it identifies a person).
 */
import { MONTH_WORDS } from '../date/readDateText.js';

/** The month words dates are read with (`readDateText`'s), longest first. */
const MONTHS = Object.keys(MONTH_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|');
/** `17-05-1990`, `17/5/1990`, `17.05.1990`, `1990-05-17` (a year 1900–2099). */
const NUMERIC = /(?<!\d)(?:(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d{2})|((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2}))(?!\d)/u;
/** A date in words after a word that says it is a birth date: `lahir 17 Mei 1990`, `TTL Bogor, 17 Mei 1990`, `born 5 June 1990`. */
const IN_WORDS = new RegExp(`\\b(?:lahir|lhr|ttl|born|dob)\\b[^\\d]{0,30}\\d{1,2}\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}\\b`, 'iu');

function isCalendarDay(day: number, month: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * Whether `text` holds a date written as a birth date is: day, month and a year 1900–2099 in
 * figures (any of `-`, `/`, `.` between them, either order), or a date in words after "lahir",
 * "TTL", "born" or the like.
 *
 * Limits: a date in words with no such word before it is let through (`Universitas 17 Agustus
 * 1945` is a name, not a birth date); a day and month without the year are not dates here.
 *
 * @example
 * containsBirthDate('Budi lahir 17-05-1990') //=> true
 * containsBirthDate('Siti, lahir 17 Mei 1990') //=> true
 * containsBirthDate('Toko 17 Agustus 1945') //=> false
 * containsBirthDate('RT 005/RW 003 no. 2') //=> false
 */
export function containsBirthDate(text: string): boolean {
  const normal = text.normalize('NFKC');
  const m = NUMERIC.exec(normal);
  if (m) {
    const [day, month] = m[1] !== undefined ? [Number(m[1]), Number(m[2])] : [Number(m[6]), Number(m[5])];
    // either order of day and month is a date someone could mean
    if (isCalendarDay(day, month) || isCalendarDay(month, day)) return true;
  }
  return IN_WORDS.test(normal);
}
