import { describe, expect, it } from 'vitest';
import { childLevelOf, isBelowRegion, isLevelBelow, isWithinRegion } from './isWithinRegion.js';

describe('region containment', () => {
  it('nests by whole code parts, never by a shared prefix of digits', () => {
    expect(isWithinRegion('32.71.01.1001.003.004', '32.71')).toBe(true);
    expect(isWithinRegion('32.71', '32.71')).toBe(true);
    expect(isWithinRegion('32.710', '32.71')).toBe(false);
    expect(isWithinRegion('32.7', '32.71')).toBe(false);
    expect(isBelowRegion('32.71', '32.71')).toBe(false);
    expect(isBelowRegion('32.71.01', '32.71')).toBe(true);
  });

  it('knows the level one down and the order of levels', () => {
    expect(childLevelOf('province')).toBe('city');
    expect(childLevelOf('village')).toBe('rw');
    expect(childLevelOf('rt')).toBeUndefined();
    expect(isLevelBelow('village', 'city')).toBe(true);
    expect(isLevelBelow('city', 'city')).toBe(false);
    expect(isLevelBelow('province', 'rt')).toBe(false);
  });
});
