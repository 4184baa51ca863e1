/**
 * "Today": the calendar date in a time zone. One definition for core, the store and the service —
 * an export dated today in Bogor is not "in the future" at 01:00 WIB because UTC is still on
 * yesterday.
 */

/** The time zone cakupan works in unless told otherwise: WIB (Java, Sumatra, West and Central Kalimantan). */
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

/** One formatter per time zone: making one costs more than a verification's signature check. */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Today's calendar date (ISO `YYYY-MM-DD`) in `timeZone` (an IANA name; default: this runtime's
 * own zone), at `now`.
 *
 * @throws {RangeError} for a time zone the runtime does not know
 * @example
 * todayIn('Asia/Jakarta', new Date('2026-12-01T18:30:00Z')) //=> '2026-12-02'
 * todayIn('UTC', new Date('2026-12-01T18:30:00Z')) //=> '2026-12-01'
 */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { ...(timeZone !== undefined && { timeZone }), year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(key, format);
  }
  return format.format(now);
}

/**
 * Whether the runtime knows `timeZone` (an IANA name such as `Asia/Makassar`).
 *
 * @example
 * isTimeZone('Asia/Jayapura') //=> true
 * isTimeZone('Asia/Bogor') //=> false
 */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
