/**
 * Month-ends: the dates coverage is reported on. Calendar arithmetic on ISO dates (`YYYY-MM-DD`),
 * in UTC so that no time zone shifts a day.
 */

/** How many month-ends a trend shows: the dashboard's chart, the monthly report and the prefetch. */
export const TREND_MONTHS = 24;

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The last day of a month, from the month (`YYYY-MM`) or any date in it (`YYYY-MM-DD`).
 *
 * @example
 * monthEnd('2024-02') //=> '2024-02-29'
 * monthEnd('2017-12-05') //=> '2017-12-31'
 */
export function monthEnd(monthOrDate: string): string {
  const y = Number(monthOrDate.slice(0, 4));
  const m = Number(monthOrDate.slice(5, 7));
  if (!/^\d{4}-\d{2}/.test(monthOrDate) || m < 1 || m > 12) throw new RangeError(`not a month or an ISO date: ${monthOrDate}`);
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}

/**
 * The last month whose last day `date` reaches: `date`'s own month when it is that month's last
 * day, else the month before (what a monthly report of data dated `date` can be about).
 *
 * @example
 * lastCompleteMonth('2017-12-31') //=> '2017-12'
 * lastCompleteMonth('2026-12-02') //=> '2026-11'
 * lastCompleteMonth('2027-01-15') //=> '2026-12'
 */
export function lastCompleteMonth(date: string): string {
  return monthEnd(date) === date.slice(0, 10) ? date.slice(0, 7) : previousMonthEnd(date).slice(0, 7);
}

/**
 * The last day of the month before the month of `date`.
 *
 * @example
 * previousMonthEnd('2018-01-15') //=> '2017-12-31'
 * previousMonthEnd('2024-03-31') //=> '2024-02-29'
 */
export function previousMonthEnd(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? iso(y - 1, 12, 31) : monthEnd(iso(y, m - 1, 1));
}

/**
 * The last day of each month from the month of `from` to the month of `to`, oldest first (none
 * when `from` is in a later month).
 *
 * @example
 * monthEndsBetween('2017-11-10', '2018-01-02') //=> ['2017-11-30', '2017-12-31', '2018-01-31']
 */
export function monthEndsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(monthEnd(iso(y, m, 1)));
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The {@link TREND_MONTHS} month-ends of a trend that ends in the month of `date`, oldest first.
 *
 * @example
 * trendMonthEnds('2017-12-31')[0] //=> '2016-01-31'
 * trendMonthEnds('2017-12-31').at(-1) //=> '2017-12-31'
 */
export function trendMonthEnds(date: string, months = TREND_MONTHS): string[] {
  const out = [monthEnd(date)];
  while (out.length < months) out.unshift(previousMonthEnd(out[0]!));
  return out;
}
