/**
 * The date the data reach: what a report "as of now" should be dated.
 */
import type { DataAsOf } from '@cakupan/store';

/**
 * The later of the latest accounts export's own date and the day of the latest participant event
 * (UTC), else the register's date, else `today`. A report on a later date would age the residents
 * past what the accounts say.
 *
 * @example
 * dataDate({ residents: { asOf: '2017-06-30', importedAt: '…' }, participants: { asOf: '2017-12-31', importedAt: '…' }, lastEventAt: null }, '2018-03-01') //=> '2017-12-31'
 */
export function dataDate(asOf: DataAsOf, today: string): string {
  const dates = [asOf.participants?.asOf, asOf.lastEventAt?.slice(0, 10)].filter((d): d is string => typeof d === 'string');
  if (dates.length > 0) return dates.sort().at(-1)!;
  return asOf.residents?.asOf ?? today;
}
