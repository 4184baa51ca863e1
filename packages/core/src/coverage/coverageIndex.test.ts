import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCoverage } from './computeCoverage.js';
import { CoverageIndex } from './coverageIndex.js';

// Dates of the calendar's edges: 29 February in leap and century years, year ends, and the days
// around an 18th birthday on each report date (built below).
const REPORT_DATES = ['1999-12-31', '2000-02-28', '2000-02-29', '2000-03-01', '2017-12-31', '2018-02-28', '2024-02-29', '2025-06-30', '2026-11-26'];

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const shift = (date: string, years: number, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d.getTime() + days * 86400000);
};

/** A NIK for a birth date (day + 40 for women), serial 1–3 so that NIKs repeat. */
const nikOf = (birth: string, female: boolean, serial: number, district = 1) => {
  const [y, m, d] = birth.split('-');
  const day = Number(d) + (female ? 40 : 0);
  return `3271${String(district).padStart(2, '0')}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(serial).padStart(4, '0')}`;
};

const anyDate = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2030, 11, 31) }).map((t) => iso(t - (t % 86400000)));
// births that sit on an edge of one of the report dates: 18 years before it, a day either side
const edgeBirth = fc.tuple(fc.constantFrom(...REPORT_DATES), fc.integer({ min: -1, max: 1 }), fc.constantFrom(-18, -17, 0)).map(([d, days, years]) => shift(d, years, days));
const birth = fc.oneof(anyDate, edgeBirth, fc.constantFrom('2000-02-29', '1904-02-29', '2024-02-29', '1900-03-01'));

const resident = fc
  .record({
    birth,
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 3 }),
    district: fc.integer({ min: 1, max: 2 }),
    // the register's own birth date: as the NIK, absent, a century apart, another day, or broken
    given: fc.constantFrom('same', 'absent', 'empty', 'century', 'other', 'broken'),
    other: anyDate,
    village: fc.constantFrom('3271011001', '32.71.01.1002', '3271021003', 'x', '3271'),
    rw: fc.constantFrom(1, 2, '003', 0),
    rt: fc.constantFrom(1, '002', 7, 'x'),
    sex: fc.constantFrom(undefined, 'L', 'female', '?'),
    occupation: fc.constantFrom(undefined, '', 'KARYAWAN SWASTA', 'pelajar / mahasiswa', 15, '4', 'ASTRONOT'),
    badNik: fc.constantFrom(false, false, false, false, false, false, false, true),
  })
  .map((r, ) => ({
    nik: r.badNik ? '32710112' : nikOf(r.birth, r.female, r.serial, r.district),
    birthDate: { same: r.birth, absent: undefined, empty: '', century: shift(r.birth, 100, 0), other: r.other, broken: '2001-02-30' }[r.given],
    villageCode: r.village,
    rw: r.rw,
    rt: r.rt,
    ...(r.sex !== undefined && { sex: r.sex }),
    ...(r.occupation !== undefined && { occupation: r.occupation }),
  }));

const participant = fc
  .record({
    birth,
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 3 }),
    district: fc.integer({ min: 1, max: 2 }),
    segment: fc.constantFrom('PU', 'bpu', 'JAKON', 'PMI', 'XX'),
    status: fc.constantFrom('aktif', 'active', 'nonaktif', 'inactive', '?'),
    registeredOn: fc.option(fc.oneof(anyDate, fc.constantFrom(...REPORT_DATES)), { nil: undefined }),
    endedOn: fc.option(fc.oneof(anyDate, fc.constantFrom(...REPORT_DATES), fc.constant('2019-02-29')), { nil: undefined }),
  })
  .map((p) => ({
    nik: nikOf(p.birth, p.female, p.serial, p.district),
    segment: p.segment,
    status: p.status,
    registeredOn: p.registeredOn,
    endedOn: p.endedOn,
  }));

const withRefs = <T extends object>(records: T[]) => records.map((r, i) => ({ ...r, ref: i + 2 }));

describe('CoverageIndex', () => {
  it('reports on every date exactly what computeCoverage reports on the same records', () => {
    fc.assert(
      fc.property(
        fc.array(resident, { maxLength: 60 }).map(withRefs),
        fc.array(participant, { maxLength: 40 }).map(withRefs),
        fc.constantFrom(...REPORT_DATES),
        fc.shuffledSubarray(REPORT_DATES, { minLength: 2 }),
        fc.constantFrom(undefined, { minAge: 17, maxAge: 64, segmentPrecedence: ['BPU', 'PMI', 'JAKON', 'PU'] as const }),
        (residents, participants, checkedOn, dates, policy) => {
          const index = new CoverageIndex({ checkedOn });
          participants.forEach((p, i) => index.addParticipant(p, `kpj${i}`));
          residents.forEach((r) => index.addResident(r));
          // each date twice, in a random order: the outcomes kept from one date must not leak into another
          for (const asOf of [...dates, ...dates.reverse()]) {
            const options = { asOf, ...(policy && { policy: { ...policy, segmentPrecedence: [...policy.segmentPrecedence] } }) };
            expect(index.report(options)).toEqual(computeCoverage({ residents, participants, ...options }));
          }
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it('says what the report made of each resident, adding up to its figures', () => {
    fc.assert(
      fc.property(fc.array(resident, { maxLength: 60 }).map(withRefs), fc.array(participant, { maxLength: 40 }), fc.constantFrom(...REPORT_DATES), (residents, participants, asOf) => {
        const index = new CoverageIndex({ checkedOn: '2025-12-31' });
        participants.forEach((p) => index.addParticipant(p));
        residents.forEach((r) => index.addResident(r));
        const outcomes = [...index.residentOutcomes({ asOf })];
        const report = computeCoverage({ residents, participants, asOf });
        expect(outcomes.filter((o) => o >= 1).length).toBe(report.totals.residents);
        expect(outcomes.filter((o) => o >= 2).length).toBe(report.totals.eligible);
        expect(outcomes.filter((o) => o === 3).length).toBe(report.totals.covered);
        // the unused ones are exactly the rejected
        expect(outcomes.flatMap((o, i) => (o === 0 ? [i + 2] : []))).toEqual(report.rejected.residents.map((r) => r.ref));
        expect(index.residentRefs()).toEqual(residents.map((r) => r.ref));
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('counts data-quality findings per region that add up to the linkage figures', () => {
    fc.assert(
      fc.property(fc.array(resident, { maxLength: 60 }).map(withRefs), fc.array(participant, { maxLength: 40 }), fc.constantFrom(...REPORT_DATES), (residents, participants, asOf) => {
        const index = new CoverageIndex({ checkedOn: '2025-12-31' });
        participants.forEach((p) => index.addParticipant(p));
        residents.forEach((r) => index.addResident(r));
        const rows = index.quality({ asOf }).regions;
        const { linkage } = computeCoverage({ residents, participants, asOf });
        const sum = (level: string, field: 'underAge' | 'multipleActiveAccounts' | 'birthDateMismatches' | 'birthDatesFromNik') =>
          rows.filter((r) => r.level === level).reduce((n, r) => n + r[field], 0);
        for (const level of ['province', 'city', 'district', 'village', 'rw', 'rt']) {
          expect(sum(level, 'underAge')).toBe(linkage.underAge);
          expect(sum(level, 'birthDateMismatches')).toBe(linkage.birthDateMismatches);
          expect(sum(level, 'birthDatesFromNik')).toBe(linkage.birthDatesFromNik);
          // residents only: persons not in the register are counted by the linkage alone
          expect(sum(level, 'multipleActiveAccounts')).toBeLessThanOrEqual(linkage.multipleActiveAccounts);
        }
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('places a resident with two active accounts and an under-age account holder in their RT', () => {
    const index = new CoverageIndex({ checkedOn: '2025-12-31' });
    const adult = nikOf('1980-05-01', false, 1);
    const child = nikOf('2015-05-01', true, 2);
    index.addParticipant({ nik: adult, segment: 'PU', status: 'active', registeredOn: '2020-01-01' });
    index.addParticipant({ nik: adult, segment: 'BPU', status: 'active', registeredOn: '2021-01-01' });
    index.addParticipant({ nik: child, segment: 'BPU', status: 'active', registeredOn: '2024-01-01' });
    index.addParticipant({ nik: nikOf('1970-01-01', false, 3), segment: 'PU', status: 'active' });
    index.addParticipant({ nik: nikOf('1970-01-01', false, 3), segment: 'PU', status: 'active' });
    index.addResident({ nik: adult, birthDate: '1980-05-01', villageCode: '3271011001', rw: 2, rt: 3 });
    index.addResident({ nik: child, villageCode: '3271011001', rw: 2, rt: 4 });
    const { report, regions: rows } = index.quality({ asOf: '2025-12-31', levels: ['village', 'rt'] });
    // the report of the same pass is the index's report on that date
    expect(report).toEqual(index.report({ asOf: '2025-12-31', levels: ['village', 'rt'] }));
    expect(rows).toEqual([
      { level: 'village', code: '32.71.01.1001', parentCode: '32.71.01', underAge: 1, multipleActiveAccounts: 1, birthDateMismatches: 0, birthDatesFromNik: 1 },
      { level: 'rt', code: '32.71.01.1001.002.003', parentCode: '32.71.01.1001.002', underAge: 0, multipleActiveAccounts: 1, birthDateMismatches: 0, birthDatesFromNik: 0 },
      { level: 'rt', code: '32.71.01.1001.002.004', parentCode: '32.71.01.1001.002', underAge: 1, multipleActiveAccounts: 0, birthDateMismatches: 0, birthDatesFromNik: 1 },
    ]);
    // before the accounts began, nothing to report but the missing birth date
    expect(index.quality({ asOf: '2019-12-31', levels: ['village'] }).regions[0]).toMatchObject({ underAge: 0, multipleActiveAccounts: 0, birthDatesFromNik: 1 });
  });

  it('replaces an account by its key in its place, and forgets them all', () => {
    fc.assert(
      fc.property(fc.array(resident, { maxLength: 30 }).map(withRefs), fc.array(participant, { minLength: 1, maxLength: 20 }), fc.array(fc.tuple(fc.nat(), participant), { maxLength: 10 }), fc.constantFrom(...REPORT_DATES), (residents, participants, changes, asOf) => {
        const index = new CoverageIndex({ checkedOn: '2025-12-31' });
        const accounts = [...participants];
        accounts.forEach((p, i) => index.addParticipant(p, `kpj${i}`));
        residents.forEach((r) => index.addResident(r));
        for (const [at, record] of changes) {
          const i = at % (accounts.length + 1);
          index.setParticipant(`kpj${i}`, record);
          accounts[i] = record;
        }
        expect(index.report({ asOf })).toEqual(computeCoverage({ residents, participants: accounts, asOf }));
        index.clearParticipants();
        expect(index.report({ asOf })).toEqual(computeCoverage({ residents, participants: [], asOf }));
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });

  it('refuses a second account with a key it holds, and a missing checkedOn or asOf', () => {
    const index = new CoverageIndex({ checkedOn: '2025-12-31' });
    index.addParticipant({}, 'k');
    expect(() => index.addParticipant({}, 'k')).toThrow(/key k is held already/);
    expect(() => new CoverageIndex({} as never)).toThrow(/checkedOn is required/);
    expect(() => index.report({} as never)).toThrow(/asOf is required/);
  });
});
