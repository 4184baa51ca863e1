import { describe, expect, it } from 'vitest';
import { formatLongDate, formatMonth, MONTH_NAMES } from './monthName.js';

describe('dates in words', () => {
  it('writes a calendar date in Indonesian or English, never shifted a day', () => {
    expect(formatLongDate('2017-12-31')).toBe('31 Desember 2017');
    expect(formatLongDate('2018-01-01T00:30:00+07:00')).toBe('1 Januari 2018');
    expect(formatLongDate('2026-11-23', 'en')).toBe('23 November 2026');
    expect(formatLongDate(null)).toBe('—');
    expect(formatMonth('2017-05')).toBe('Mei 2017');
    expect(MONTH_NAMES.id).toHaveLength(12);
  });
});
