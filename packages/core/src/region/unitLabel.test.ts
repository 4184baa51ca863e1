import { describe, expect, it } from 'vitest';
import { formatRtRw, formatUnit, householdLabel, isHouseholdLabelOf } from './unitLabel.js';

describe('RT/RW labels', () => {
  it('writes units with three digits, RT first', () => {
    expect(formatRtRw(5, 3)).toBe('RT 005/RW 003');
    expect(formatRtRw(undefined, 3)).toBe('RW 003');
    expect(formatRtRw(5, undefined)).toBe('');
    expect(formatUnit('rt', 4)).toBe('RT 004');
    expect(formatUnit('rw', '003')).toBe('RW 003');
  });

  it('labels a household by its RT and rank, and recognises only such labels', () => {
    const label = householdLabel(5, 3, 12);
    expect(label).toBe('RT 005/RW 003 no. 12');
    expect(isHouseholdLabelOf(label, 5, 3)).toBe(true);
    expect(isHouseholdLabelOf(label, 5, 4)).toBe(false);
    expect(isHouseholdLabelOf('RT 005/RW 003 no. x', 5, 3)).toBe(false);
    expect(isHouseholdLabelOf('H-0001', 5, 3)).toBe(false);
  });
});
