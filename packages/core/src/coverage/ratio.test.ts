import { describe, expect, it } from 'vitest';
import { coverageFromAggregates, coverageRatio } from './ratio.js';

describe('coverageRatio', () => {
  it('divides covered by eligible', () => {
    expect(coverageRatio({ covered: 1, eligible: 4 })).toBe(0.25);
  });
  it.each([
    [{ covered: -1, eligible: 4 }],
    [{ covered: 1.5, eligible: 4 }],
    [{ covered: 5, eligible: 4 }],
    [{ covered: 0, eligible: 0 }],
  ])('throws RangeError for %j', (counts) => {
    expect(() => coverageRatio(counts)).toThrow(RangeError);
  });
});

describe('coverageFromAggregates', () => {
  it('reproduces Kota Bogor 2017: 92,550 PU + 3,815 BPU of 600,815 adults is 16.04 %', () => {
    const c = coverageFromAggregates({ participants: { PU: 92550, BPU: 3815 }, eligible: 600815 });
    expect(c).toMatchObject({ covered: 96365, uncovered: 504450, percent: 16.04, bySegment: { PU: 92550, BPU: 3815, JAKON: 0, PMI: 0 } });
    expect(c.ratio).toBeCloseTo(0.160390, 6);
  });
  it('rejects impossible figures', () => {
    expect(() => coverageFromAggregates({ participants: { PU: 10 }, eligible: 5 })).toThrow(RangeError);
    expect(() => coverageFromAggregates({ participants: { XX: 10 } as never, eligible: 5 })).toThrow(RangeError);
    expect(() => coverageFromAggregates({ participants: { PU: -1 }, eligible: 5 })).toThrow(RangeError);
  });
});
