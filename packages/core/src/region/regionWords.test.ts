import { describe, expect, it } from 'vitest';
import { bareGovernmentName, governmentOf, headOfRegionTitle, isKota, levelWordWithin, mapAreaOf, regionWord, villageKindOf } from './regionWords.js';

describe('regionWords', () => {
  it('tells a kota from a kabupaten by its number', () => {
    expect(isKota('32.71')).toBe(true);
    expect(isKota('3276011001')).toBe(true);
    expect(isKota('32.01.01')).toBe(false);
    expect(isKota('32')).toBeUndefined();
  });

  it('names a village by its kind', () => {
    expect(villageKindOf('32.01.01.2001')).toBe('desa');
    expect(villageKindOf('32.71.01.1001.003.005')).toBe('kelurahan');
    expect(villageKindOf('32.01.01')).toBeUndefined();
    expect(regionWord('32.01.01.2001')).toBe('Desa');
    expect(regionWord('32.01.01.1001')).toBe('Kelurahan');
    expect(regionWord('91.03.01.3001')).toBe('Desa Adat');
    expect(regionWord('32.71.01.1001', 'en')).toBe('Urban village');
  });

  it('names cities, regencies and the other levels', () => {
    expect(regionWord('32.01')).toBe('Kabupaten');
    expect(regionWord('32.76')).toBe('Kota');
    expect(regionWord('32.76', 'en')).toBe('City');
    expect(regionWord('32')).toBe('Provinsi');
    expect(regionWord('32.76.01')).toBe('Kecamatan');
    expect(regionWord('32.76.01.1001.003')).toBe('RW');
  });

  it('words a level among the regions of another', () => {
    expect(levelWordWithin('village', '32.71')).toBe('Kelurahan');
    expect(levelWordWithin('village', '32.01')).toBe('Desa/Kelurahan');
    expect(levelWordWithin('village', '32.01.01.2001')).toBe('Desa');
    expect(levelWordWithin('city', '32')).toBe('Kabupaten/Kota');
    expect(levelWordWithin('city', '32.01')).toBe('Kabupaten');
    expect(levelWordWithin('district', '32.01')).toBe('Kecamatan');
    expect(levelWordWithin('rt', '32.01')).toBe('RT');
  });

  it('titles the head of a city or regency', () => {
    expect(headOfRegionTitle('32.71.01')).toBe('Wali Kota');
    expect(headOfRegionTitle('32.01')).toBe('Bupati');
    expect(headOfRegionTitle('32.01', 'en')).toBe('Regent');
    expect(headOfRegionTitle('32')).toBeUndefined();
  });

  it('names the government a code speaks for, its bare name, and the area its map shows', () => {
    expect(governmentOf('32.76.01.1001.003.005')).toBe('32.76');
    expect(governmentOf('32.01')).toBe('32.01');
    expect(governmentOf('32')).toBe('32');
    expect(bareGovernmentName('Kota Depok')).toBe('Depok');
    expect(bareGovernmentName('Kabupaten Bogor')).toBe('Bogor');
    expect(bareGovernmentName('Kota Administrasi Jakarta Pusat')).toBe('Jakarta Pusat');
    expect(mapAreaOf('32.71.01.1001.003')).toBe('32.71.01');
    expect(mapAreaOf('32.71.01.1001')).toBe('32.71.01');
    expect(mapAreaOf('32.76')).toBe('32.76');
  });
});
