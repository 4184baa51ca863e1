import { describe, expect, it } from 'vitest';
import { COVERAGE_BANDS, coverageBand, NO_COVERAGE_BAND } from './bands.js';

/** WCAG relative luminance and contrast. */
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('coverageBand', () => {
  it('puts each ratio in the band whose range holds it, edges in the upper band', () => {
    expect(coverageBand(0).label).toBe('< 10 %');
    expect(coverageBand(0.0999).label).toBe('< 10 %');
    expect(coverageBand(0.1).label).toBe('10–20 %');
    expect(coverageBand(0.16).label).toBe('10–20 %');
    expect(coverageBand(0.35).label).toBe('35–50 %');
    expect(coverageBand(0.5).label).toBe('50–100 %');
    expect(coverageBand(1).label).toBe('50–100 %');
    expect(coverageBand(null)).toBe(NO_COVERAGE_BAND);
    expect(coverageBand(Number.NaN)).toBe(NO_COVERAGE_BAND);
  });

  it('has contiguous bands, darker as coverage rises, each label readable on its fill (4.5:1)', () => {
    COVERAGE_BANDS.slice(1).forEach((b, i) => expect(b.from).toBe(COVERAGE_BANDS[i]!.to));
    COVERAGE_BANDS.slice(1).forEach((b, i) => expect(luminance(b.fill)).toBeLessThan(luminance(COVERAGE_BANDS[i]!.fill)));
    for (const b of [...COVERAGE_BANDS, NO_COVERAGE_BAND]) expect(contrast(b.fill, b.ink)).toBeGreaterThanOrEqual(4.5);
  });

  it('cannot be changed by a caller', () => {
    expect(() => ((COVERAGE_BANDS as unknown as CoverageBandLike[])[0]!.fill = '#000000')).toThrow(TypeError);
  });
});
type CoverageBandLike = { fill: string };
