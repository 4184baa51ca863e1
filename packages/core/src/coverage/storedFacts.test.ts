import { describe, expect, it } from 'vitest';
import { accountFacts, eligibleBirthDates, residentFacts } from './storedFacts.js';

const resident = { nik: '3271014501900003', villageCode: '3271011001', rw: '003', rt: 5 };

describe('residentFacts', () => {
  it('keeps what the checks decide once: the NIK day and month, the unit, the work', () => {
    expect(residentFacts(resident)).toEqual({ nikMonthDay: 105, nikYear: 90, birth: null, villageCode: '32.71.01.1001', rw: 3, rt: 5, work: 0, birthMismatch: false });
    expect(residentFacts({ ...resident, birthDate: '1990-01-06', occupation: 'KARYAWAN SWASTA' })).toMatchObject({ birth: 19900106, birthMismatch: true, work: 2 });
    expect(residentFacts({ ...resident, birthDate: '1890-01-05', occupation: 'PELAJAR/MAHASISWA' })).toMatchObject({ birth: 18900105, birthMismatch: false, work: 1 });
  });

  it('keeps a 29 February NIK, valid in leap years only, and a birth date later than today', () => {
    expect(residentFacts({ ...resident, nik: '3271016902000003' })).toMatchObject({ nikMonthDay: 229, nikYear: 0 });
    expect(residentFacts({ ...resident, birthDate: '2300-01-01' })).toMatchObject({ birth: 23000101 });
  });

  it('is null for a record rejected on every date', () => {
    expect(residentFacts({ ...resident, nik: '3271013002900003' })).toBeNull(); // 30 February
    expect(residentFacts({ ...resident, nik: '0071014501900003' })).toBeNull();
    expect(residentFacts({ ...resident, rt: 0 })).toBeNull();
    expect(residentFacts({ ...resident, villageCode: '3271' })).toBeNull();
    expect(residentFacts({ ...resident, occupation: 'ASTRONOT' })).toBeNull();
    expect(residentFacts({ ...resident, birthDate: '1990-02-30' })).toBeNull();
    expect(residentFacts(null)).toBeNull();
  });
});

describe('accountFacts', () => {
  it('keeps the segment, the status and the dates', () => {
    expect(accountFacts({ nik: resident.nik, segment: 'bpu', status: 'AKTIF', registeredOn: '2020-01-02' })).toEqual({
      nikMonthDay: 105, nikYear: 90, segment: 'BPU', active: true, registeredOn: 20200102, endedOn: null,
    });
    expect(accountFacts({ nik: resident.nik, segment: 'PU', status: 'nonaktif', endedOn: '2021-05-01' })).toMatchObject({ active: false, endedOn: 20210501 });
  });

  it('is null for an account rejected on every date', () => {
    expect(accountFacts({ nik: resident.nik, segment: 'XX', status: 'aktif' })).toBeNull();
    expect(accountFacts({ nik: resident.nik, segment: 'PU', status: 'aktif', registeredOn: '2021-01-02', endedOn: '2021-01-01' })).toBeNull();
  });
});

describe('eligibleBirthDates', () => {
  it('gives the birth dates of the 18+ (and of a maximum age) on a date', () => {
    expect(eligibleBirthDates('2025-12-31')).toEqual({ earliest: 0, latest: 20071231 });
    expect(eligibleBirthDates('2025-03-01', { maxAge: 64 })).toEqual({ earliest: 19600302, latest: 20070301 });
    expect(eligibleBirthDates('2024-02-29')).toEqual({ earliest: 0, latest: 20060228 });
  });
});
