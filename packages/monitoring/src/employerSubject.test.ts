import { describe, expect, it } from 'vitest';
import { employerSubject } from './employerSubject.js';

const row = { id: '9120000000901', name: 'CV Batu Tulis', villageCode: '32.71.01.1001', rw: 3, rt: 5, npp: '15070955', status: 'aktif' };

describe('employerSubject', () => {
  it('maps a stored employer onto the sticker subject, absent values left out', () => {
    expect(employerSubject(row)).toEqual({ ok: true, subject: { kind: 'employer', ...row, status: 'active' } });
    const bare = employerSubject({ ...row, rw: null, rt: null, npp: null, status: null });
    expect(bare).toEqual({ ok: true, subject: { kind: 'employer', id: row.id, name: row.name, villageCode: row.villageCode } });
  });
  it('says why a stored employer cannot be printed', () => {
    expect(employerSubject({ ...row, name: 'Warung 3271 0117 0590 0001' })).toMatchObject({ ok: false, reason: expect.stringMatching(/16 digits/) });
  });
});
