import { idnRows } from './idnRows.testutil.js';
import { describe, expect, it } from 'vitest';
import { childRegions, knownRegions, neighbourhoodCode, parseRegionCode, parseUnitNumber, regionName, toDottedRegionCode } from './region.js';

describe('parseRegionCode', () => {
  it('reads the same village with and without dots', () => {
    const a = parseRegionCode('3271011001');
    const b = parseRegionCode('32.71.01.1001');
    expect(a).toEqual(b);
    expect(a.success && a.data).toMatchObject({
      code: '32.71.01.1001',
      level: 'village',
      name: 'Batu Tulis',
      parentCode: '32.71.01',
      ancestors: ['32', '32.71', '32.71.01'],
      cityKind: 'kota',
      villageKind: 'kelurahan',
    });
  });

  it.each([
    ['32', 'province', 'Jawa Barat'],
    ['3271', 'city', 'Kota Bogor'],
    ['32.71.06', 'district', 'Tanah Sareal'],
    ['3201', 'city', undefined],
  ])('knows the level of %s', (code, level, name) => {
    const r = parseRegionCode(code);
    expect(r.success && r.data.level).toBe(level);
    expect(r.success && r.data.name).toBe(name);
  });

  it('codes RW and RT below a village with three digits each', () => {
    const rt = parseRegionCode('32.71.01.1001.3.5');
    expect(rt.success && rt.data).toMatchObject({ code: '32.71.01.1001.003.005', level: 'rt', rw: 3, rt: 5, parentCode: '32.71.01.1001.003' });
    expect(parseRegionCode('3271011001003005')).toEqual(parseRegionCode('32.71.01.1001.003.005'));
    const rw = parseRegionCode('3271011001003');
    expect(rw.success && rw.data).toMatchObject({ code: '32.71.01.1001.003', level: 'rw', name: undefined });
  });

  it('tells a kabupaten from a kota and a desa from a kelurahan', () => {
    const r = parseRegionCode('3201012001');
    expect(r.success && r.data).toMatchObject({ cityKind: 'kabupaten', villageKind: 'desa' });
  });

  it.each([
    ['10', 'invalid_province'],
    ['3200', 'invalid_city'],
    ['327100', 'invalid_district'],
    ['3271010001', 'invalid_village'],
    ['3271014001', 'invalid_village'],
    ['32.71.01.1001.000', 'invalid_rw'],
    ['32.71.01.1001.001.000', 'invalid_rt'],
    ['327101100', 'invalid_format'],
    ['32.7101', 'invalid_format'],
    ['32-71-01', 'invalid_format'],
    ['', 'invalid_format'],
    ['32.71.01.1001.1234', 'invalid_format'],
  ])('rejects %s with %s', (code, issue) => {
    const r = parseRegionCode(code);
    expect(!r.success && r.issues.map((i) => i.code)).toContain(issue);
  });

  it('normalises or throws', () => {
    expect(toDottedRegionCode('3271061001')).toBe('32.71.06.1001');
    expect(() => toDottedRegionCode('32710')).toThrow(RangeError);
    expect(neighbourhoodCode('3271011001', 3, 5)).toBe('32.71.01.1001.003.005');
    expect(neighbourhoodCode('3271011001', 12)).toBe('32.71.01.1001.012');
    expect(() => neighbourhoodCode('3271011001', 0)).toThrow(RangeError);
    expect(() => neighbourhoodCode('327101', 1)).toThrow(RangeError);
  });

  it('reads RW/RT numbers as numbers or numeric strings', () => {
    expect(parseUnitNumber('003')).toBe(3);
    expect(parseUnitNumber(12)).toBe(12);
    for (const bad of ['0', '', '1000', 'a1', 1.5, -1, 1000, null]) expect(parseUnitNumber(bad)).toBeUndefined();
  });
});

describe('Kota Bogor reference data', () => {
  it("ships exactly idn-area-data's rows for Kota Bogor, built in", () => {
    const rows = idnRows().filter(([code]) => code === '32' || code.startsWith('32.71'));
    expect(knownRegions().map((r) => [r.code, r.name])).toEqual(rows);
    expect(knownRegions().filter((r) => r.level === 'district')).toHaveLength(6);
    expect(knownRegions().filter((r) => r.level === 'village')).toHaveLength(68);
  });

  it('names regions by code, never by name', () => {
    expect(regionName('32.71.02')).toBe('Bogor Timur');
    expect(regionName('3271011001')).toBe('Batu Tulis');
    expect(regionName('32.71.01.1001.003')).toBeUndefined();
    expect(regionName('nonsense')).toBeUndefined();
  });
});

describe('childRegions', () => {
  it("lists Kota Bogor's districts and a district's villages, in code order", () => {
    expect(childRegions('3271').map((r) => r.code)).toEqual(['32.71.01', '32.71.02', '32.71.03', '32.71.04', '32.71.05', '32.71.06']);
    expect(childRegions('3271').map((r) => r.name)).toContain('Tanah Sareal');
    const villages = childRegions('32.71.01');
    expect(villages.length).toBeGreaterThan(10);
    expect(villages.every((v) => v.level === 'village' && v.code.startsWith('32.71.01.'))).toBe(true);
    expect([...villages].map((v) => v.code).sort()).toEqual(villages.map((v) => v.code));
  });

  it('has nothing below a village and refuses what is not a region code', () => {
    expect(childRegions('32.71.01.1001.003')).toEqual([]);
    expect(() => childRegions('abc')).toThrow(RangeError);
  });
});
