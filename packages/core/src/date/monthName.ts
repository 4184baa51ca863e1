/**
 * Dates written out in words, in Indonesian (`id`, the default) or English (`en`): `31 Desember
 * 2017`. Calendar dates read from their digits — no time zone can shift them.
 */

/** The languages cakupan writes in. */
export type Language = 'id' | 'en';

/** The months' names, January first. */
export const MONTH_NAMES: Readonly<Record<Language, readonly string[]>> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/**
 * An ISO calendar date (or timestamp, whose date part is read) in words; `—` for none.
 *
 * @example
 * formatLongDate('2017-12-31') //=> '31 Desember 2017'
 * formatLongDate('2026-11-23', 'en') //=> '23 November 2026'
 */
export function formatLongDate(iso: string | null | undefined, language: Language = 'id'): string {
  if (!iso) return '—';
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return `${d} ${MONTH_NAMES[language][m - 1]} ${y}`;
}

/**
 * A month (`YYYY-MM`, or a date in it) in words.
 *
 * @example
 * formatMonth('2017-12') //=> 'Desember 2017'
 */
export function formatMonth(month: string, language: Language = 'id'): string {
  return `${MONTH_NAMES[language][Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
