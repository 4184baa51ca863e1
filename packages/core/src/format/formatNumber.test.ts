import { describe, expect, it } from 'vitest';
import { formatCount, formatPercent, formatPoints, formatSigned, formatTarget } from './formatNumber.js';

describe('numbers as a language writes them', () => {
  it('writes Indonesian by default and English when asked', () => {
    expect(formatCount(600815)).toBe('600.815');
    expect(formatCount(600815, 'en')).toBe('600,815');
    expect(formatPercent(0.16047)).toBe('16,0 %');
    expect(formatPercent(0.16047, 'en')).toBe('16.0 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatTarget(32.15)).toBe('32,15 %');
    expect(formatTarget(30)).toBe('30 %');
    expect(formatPoints(0.25)).toBe('+0,25');
    expect(formatPoints(-1.5, 'en')).toBe('-1.50');
    expect(formatPoints(0)).toBe('0,00');
    expect(formatSigned(120)).toBe('+120');
    expect(formatSigned(-3)).toBe('-3');
  });
});
