/**
 * Counts, percentages and points as a language writes them — Indonesian `1.234,5`, English
 * `1,234.5` — the same on the dashboard and in the monthly report's PDF.
 */
import type { Language } from '../date/monthName.js';

const LOCALES: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, kind: 'count' | 'percent' | 'points' | 'target' | 'signed'): Intl.NumberFormat {
  const key = `${language}:${kind}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions =
      kind === 'percent'
        ? { minimumFractionDigits: 1, maximumFractionDigits: 1 }
        : kind === 'points'
          ? { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }
          : kind === 'target'
            ? { maximumFractionDigits: 2 }
            : kind === 'signed'
              ? { signDisplay: 'exceptZero' }
              : {};
    formats.set(key, (format = new Intl.NumberFormat(LOCALES[language], options)));
  }
  return format;
}

/**
 * A count.
 *
 * @example
 * formatCount(600815) //=> '600.815'
 * formatCount(600815, 'en') //=> '600,815'
 */
export function formatCount(n: number, language: Language = 'id'): string {
  return numberFormat(language, 'count').format(n);
}

/**
 * A ratio as a percentage with one decimal, as the reports round; `—` for none.
 *
 * @example
 * formatPercent(0.16047) //=> '16,0 %'
 * formatPercent(null) //=> '—'
 */
export function formatPercent(ratio: number | null, language: Language = 'id'): string {
  return ratio === null ? '—' : `${numberFormat(language, 'percent').format(ratio * 100)} %`;
}

/**
 * A target given in percent, with as many decimals as it has (up to 2).
 *
 * @example
 * formatTarget(32.15) //=> '32,15 %'
 */
export function formatTarget(percent: number, language: Language = 'id'): string {
  return `${numberFormat(language, 'target').format(percent)} %`;
}

/**
 * Percentage points with a sign and two decimals; `—` for none.
 *
 * @example
 * formatPoints(0.25) //=> '+0,25'
 */
export function formatPoints(points: number | null, language: Language = 'id'): string {
  return points === null ? '—' : numberFormat(language, 'points').format(points);
}

/**
 * A count with its sign.
 *
 * @example
 * formatSigned(120) //=> '+120'
 */
export function formatSigned(n: number, language: Language = 'id'): string {
  return numberFormat(language, 'signed').format(n);
}
