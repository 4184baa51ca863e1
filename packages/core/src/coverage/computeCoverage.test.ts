import { describe, expect, it } from 'vitest';
import { computeCoverage } from './computeCoverage.js';
import type { CoverageReport } from './report.js';
import { mergeCoverage } from './mergeCoverage.js';
import { BATU_TULIS, BONDONGAN, nik } from '../../test/fixtures.js';
import { generateCity } from '../synthetic/generateCity.js';
import { SEGMENTS } from '../participant/participant.js';
import { NOT_WORKING_OCCUPATION_CODES, OCCUPATIONS } from '../occupation/occupation.js';

const asOf = '2017-12-31';
const adult = (serial: number, extra: Record<string, unknown> = {}) => ({
  nik: nik('1990-05-17', { serial }),
  birthDate: '1990-05-17',
  villageCode: BATU_TULIS,
  rw: '003',
  rt: '005',
  ...extra,
});
const account = (serial: number, extra: Record<string, unknown> = {}) => ({
  nik: nik('1990-05-17', { serial }),
  segment: 'PU',
  status: 'aktif',
  registeredOn: '2015-01-01',
  ...extra,
});
const region = (report: CoverageReport, code: string) => report.regions.find((r) => r.code === code);

describe('computeCoverage', () => {
  it('counts eligible residents with an active account as covered, per region down to RT', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1), adult(2), adult(3, { rt: 6 }), adult(4, { villageCode: BONDONGAN, rw: 1, rt: 1 })],
      participants: [account(1), account(3, { segment: 'bpu', status: 'ACTIVE' })],
    });
    expect(region(report, '32.71.01.1001.003.005')).toMatchObject({ level: 'rt', name: null, eligible: 2, covered: 1, ratio: 0.5, parentCode: '32.71.01.1001.003' });
    expect(region(report, '32.71.01.1001.003.006')).toMatchObject({ eligible: 1, covered: 1, bySegment: { PU: 0, BPU: 1, JAKON: 0, PMI: 0 } });
    expect(region(report, '32.71.01.1001')).toMatchObject({ level: 'village', name: 'Batu Tulis', eligible: 3, covered: 2, bySegment: { PU: 1, BPU: 1 } });
    expect(region(report, '32.71.01.1002')).toMatchObject({ name: 'Bondongan', eligible: 1, covered: 0, ratio: 0 });
    expect(region(report, '32.71.01')).toMatchObject({ level: 'district', name: 'Bogor Selatan', eligible: 4, covered: 2, ratio: 0.5 });
    expect(region(report, '32.71')).toMatchObject({ level: 'city', name: 'Kota Bogor', eligible: 4, covered: 2 });
    expect(region(report, '32')).toMatchObject({ level: 'province', name: 'Jawa Barat', parentCode: null });
    expect(report.totals).toMatchObject({ residents: 4, eligible: 4, covered: 2, ratio: 0.5 });
    // parents come before their children
    expect(report.regions.map((r) => r.code)).toEqual([...report.regions.map((r) => r.code)].sort());
    // fields (and so JSON and CSV columns) in one order, segments in SEGMENTS' order
    expect(Object.keys(region(report, '32.71.01.1001.003.005')!)).toEqual(['level', 'code', 'name', 'parentCode', 'residents', 'eligible', 'covered', 'bySegment', 'ratio', 'occupationKnown', 'workers', 'coveredWorkers', 'workerRatio']);
    expect(Object.keys(report.totals.bySegment)).toEqual([...SEGMENTS]);
  });

  it('computes ratios from summed counts, never as an average of ratios', () => {
    const residents = [adult(1), ...[2, 3, 4, 5].map((s) => adult(s, { villageCode: BONDONGAN }))];
    const report = computeCoverage({ asOf, residents, participants: [account(1)], levels: ['village', 'district'] });
    // villages: 1/1 and 0/4; the average of ratios would be 0.5
    expect(region(report, '32.71.01')!.ratio).toBe(0.2);
    expect(report.regions.map((r) => r.level)).toEqual(['district', 'village', 'village']);
  });

  it('counts a person with several accounts once, under the primary segment PU > JAKON > PMI > BPU', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1), adult(2), adult(3)],
      participants: [
        account(1, { segment: 'BPU' }),
        account(1, { segment: 'PU' }),
        account(1, { segment: 'PU', employerNpp: '15070955' }),
        account(2, { segment: 'BPU' }),
        account(2, { segment: 'PMI' }),
        account(3, { segment: 'PMI' }),
        account(3, { segment: 'JAKON' }),
      ],
    });
    expect(report.totals).toMatchObject({ covered: 3, bySegment: { PU: 1, BPU: 0, JAKON: 1, PMI: 1 } });
    expect(report.linkage).toMatchObject({ accounts: 7, activeAccounts: 7, personsWithActiveAccount: 3, multipleActiveAccounts: 3 });
  });

  it('takes the segment precedence as a policy option', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1)],
      participants: [account(1, { segment: 'PU' }), account(1, { segment: 'BPU' })],
      policy: { segmentPrecedence: ['BPU', 'PU', 'JAKON', 'PMI'] },
    });
    expect(report.totals.bySegment).toMatchObject({ PU: 0, BPU: 1 });
    expect(() => computeCoverage({ asOf, residents: [], participants: [], policy: { segmentPrecedence: ['PU', 'PU', 'BPU', 'PMI'] as never } })).toThrow(RangeError);
  });

  it('does not count inactive, ended or not-yet-registered accounts', () => {
    const report = computeCoverage({
      asOf,
      residents: [1, 2, 3, 4, 5, 6].map((s) => adult(s)),
      participants: [
        account(1, { status: 'nonaktif' }),
        account(2, { endedOn: '2017-12-31' }), // ended on the reference date: not active
        account(3, { registeredOn: '2018-01-01' }), // registered after it
        account(4, { endedOn: '2018-01-01' }), // ends later: still active
        account(5, { registeredOn: '2017-12-31' }), // registered on the day: active
        account(6, { registeredOn: undefined }), // date unknown: active
      ],
    });
    expect(report.totals.covered).toBe(3);
    expect(report.linkage).toMatchObject({ accounts: 6, activeAccounts: 3, inactiveAccounts: 3, personsWithOnlyInactiveAccounts: 3 });
  });

  it('reports commuters, under-age participants and birth-date disagreements', () => {
    const child = { nik: nik('2005-01-01', { serial: 9 }), birthDate: '2005-01-01', villageCode: BATU_TULIS, rw: 1, rt: 1 };
    const report = computeCoverage({
      asOf,
      residents: [adult(1), child, adult(2, { birthDate: '1990-05-18', ref: 'line 4' })],
      participants: [
        account(1),
        { nik: child.nik, segment: 'BPU', status: 'aktif' },
        { nik: nik('1985-02-02', { district: '320101' }), segment: 'PU', status: 'aktif' }, // lives outside the register
      ],
    });
    expect(report.linkage).toMatchObject({ personsWithActiveAccount: 3, matchedEligible: 1, notInRegister: 1, underAge: 1, birthDateMismatches: 1 });
    expect(report.birthDateMismatches).toEqual([{ index: 2, ref: 'line 4' }]);
    expect(report.totals).toMatchObject({ residents: 3, eligible: 2, covered: 1 });
  });

  it('applies a maximum age when the policy has one', () => {
    const old = { nik: nik('1940-01-01', { serial: 5 }), birthDate: '1940-01-01', villageCode: BATU_TULIS, rw: 1, rt: 1 };
    const report = computeCoverage({ asOf, residents: [adult(1), old], participants: [account(1), { nik: old.nik, segment: 'BPU', status: 'aktif' }], policy: { maxAge: 64 } });
    expect(report.totals).toMatchObject({ eligible: 1, covered: 1 });
    expect(report.linkage.overAge).toBe(1);
  });

  it('takes the NIK’s birth date when the register has none', () => {
    const report = computeCoverage({ asOf, residents: [adult(1, { birthDate: undefined }), adult(2, { birthDate: '' })], participants: [] });
    expect(report.totals.eligible).toBe(2);
    expect(report.linkage.birthDatesFromNik).toBe(2);
  });

  it('returns every invalid record with its index, field and reason, and counts them', () => {
    const report = computeCoverage({
      asOf,
      residents: [
        adult(1),
        adult(2, { nik: '3271010101900000' }),
        adult(3, { birthDate: '2017-02-30' }),
        adult(4, { villageCode: '327101' }),
        adult(5, { rw: 0 }),
        adult(6, { rt: 'x' }),
        adult(7, { birthDate: '2018-01-01', nik: nik('2018-01-01', { serial: 7 }) }),
        null,
        adult(1, { ref: 17 }), // duplicate of the first
      ],
      participants: [account(1), account(2, { segment: 'XYZ' }), account(3, { status: 'maybe' }), account(4, { registeredOn: '2017-13-01' }), account(5, { registeredOn: '2017-05-01', endedOn: '2017-01-01' }), 'nope'],
    });
    expect(report.rejected.residents.map((r) => [r.index, r.field, r.code])).toEqual([
      [1, 'nik', 'invalid_nik'],
      [2, 'birthDate', 'invalid_birth_date'],
      [3, 'villageCode', 'invalid_village_code'],
      [4, 'rw', 'invalid_rw'],
      [5, 'rt', 'invalid_rt'],
      [6, 'birthDate', 'born_after_reference_date'],
      [7, 'record', 'invalid_record'],
      [8, 'nik', 'duplicate_nik'],
    ]);
    expect(report.rejected.residents[7]).toMatchObject({ ref: 17 });
    expect(report.rejected.participants.map((r) => [r.index, r.field, r.code])).toEqual([
      [1, 'segment', 'invalid_segment'],
      [2, 'status', 'invalid_status'],
      [3, 'registeredOn', 'invalid_registered_on'],
      [4, 'endedOn', 'ended_before_registered'],
      [5, 'record', 'invalid_record'],
    ]);
    expect(report.records).toEqual({ residents: { read: 9, used: 1, rejected: 8 }, participants: { read: 6, used: 1, rejected: 5 } });
    // rejections never carry personal data
    expect(JSON.stringify(report.rejected)).not.toMatch(/\d{16}/);
  });

  it('uses the first *valid* record of a duplicated NIK', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1, { rw: 'bad' }), adult(1, { villageCode: BONDONGAN }), adult(1)],
      participants: [],
      levels: ['village'],
    });
    expect(report.rejected.residents.map((r) => [r.index, r.code])).toEqual([[0, 'invalid_rw'], [2, 'duplicate_nik']]);
    expect(report.regions.map((r) => r.code)).toEqual(['32.71.01.1002']);
  });

  it('keeps the first *valid* account of a KPJ given twice, naming it in the rejection', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1), adult(2)],
      // a corrupted copy first, then the account, then the same card for another person
      participants: [{ ...account(1), kpj: '90000000001', status: 'rusak', ref: 5 }, { ...account(1), kpj: '90000000001', ref: 6 }, { ...account(2), kpj: '90000000001', ref: 7 }],
      levels: ['village'],
    });
    expect(report.rejected.participants.map((r) => [r.ref, r.code, r.message])).toEqual([
      [5, 'invalid_status', expect.any(String)],
      [7, 'duplicate_kpj', 'kpj appears twice: the account of line 6 is kept'],
    ]);
    expect(report.totals.covered).toBe(1);
  });

  it('counts workers 18+ as an independent count over a register with occupations finds them', () => {
    const city = generateCity({ adults: 5000, seed: 7 });
    const report = computeCoverage({ asOf, residents: city.residents, participants: city.participants, levels: ['village'] });
    // by hand: accounts active on the date, the first resident of each NIK, 18 on 31 December 2017
    const active = new Set(city.participants.filter((p) => /^(aktif|active)$/i.test(p.status) && (p.endedOn ?? '9999') > asOf && (p.registeredOn ?? '') <= asOf).map((p) => p.nik));
    const idle = new Set(NOT_WORKING_OCCUPATION_CODES.map((c) => OCCUPATIONS[c - 1]!.name));
    const seen = new Set<string>();
    const byVillage = new Map<string, { known: number; workers: number; covered: number }>();
    for (const r of city.residents) {
      if (seen.has(r.nik)) continue;
      seen.add(r.nik);
      if (String(r.birthDate) > '1999-12-31' || r.occupation === undefined) continue;
      const v = byVillage.get(r.villageCode) ?? { known: 0, workers: 0, covered: 0 };
      byVillage.set(r.villageCode, v);
      v.known++;
      if (idle.has(String(r.occupation))) continue;
      v.workers++;
      if (active.has(r.nik)) v.covered++;
    }
    const sum = (k: 'known' | 'workers' | 'covered') => [...byVillage.values()].reduce((n, v) => n + v[k], 0);
    expect(report.totals).toMatchObject({ occupationKnown: sum('known'), workers: sum('workers'), coveredWorkers: sum('covered') });
    expect(report.totals.workerRatio).toBe(sum('covered') / sum('workers'));
    for (const row of report.regions) {
      const v = byVillage.get(row.code.replaceAll('.', ''))!;
      expect([row.occupationKnown, row.workers, row.coveredWorkers]).toEqual([v.known, v.workers, v.covered]);
    }
    // a register of workers is more covered than one of all adults, and the headline is unchanged by occupations
    expect(report.totals.workerRatio!).toBeGreaterThan(report.totals.ratio!);
    const withoutOccupations = computeCoverage({ asOf, residents: city.residents.map(({ occupation: _, ...r }) => r), participants: city.participants, levels: ['village'] });
    expect(withoutOccupations.totals).toMatchObject({ eligible: report.totals.eligible, covered: report.totals.covered, occupationKnown: 0, workers: 0, coveredWorkers: 0, workerRatio: null });
  });

  it('rejects an occupation off the register\'s list, and leaves out an empty one', () => {
    const report = computeCoverage({
      asOf,
      residents: [adult(1, { occupation: 'KARYAWAN SWASTA' }), adult(2, { occupation: 'ASTRONOT' }), adult(3, { occupation: '' }), adult(4, { occupation: 3 })],
      participants: [account(1), account(3)],
    });
    expect(report.rejected.residents).toEqual([expect.objectContaining({ index: 1, field: 'occupation', code: 'invalid_occupation' })]);
    expect(report.totals).toMatchObject({ eligible: 3, covered: 2, occupationKnown: 2, workers: 1, coveredWorkers: 1, workerRatio: 1 });
  });

  it('reports ratio null where nobody is eligible', () => {
    const child = { nik: nik('2010-01-01'), birthDate: '2010-01-01', villageCode: BATU_TULIS, rw: 1, rt: 1 };
    const report = computeCoverage({ asOf, residents: [child], participants: [], levels: ['village'] });
    expect(report.regions[0]).toMatchObject({ residents: 1, eligible: 0, ratio: null });
  });

  it('accepts iterables and validates its options', () => {
    function* residents() {
      yield adult(1);
    }
    expect(computeCoverage({ asOf, residents: residents(), participants: new Set([account(1)]) }).totals.covered).toBe(1);
    expect(() => computeCoverage({ asOf: '2017-02-30', residents: [], participants: [] })).toThrow(RangeError);
    expect(() => computeCoverage({ asOf, residents: [], participants: [], levels: ['kelurahan' as never] })).toThrow(RangeError);
    expect(() => computeCoverage({ asOf, residents: 5 as never, participants: [] })).toThrow(TypeError);
  });

  it('gives the same figures in every time zone', () => {
    const city = generateCity({ adults: 3000, seed: 3 });
    const figures: string[] = [];
    const original = process.env.TZ;
    try {
      for (const zone of ['Asia/Jakarta', 'UTC', 'Pacific/Kiritimati', 'America/Adak']) {
        process.env.TZ = zone;
        const report = computeCoverage({ asOf: new Date(2017, 11, 31), ...city });
        figures.push(JSON.stringify(report));
      }
    } finally {
      // assigning undefined would set the zone to the string "undefined"
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(figures).size).toBe(1);
  });
});

describe('mergeCoverage', () => {
  it('merges NIK-partitioned shards into exactly the report of one pass', () => {
    const city = generateCity({ adults: 20000, seed: 11 });
    // give every record a global ref so rejections can be identified across shards
    const residents = city.residents.map((r, i) => ({ ...r, ref: i }));
    const participants = city.participants.map((p, i) => ({ ...p, ref: i }));
    residents.push({ ...residents[0]!, rw: 'x', ref: residents.length }); // an invalid one too
    const whole = computeCoverage({ asOf, residents, participants });
    const shardOf = (n: string) => Number(n.slice(-3)) % 4;
    const reports = [0, 1, 2, 3].map((s) =>
      computeCoverage({ asOf, residents: residents.filter((r) => shardOf(r.nik) === s), participants: participants.filter((p) => shardOf(p.nik) === s) }),
    );
    const merged = mergeCoverage(reports);
    const withoutIndex = (r: CoverageReport) => ({
      ...r,
      rejected: { residents: r.rejected.residents.map(({ index: _, ...x }) => x), participants: r.rejected.participants.map(({ index: _, ...x }) => x) },
      birthDateMismatches: r.birthDateMismatches.map(({ index: _, ...x }) => x),
    });
    expect(withoutIndex(merged)).toEqual(withoutIndex(whole));
    expect(whole.records.residents.rejected).toBeGreaterThan(0); // the city has duplicates
  });

  it('refuses reports of different dates or policies', () => {
    const a = computeCoverage({ asOf, residents: [], participants: [] });
    const b = computeCoverage({ asOf: '2018-01-01', residents: [], participants: [] });
    const c = computeCoverage({ asOf, residents: [], participants: [], policy: { minAge: 15 } });
    expect(() => mergeCoverage([a, b])).toThrow(RangeError);
    expect(() => mergeCoverage([a, c])).toThrow(RangeError);
    expect(() => mergeCoverage([])).toThrow(RangeError);
  });
});
