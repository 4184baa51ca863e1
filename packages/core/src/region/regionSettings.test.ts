import { describe, expect, it } from 'vitest';
import { defaultRegionSettings, resolveRegionSettings } from './regionSettings.js';

describe('defaultRegionSettings', () => {
  it('speaks for the city or regency in its own words', () => {
    expect(defaultRegionSettings('32.76', 'Kota Depok')).toMatchObject({
      issuer: 'Pemerintah Kota Depok',
      contact: 'Dinas Tenaga Kerja Kota Depok',
      letterhead: ['PEMERINTAH KOTA DEPOK', 'DINAS TENAGA KERJA'],
      addressee: 'Yth. Wali Kota Depok',
      language: 'id',
    });
    expect(defaultRegionSettings('32.01', 'Kabupaten Bogor')).toMatchObject({ issuer: 'Pemerintah Kabupaten Bogor', addressee: 'Yth. Bupati Bogor' });
    expect(defaultRegionSettings('32', 'Jawa Barat')).toMatchObject({ issuer: 'Pemerintah Provinsi Jawa Barat', addressee: 'Yth. Gubernur Jawa Barat' });
    expect(defaultRegionSettings('32.71', 'Kota Bogor').target.percent).toBe(32.15);
  });
});

describe('resolveRegionSettings', () => {
  const set = new Map([
    ['32', { target: { percent: 40, source: 'RPJMD Jawa Barat' }, contact: 'Disnakertrans Jawa Barat' }],
    ['32.76', { issuer: 'Pemerintah Kota Depok (Disnaker)', contact: 'Disnaker Depok, 021-000' }],
  ]);

  it('takes each field from the nearest region that set it, else the default', () => {
    const s = resolveRegionSettings('32.76.01.1001.003.005', set, 'Kota Depok');
    expect(s.issuer).toBe('Pemerintah Kota Depok (Disnaker)');
    expect(s.contact).toBe('Disnaker Depok, 021-000');
    expect(s.target).toEqual({ percent: 40, source: 'RPJMD Jawa Barat' });
    expect(s.addressee).toBe('Yth. Wali Kota Depok');
    expect(s.from).toMatchObject({ issuer: '32.76', contact: '32.76', target: '32', addressee: null });
  });

  it("gives a neighbour none of another city's settings", () => {
    const s = resolveRegionSettings('32.01.01.2001', set, 'Kabupaten Bogor');
    expect(s.issuer).toBe('Pemerintah Kabupaten Bogor');
    expect(s.contact).toBe('Disnakertrans Jawa Barat');
    expect(s.addressee).toBe('Yth. Bupati Bogor');
  });

  it("takes the deployment's own configuration before the default", () => {
    const s = resolveRegionSettings('32.01.01.2001', set, 'Kabupaten Bogor', { issuer: 'Dinas X', contact: 'not used' });
    expect(s.issuer).toBe('Dinas X');
    expect(s.from.issuer).toBe('deployment');
    expect(s.contact).toBe('Disnakertrans Jawa Barat');
  });
});
