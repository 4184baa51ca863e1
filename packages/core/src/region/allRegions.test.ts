import { afterAll, describe, expect, it } from 'vitest';
import { KOTA_BOGOR_REGIONS } from './data/kotaBogor.js';
import { childRegions, knownRegions, parseRegionCode, regionName } from './region.js';
import { decodeRegionTable, registerRegionNames } from './regionTable.js';
import { INDONESIA_REGION_TABLE } from './data/indonesia.js';
import { REGION_DATA_ATTRIBUTION, useAllRegions } from '../regions.js';
import { idnRows } from './idnRows.testutil.js';

afterAll(() => {
  registerRegionNames(new Map(KOTA_BOGOR_REGIONS)); // as the other tests expect
});

describe('@cakupan/core/regions', () => {
  it('knows only Kota Bogor until asked for the whole country', () => {
    expect(regionName('1101012001')).toBeUndefined();
    expect(regionName('3271011001')).toBe('Batu Tulis');
  });

  it('names every province, regency, district and village of idn-area-data, exactly', () => {
    const count = useAllRegions();
    const rows = idnRows();
    expect(count).toBe(rows.length);
    expect(knownRegions().map((r) => [r.code, r.name])).toEqual(rows);
    expect(knownRegions().filter((r) => r.level === 'village').length).toBeGreaterThan(83_000);
    expect(regionName('1101012001')).toBe('Keude Bakongan');
    expect(regionName('74.01.01.1001')).toBe('19 Nopember');
    expect(parseRegionCode('9171')).toMatchObject({ success: true, data: { level: 'city', name: 'Kota Jayapura' } });
    expect(regionName('3271011001')).toBe('Batu Tulis');
    expect(REGION_DATA_ATTRIBUTION).toMatch(/idn-area-data .*ODbL/);
  });

  it('lists the children of any region: Kota Depok and Kabupaten Bogor as well as Kota Bogor', () => {
    useAllRegions();
    const depokDistricts = childRegions('3276');
    expect(depokDistricts).toHaveLength(11);
    expect(depokDistricts.every((r) => r.level === 'district' && r.code.startsWith('32.76.'))).toBe(true);
    expect(depokDistricts.flatMap((d) => childRegions(d.code))).toHaveLength(63);
    const bogorRegency = childRegions('32.01').flatMap((d) => childRegions(d.code));
    expect(bogorRegency).toHaveLength(435);
    expect(bogorRegency.filter((v) => v.code.split('.')[3]!.startsWith('2')).length).toBeGreaterThan(400);
    expect(childRegions('32').map((r) => r.name)).toContain('Kabupaten Bogor');
    expect(childRegions('32.76.01.1001')).toEqual([]);
    expect(() => childRegions('123')).toThrow(RangeError);
  });

  it('decodes the compact table into every row, in code order', () => {
    expect([...decodeRegionTable(INDONESIA_REGION_TABLE)]).toEqual(idnRows());
    expect([...decodeRegionTable('P32Jawa Barat\nR3271Kota Bogor\nD327101Bogor Selatan\t@1001Batu Tulis|Rangga Mekar')]).toEqual([
      ['32', 'Jawa Barat'],
      ['32.71', 'Kota Bogor'],
      ['32.71.01', 'Bogor Selatan'],
      ['32.71.01.1001', 'Batu Tulis'],
      ['32.71.01.1002', 'Rangga Mekar'],
    ]);
  });
});
