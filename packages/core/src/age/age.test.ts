import { afterAll, describe, expect, it } from 'vitest';
import { differenceInYears } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { ageOn, eligibleBirthRange, isEligible } from './age.js';
import { formatDateNumber, toDateNumber } from '../date/calendarDate.js';

// Dates are calendar dates: no result may change with the process time zone. Node re-reads TZ
// when process.env.TZ is assigned, so each case runs under several zones in one process (and
// `pnpm test:tz` runs the whole suite under each zone as well).
const ZONES = ['Asia/Jakarta', 'UTC', 'Pacific/Kiritimati', 'America/Adak', 'Pacific/Pago_Pago'];
const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe.each(ZONES)('in time zone %s', (zone) => {
  it('counts the 18th birthday itself as 18', () => {
    process.env.TZ = zone;
    expect(ageOn('2000-01-01', '2017-12-31')).toBe(17);
    expect(ageOn('2000-01-01', '2018-01-01')).toBe(18);
    expect(isEligible('2000-01-01', '2018-01-01')).toBe(true);
    expect(isEligible('2000-01-02', '2018-01-01')).toBe(false);
  });

  it('makes a 29 February child a year older on 1 March in common years', () => {
    process.env.TZ = zone;
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(isEligible('2000-02-29', '2018-02-28')).toBe(false);
    expect(isEligible('2000-02-29', '2018-03-01')).toBe(true);
    // in a leap year the birthday exists
    expect(ageOn('2002-02-29'.replace('2002', '2004'), '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });

  it('handles a calendar day that the zone itself skipped (Kiritimati has no 1994-12-31)', () => {
    process.env.TZ = zone;
    expect(ageOn('1994-12-31', '2012-12-31')).toBe(18);
    expect(ageOn('1994-12-31', '2012-12-30')).toBe(17);
    expect(isEligible('1994-12-31', '2012-12-31')).toBe(true);
  });

  it('reads Date objects as local calendar dates', () => {
    process.env.TZ = zone;
    expect(ageOn(new Date(2000, 0, 1), new Date(2018, 0, 1))).toBe(18);
    expect(toDateNumber(new Date(2000, 1, 29))).toBe(20000229);
  });
});

describe('eligibility policy', () => {
  it('takes a minimum and an optional maximum age, both inclusive', () => {
    expect(isEligible('2002-06-01', '2017-12-31', { minAge: 15 })).toBe(true);
    // 64 until the day before the 65th birthday
    expect(isEligible('1953-01-01', '2017-12-31', { maxAge: 64 })).toBe(true);
    expect(isEligible('1952-12-31', '2017-12-31', { maxAge: 64 })).toBe(false);
    expect(isEligible('1952-12-31', '2017-12-30', { maxAge: 64 })).toBe(true);
    expect(() => isEligible('2000-01-01', '2018-01-01', { minAge: 20, maxAge: 19 })).toThrow(RangeError);
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(() => ageOn('2017-02-30', '2018-01-01')).toThrow(RangeError);
    expect(() => ageOn('2017-13-01', '2018-01-01')).toThrow(RangeError);
    expect(() => ageOn(new Date('nope'), '2018-01-01')).toThrow(RangeError);
  });

  it('agrees with date-fns differenceInYears for every birth date of four years', () => {
    // The coverage calculation compares yyyymmdd numbers against precomputed bounds; check the
    // bounds against date-fns on UTC dates for every day of 1999–2002 at several reference dates.
    for (const asOf of [20170101, 20171231, 20180228, 20180301, 20200229, 20210301]) {
      const { latest } = eligibleBirthRange(asOf, { minAge: 18 });
      const ref = new UTCDate(`${formatDateNumber(asOf)}T00:00:00Z`);
      for (let t = Date.UTC(1998, 0, 1); t <= Date.UTC(2003, 11, 31); t += 86400000) {
        const birth = new UTCDate(t);
        const n = toDateNumber(formatDateNumber(birth.getUTCFullYear() * 10000 + (birth.getUTCMonth() + 1) * 100 + birth.getUTCDate()))!;
        const expected = differenceInYears(ref, birth) >= 18;
        if ((n <= latest) !== expected) throw new Error(`mismatch for ${formatDateNumber(n)} on ${formatDateNumber(asOf)}`);
      }
    }
  });
});
