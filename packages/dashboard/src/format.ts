/** Numbers, percentages and dates as the reader's language writes them (id: 1.234,5; en: 1,234.5). */
import { formatMonth as monthIn, formatCount as countIn, formatPercent as percentIn, formatPoints as pointsIn, formatSigned as signedIn, formatTarget as targetIn } from '@cakupan/core/lite';
import { currentLang } from './i18n.js';

const locale = () => (currentLang() === 'id' ? 'id-ID' : 'en-GB');

// counts, percentages, targets and points: core's formatters in the reader's language
/** 600815 → "600.815" (id) / "600,815" (en). */
export const formatCount = (n: number): string => countIn(n, currentLang());
/** 0.16047 → "16,0 %"; null → "—". */
export const formatPercent = (ratio: number | null): string => percentIn(ratio, currentLang());
/** 32.15 → "32,15 %". */
export const formatTarget = (percent: number): string => targetIn(percent, currentLang());
/** 0.25 → "+0,25"; null → "—". */
export const formatPoints = (points: number | null): string => pointsIn(points, currentLang());
/** 120 → "+120". */
export const formatSigned = (n: number): string => signedIn(n, currentLang());

/** An ISO calendar date as "31 Des 2017" — read as a calendar date, never shifted by a time zone. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A month (`YYYY-MM`) in words in the reader's language: "Desember 2017" / "December 2017" (core's `formatMonth`). */
export const formatMonthWords = (month: string): string => monthIn(month, currentLang());

/** A chart's month tick in the reader's language: "Okt 2017" / "Oct 2017" (the date as UTC: never shifted by a time zone). */
export function formatMonthTick(d: Date): string {
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** An instant (ISO timestamp) in the reader's time zone, to the minute. */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
