import { describe, expect, it } from 'vitest';
import { stickerStatus } from './stickerStatus.js';

describe('stickerStatus', () => {
  it('makes a registered, active employer green', () => {
    expect(stickerStatus({ kind: 'employer', npp: '15070955', status: 'aktif' })).toEqual({ colour: 'green', status: 'registered', reason: 'employer_registered' });
    expect(stickerStatus({ kind: 'employer', npp: '15070955', status: 'ACTIVE' }).colour).toBe('green');
  });
  it.each([
    [{ kind: 'employer' as const }, 'employer_without_npp'],
    [{ kind: 'employer' as const, npp: '', status: 'aktif' }, 'employer_without_npp'],
    [{ kind: 'employer' as const, npp: '15070955', status: 'nonaktif' }, 'employer_inactive'],
    [{ kind: 'employer' as const, npp: '15070955' }, 'employer_status_unknown'],
  ])('makes %j red (%s)', (facts, reason) => {
    expect(stickerStatus(facts)).toMatchObject({ colour: 'red', status: 'unregistered', reason });
  });
  it('makes a household green only when every eligible member is covered', () => {
    expect(stickerStatus({ kind: 'household', eligible: 3, covered: 3 })).toMatchObject({ colour: 'green', reason: 'household_all_covered' });
    expect(stickerStatus({ kind: 'household', eligible: 3, covered: 2 })).toMatchObject({ colour: 'red', reason: 'household_not_all_covered' });
    expect(stickerStatus({ kind: 'household', eligible: 0, covered: 0 })).toMatchObject({ colour: 'green', reason: 'household_no_eligible_members' });
  });
  it('throws early on facts it cannot judge', () => {
    expect(() => stickerStatus({ kind: 'household', eligible: 2, covered: 3 })).toThrow(RangeError);
    expect(() => stickerStatus({ kind: 'household', eligible: -1, covered: 0 })).toThrow(RangeError);
    expect(() => stickerStatus({ kind: 'employer', npp: '123', status: 'aktif' })).toThrow(RangeError);
    expect(() => stickerStatus({ kind: 'employer', npp: '15070955', status: 'perhaps' })).toThrow(RangeError);
    expect(() => stickerStatus({ kind: 'shop' } as never)).toThrow(TypeError);
    expect(() => stickerStatus(null as never)).toThrow(TypeError);
  });
  it('returns frozen decisions', () => {
    expect(Object.isFrozen(stickerStatus({ kind: 'household', eligible: 1, covered: 1 }))).toBe(true);
  });
});
