import { describe, expect, it } from 'vitest';
import { isValidNik, nikSchema, parseNik } from './nik.js';

const asOf = '2026-11-23';

describe('parseNik', () => {
  it('reads the parts of a man’s NIK', () => {
    const r = parseNik('3271011203900007', { asOf });
    expect(r).toEqual({
      success: true,
      data: {
        nik: '3271011203900007',
        provinceCode: '32',
        cityCode: '32.71',
        districtCode: '32.71.01',
        birthDate: '1990-03-12',
        sex: 'male',
        serial: '0007',
      },
    });
  });

  it('subtracts 40 from a woman’s day of birth', () => {
    const r = parseNik('3271055203900001', { asOf });
    expect(r.success && r.data).toMatchObject({ birthDate: '1990-03-12', sex: 'female' });
    const last = parseNik('3271057112990001', { asOf });
    expect(last.success && last.data).toMatchObject({ birthDate: '1999-12-31', sex: 'female' });
  });

  it('rejects days 32–40 and above 71, which are neither a man’s nor a woman’s day', () => {
    for (const dd of ['32', '40', '72', '00']) {
      const r = parseNik(`327101${dd}0190` + '0001', { asOf });
      expect(r.success).toBe(false);
      expect(!r.success && r.issues.map((i) => i.code)).toEqual(['invalid_birth_date']);
    }
  });

  it('accepts 29 February only in a leap year, for men and women', () => {
    expect(parseNik('3271012902000001', { asOf }).success).toBe(true);
    expect(parseNik('3271016902000001', { asOf }).success).toBe(true);
    expect(parseNik('3271012902010001', { asOf }).success).toBe(false);
    expect(parseNik('3271016902010001', { asOf }).success).toBe(false);
  });

  it('gives the two-digit year the latest century that is not after the reference date', () => {
    const year = (nik: string, ref: string) => {
      const r = parseNik(nik, { asOf: ref });
      return r.success ? r.data.birthDate : r.issues[0]!.code;
    };
    expect(year('3271010101260001', '2026-11-23')).toBe('2026-01-01');
    // same year but a month after the reference date: a century earlier
    expect(year('3271010112260001', '2026-11-23')).toBe('1926-12-01');
    expect(year('3271012311260001', '2026-11-23')).toBe('2026-11-23');
    expect(year('3271012411260001', '2026-11-23')).toBe('1926-11-24');
    expect(year('3271010101270001', '2026-11-23')).toBe('1927-01-01');
    expect(year('3271010101990001', '2017-12-31')).toBe('1999-01-01');
    expect(year('3271010101170001', '2017-12-31')).toBe('2017-01-01');
    expect(year('3271010101180001', '2017-12-31')).toBe('1918-01-01');
    // 29-02-00 is 2000 from 2000 on, and 1900 was not a leap year
    expect(year('3271012902000001', '1999-06-01')).toBe('invalid_birth_date');
    expect(year('3271012902000001', '2000-03-01')).toBe('2000-02-29');
  });

  it('defaults the reference date to today', () => {
    const yy = String(new Date().getFullYear() % 100).padStart(2, '0');
    const r = parseNik(`32710101 01${yy}0001`.replace(' ', ''));
    expect(r.success && r.data.birthDate).toBe(`${new Date().getFullYear()}-01-01`);
  });

  it.each([
    ['3271010101900000', 'invalid_serial'],
    ['1071010101900001', 'invalid_province'],
    ['0071010101900001', 'invalid_province'],
    ['3200010101900001', 'invalid_regency'],
    ['3271000101900001', 'invalid_district'],
    ['3271013002900001', 'invalid_birth_date'],
    ['3271010113900001', 'invalid_birth_date'],
    ['3271010100900001', 'invalid_birth_date'],
    ['327101010190001', 'invalid_length'],
    ['32710101019000011', 'invalid_length'],
    ['32.71.01.0101900', 'invalid_characters'],
    ['3271010101 90001', 'invalid_characters'],
    ['３２71010101900001', 'invalid_characters'],
  ])('rejects %s with %s', (nik, code) => {
    const r = parseNik(nik, { asOf });
    expect(r.success).toBe(false);
    expect(!r.success && r.issues.map((i) => i.code)).toContain(code);
  });

  it('reports every invalid part, not only the first', () => {
    const r = parseNik('0500003002900000', { asOf });
    expect(!r.success && r.issues.map((i) => i.code)).toEqual([
      'invalid_province',
      'invalid_regency',
      'invalid_district',
      'invalid_birth_date',
      'invalid_serial',
    ]);
  });

  it('rejects non-strings without throwing', () => {
    expect(parseNik(3271010101900001 as unknown as string, { asOf })).toMatchObject({ success: false, issues: [{ code: 'invalid_type' }] });
    expect(parseNik(undefined, { asOf }).success).toBe(false);
  });

  it('does not invent a check digit: any serial 0001–9999 is valid', () => {
    for (const serial of ['0001', '4321', '9999']) expect(isValidNik(`327101010190${serial}`, { asOf })).toBe(true);
  });

  it('throws RangeError for an impossible reference date', () => {
    expect(() => parseNik('3271010101900001', { asOf: '2017-02-30' })).toThrow(RangeError);
  });

  it('has a zod schema that agrees on validity', () => {
    expect(nikSchema.safeParse('3271010101900001').success).toBe(true);
    expect(nikSchema.safeParse('3271010101900000').success).toBe(false);
    expect(nikSchema.safeParse('32710101019').success).toBe(false);
  });
});

describe('parseNik’s messages', () => {
  it('never quote the digits of the NIK they are about (they reach reject lists and logs)', () => {
    // an invalid birth date part, and an invalid province code
    for (const [nik, part] of [['3271019999990001', '999999'], ['3271013213900001', '321390'], ['0971011705900001', '09']] as const) {
      const r = parseNik(nik);
      expect(r.success).toBe(false);
      expect(JSON.stringify(r)).not.toContain(part);
    }
  });
});
