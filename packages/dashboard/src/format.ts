/** Numbers, percentages and dates as the reader's language writes them (id: 1.234,5; en: 1,234.5). */
import { currentLang } from './i18n.js';

const locale = () => (currentLang() === 'id' ? 'id-ID' : 'en-GB');

/** 600815 → "600.815" (id) / "600,815" (en). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** 0.16047 → "16,0 %"; null → "—". One decimal, as the reports round. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(ratio * 100)} %`;
}

/** A target given in percent, as many decimals as it has (up to 2): 32.15 → "32,15 %". */
export function formatTarget(percent: number): string {
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(percent)} %`;
}

/** Percentage points with a sign: 0.25 → "+0,25"; null → "—". */
export function formatPoints(points: number | null): string {
  if (points === null) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(points);
}

/** A signed count: 120 → "+120". */
export function formatSigned(n: number): string {
  return new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero' }).format(n);
}

/** An ISO calendar date as "31 Des 2017" — read as a calendar date, never shifted by a time zone. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** An instant (ISO timestamp) in the reader's time zone, to the minute. */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
