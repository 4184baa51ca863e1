import { describe, expect, it } from 'vitest';
import { lastCompleteMonth, monthEnd, monthEndsBetween, previousMonthEnd, TREND_MONTHS, trendMonthEnds } from './monthEnd.js';

describe('month-ends', () => {
  it('knows leap years and the year boundary', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2023-02-10')).toBe('2023-02-28');
    expect(monthEnd('1900-02')).toBe('1900-02-28');
    expect(previousMonthEnd('2018-01-15')).toBe('2017-12-31');
    expect(previousMonthEnd('2024-03-31')).toBe('2024-02-29');
    expect(previousMonthEnd('2100-03-01')).toBe('2100-02-28');
  });

  it('rejects what is not a month', () => {
    expect(() => monthEnd('2024-13')).toThrow(RangeError);
    expect(() => monthEnd('soon')).toThrow(RangeError);
  });

  it('lists the month-ends between two dates, both months included', () => {
    expect(monthEndsBetween('2017-11-10', '2018-01-02')).toEqual(['2017-11-30', '2017-12-31', '2018-01-31']);
    expect(monthEndsBetween('2018-02-01', '2018-01-31')).toEqual([]);
  });

  it('gives a trend of 24 month-ends ending in the month of the date', () => {
    const trend = trendMonthEnds('2017-12-15');
    expect(trend).toHaveLength(TREND_MONTHS);
    expect(trend[0]).toBe('2016-01-31');
    expect(trend.at(-1)).toBe('2017-12-31');
    expect(trend).toEqual(monthEndsBetween(trend[0]!, '2017-12-15'));
  });
});

describe('lastCompleteMonth', () => {
  it('is the date’s month on its last day, else the month before', () => {
    expect(lastCompleteMonth('2017-12-31')).toBe('2017-12');
    expect(lastCompleteMonth('2026-12-02')).toBe('2026-11');
    expect(lastCompleteMonth('2027-01-15')).toBe('2026-12');
    expect(lastCompleteMonth('2024-02-29')).toBe('2024-02');
    expect(lastCompleteMonth('2023-02-28')).toBe('2023-02');
  });
});
