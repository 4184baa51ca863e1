import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, todayIn } from './todayIn.js';

describe('todayIn', () => {
  it('gives the calendar date of the zone, whatever the machine’s zone', () => {
    const oneThirtyWib = new Date('2026-12-01T18:30:00Z');
    expect(todayIn('Asia/Jakarta', oneThirtyWib)).toBe('2026-12-02');
    expect(todayIn('Asia/Jayapura', new Date('2026-12-01T15:00:00Z'))).toBe('2026-12-02');
    expect(todayIn('UTC', oneThirtyWib)).toBe('2026-12-01');
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Jakarta');
  });

  it('defaults to the runtime’s zone', () => {
    const now = new Date();
    const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(todayIn(undefined, now)).toBe(local);
  });

  it('refuses a zone it does not know', () => {
    expect(() => todayIn('Asia/Bogor')).toThrow(RangeError);
    expect(isTimeZone('Asia/Makassar')).toBe(true);
    expect(isTimeZone('Asia/Bogor')).toBe(false);
  });
});
