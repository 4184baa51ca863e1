/**
 * The date the data reach: what a report "as of now" should be dated, and how far the accounts
 * are known beyond it.
 */
import type { DataAsOf } from '@cakupan/store';

/**
 * The data's own date: the latest accounts export's date, else the register's date, else `today`.
 * A participant event does not move it (it moves {@link accountsKnownTo}): a 2017 register
 * reported on the day an event arrives in 2026 would age every resident nine years and count
 * nobody born, moved in or dead since.
 *
 * @example
 * dataDate({ residents: { asOf: '2017-06-30', importedAt: '…' }, participants: { asOf: '2017-12-31', importedAt: '…' }, lastEventAt: '2026-12-02T01:00:00Z' }, '2026-12-02') //=> '2017-12-31'
 */
export function dataDate(asOf: DataAsOf, today: string): string {
  return asOf.participants?.asOf ?? asOf.residents?.asOf ?? today;
}

/**
 * The day the accounts are known to: the later of the accounts export's date and the day (UTC) of
 * the latest participant event; `null` when there is neither.
 *
 * @example
 * accountsKnownTo({ residents: null, participants: { asOf: '2017-12-31', importedAt: '…' }, lastEventAt: '2018-01-15T23:59:00Z' }) //=> '2018-01-15'
 */
export function accountsKnownTo(asOf: DataAsOf): string | null {
  const dates = [asOf.participants?.asOf, asOf.lastEventAt?.slice(0, 10)].filter((d): d is string => typeof d === 'string');
  return dates.length > 0 ? dates.sort().at(-1)! : null;
}

/** Days from the register's date to `date`, over which residents are aged without the register knowing who was born, moved or died: past a year, figures drift. */
export const REGISTER_STALE_DAYS = 365;

/**
 * Whether figures on `date` stand on a register older than {@link REGISTER_STALE_DAYS} days
 * (the dashboard and the report then say so).
 *
 * @example
 * registerIsStale({ residents: { asOf: '2017-12-31', importedAt: '…' }, participants: null, lastEventAt: null }, '2026-11-30') //=> true
 */
export function registerIsStale(asOf: DataAsOf, date: string): boolean {
  const register = asOf.residents?.asOf;
  if (!register) return false;
  return (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${register}T00:00:00Z`)) / 86_400_000 > REGISTER_STALE_DAYS;
}
