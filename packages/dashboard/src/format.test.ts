import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatMonthTick, formatMonthWords, formatPercent } from './format.js';
import { setLang } from './i18n.js';

describe('the page’s formats', () => {
  it('writes a calendar date as the date itself, in the reader’s language', () => {
    setLang('id');
    expect(formatDate('2017-12-31')).toBe('31 Des 2017');
    expect(formatDate('2017-01-01T00:00:00Z')).toBe('1 Jan 2017');
    expect(formatDate(null)).toBe('—');
    setLang('en');
    expect(formatDate('2017-12-31')).toBe('31 Dec 2017');
  });

  it('writes counts and percentages as each language does', () => {
    setLang('id');
    expect(formatCount(600815)).toBe('600.815');
    expect(formatPercent(0.16047)).toBe('16,0 %');
    setLang('en');
    expect(formatCount(600815)).toBe('600,815');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes a chart’s months and a report’s month in the reader’s language, not the browser’s English', () => {
    setLang('id');
    expect(formatMonthTick(new Date('2017-10-01T00:00:00Z'))).toBe('Okt 2017');
    expect(formatMonthWords('2017-12')).toBe('Desember 2017');
    setLang('en');
    expect(formatMonthTick(new Date('2017-10-01T00:00:00Z'))).toBe('Oct 2017');
  });
});
