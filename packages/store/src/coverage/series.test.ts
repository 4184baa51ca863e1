import { describe, expect, it } from 'vitest';
import { monthEnds } from './series.js';

describe('monthEnds', () => {
  it('gives the last day of every month, leap years included, across years', () => {
    expect(monthEnds('2023-11-15', '2024-03-01')).toEqual(['2023-11-30', '2023-12-31', '2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthEnds('2100-02-01', '2100-02-28')).toEqual(['2100-02-28']);
    expect(monthEnds('2024-05-01', '2024-04-30')).toEqual([]);
  });
});
