import { describe, expect, it } from 'vitest';
import { checkParticipant, checkResident, participantRecordSchema, residentRecordSchema, type ValidResident } from './records.js';
import { isAccountActive } from '../participant/participant.js';

// The fast per-record checks must accept no shape the documented zod schema refuses.
describe('record checks and their zod schemas', () => {
  const out: ValidResident = { hi: 0, lo: 0, birth: 0, nikBirth: 0, birthFromNik: false, villageKey: '', rw: 0, rt: 0, work: 0 };
  const residents: unknown[] = [
    { nik: '3271011705900001', birthDate: '1990-05-17', villageCode: '3271011001', rw: '003', rt: 5 },
    { nik: '3271011705900001', villageCode: '32.71.01.1001', rw: 3, rt: 5, sex: 'P', ref: 3 },
    { nik: 3271011705900001, villageCode: '3271011001', rw: 3, rt: 5 },
    { nik: '3271011705900001', villageCode: 3271011001, rw: 3, rt: 5 },
    { nik: '3271011705900001', villageCode: '3271011001', rw: true, rt: 5 },
    { nik: '3271011705900001', birthDate: 19900517, villageCode: '3271011001', rw: 3, rt: 5 },
  ];
  // each case says whether the fast check accepts it; the schema must then accept it too
  const residentAccepted = [true, true, false, false, false, false];
  it.each(residents.map((r, i) => [i, r, residentAccepted[i]!] as const))('resident %i', (_, record, accepted) => {
    const fast = checkResident(record, 20171231, new Map(), out) === null;
    expect(fast).toBe(accepted);
    expect(residentRecordSchema.safeParse(record).success || !fast).toBe(true);
  });
  const participants: unknown[] = [
    { nik: '3271011705900001', segment: 'pu', status: 'AKTIF', registeredOn: '2015-01-01', endedOn: null },
    { nik: '3271011705900001', segment: 'PU', status: 'aktif', registeredOn: 20150101 },
    { nik: '3271011705900001', segment: 1, status: 'aktif' },
  ];
  const participantAccepted = [true, false, false];
  it.each(participants.map((r, i) => [i, r, participantAccepted[i]!] as const))('participant %i', (_, record, accepted) => {
    const fast = !('code' in checkParticipant(record, 20171231));
    expect(fast).toBe(accepted);
    expect(participantRecordSchema.safeParse(record).success || !fast).toBe(true);
  });
});

describe('isAccountActive', () => {
  it('needs an active status, a registration on or before the date and no end on or before it', () => {
    expect(isAccountActive({ status: 'Aktif' }, '2017-12-31')).toBe(true);
    expect(isAccountActive({ status: 'nonaktif' }, '2017-12-31')).toBe(false);
    expect(isAccountActive({ status: 'active', registeredOn: '2018-01-01' }, '2017-12-31')).toBe(false);
    expect(isAccountActive({ status: 'active', endedOn: '2017-12-31' }, '2017-12-31')).toBe(false);
    expect(isAccountActive({ status: 'active', endedOn: new Date(2018, 0, 1) }, new Date(2017, 11, 31))).toBe(true);
    expect(() => isAccountActive({ status: 'x' }, '2017-12-31')).toThrow(RangeError);
  });
});
