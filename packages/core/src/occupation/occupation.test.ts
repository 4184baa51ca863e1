import { describe, expect, it } from 'vitest';
import { isWorkingOccupation, NOT_WORKING_OCCUPATION_CODES, OCCUPATIONS, parseOccupation } from './occupation.js';

describe('parseOccupation', () => {
  it('reads every name of the list, in any case and spacing, as its code', () => {
    for (const o of OCCUPATIONS) {
      expect(parseOccupation(o.name)).toBe(o.code);
      expect(parseOccupation(`  ${o.name.toLowerCase().replace('/', ' / ')} `)).toBe(o.code);
    }
  });

  it('reads codes as numbers or text, and the common other names', () => {
    expect(parseOccupation('15')).toBe(15);
    expect(parseOccupation('089')).toBe(89);
    expect(parseOccupation(1)).toBe(1);
    expect(parseOccupation('PNS')).toBe(5);
    expect(parseOccupation('Ibu Rumah Tangga')).toBe(2);
    expect(parseOccupation('Pegawai Negeri Sipil (PNS)')).toBe(5);
  });

  it('answers undefined for what is not an occupation', () => {
    for (const v of ['', ' ', 'ASTRONOT', '0', '90', '1.5', 15.5, 0, null, undefined, {}]) expect(parseOccupation(v)).toBeUndefined();
  });
});

describe('isWorkingOccupation', () => {
  it('counts every occupation but the four without economic activity', () => {
    expect(OCCUPATIONS).toHaveLength(89);
    expect(OCCUPATIONS.filter((o) => !o.working).map((o) => o.name)).toEqual(['BELUM/TIDAK BEKERJA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN']);
    expect(NOT_WORKING_OCCUPATION_CODES).toEqual([1, 2, 3, 4]);
    expect(isWorkingOccupation(15)).toBe(true);
    expect(isWorkingOccupation(89)).toBe(true);
    expect(isWorkingOccupation(4)).toBe(false);
  });

  it('throws for a code off the list', () => {
    expect(() => isWorkingOccupation(0)).toThrow(RangeError);
    expect(() => isWorkingOccupation(90)).toThrow(/1–89/);
  });
});
