/**
 * The words an official text uses for a region, which follow the region itself: a regency
 * (*kabupaten*) is headed by a *Bupati* and is mostly made of *desa* (villages governed by their
 * own elected head); a city (*kota*) by a *Wali Kota*, and is made of *kelurahan* (urban villages
 * run by the city's own officials). The kind is in the code (core's `parseRegionCode`): a regency
 * or city number of 71 and above is a kota, and a village number that starts with 1 a kelurahan,
 * with 2 a desa, with 3 a desa adat (a customary village).
 */
import type { Language } from '../date/monthName.js';
import { levelOfCode, lineageOf } from './levelOfCode.js';
import type { RegionLevel } from './levels.js';

/** Whether a dotted (or undotted) code lies in a kota (city) rather than a kabupaten (regency); `undefined` above the city level. */
export function isKota(code: string): boolean | undefined {
  const digits = code.replaceAll('.', '');
  if (digits.length < 4) return undefined;
  return Number(digits.slice(2, 4)) >= 71;
}

/** `kelurahan`, `desa` or `desa-adat` for a village (or RW, RT) code; `undefined` above a village. */
export function villageKindOf(code: string): 'kelurahan' | 'desa' | 'desa-adat' | undefined {
  const digits = code.replaceAll('.', '');
  if (digits.length < 10) return undefined;
  return digits[6] === '1' ? 'kelurahan' : digits[6] === '2' ? 'desa' : 'desa-adat';
}

const WORDS = {
  id: { province: 'Provinsi', kota: 'Kota', kabupaten: 'Kabupaten', district: 'Kecamatan', kelurahan: 'Kelurahan', desa: 'Desa', 'desa-adat': 'Desa Adat', villages: 'Desa/Kelurahan', rw: 'RW', rt: 'RT', headKota: 'Wali Kota', headKabupaten: 'Bupati' },
  en: { province: 'Province', kota: 'City', kabupaten: 'Regency', district: 'District', kelurahan: 'Urban village', desa: 'Village', 'desa-adat': 'Customary village', villages: 'Village', rw: 'RW', rt: 'RT', headKota: 'Mayor', headKabupaten: 'Regent' },
} as const satisfies Record<Language, Record<string, string>>;

/**
 * The word for the level of `code` itself: "Kota" or "Kabupaten" for a city or regency,
 * "Kelurahan", "Desa" or "Desa Adat" for a village.
 *
 * @example
 * regionWord('32.01') //=> 'Kabupaten'
 * regionWord('32.01.01.2001') //=> 'Desa'
 * regionWord('32.71.01.1001', 'en') //=> 'Urban village'
 */
export function regionWord(code: string, language: Language = 'id'): string {
  const w = WORDS[language];
  const level = levelOfCode(code);
  if (level === 'province') return w.province;
  if (level === 'city') return isKota(code) ? w.kota : w.kabupaten;
  if (level === 'district') return w.district;
  if (level === 'village') return w[villageKindOf(code)!];
  return level === 'rw' ? w.rw : w.rt;
}

/**
 * The word for `level` among the regions of `within` (a column heading, "the ten lowest …"):
 * villages of a kota are "Kelurahan", of a kabupaten "Desa/Kelurahan" (a regency's capital often
 * has kelurahan among its desa); regencies or cities of a province are "Kabupaten/Kota".
 *
 * @example
 * levelWordWithin('village', '32.71') //=> 'Kelurahan'
 * levelWordWithin('village', '32.01.01') //=> 'Desa/Kelurahan'
 * levelWordWithin('city', '32') //=> 'Kabupaten/Kota'
 */
export function levelWordWithin(level: RegionLevel, within: string, language: Language = 'id'): string {
  const w = WORDS[language];
  switch (level) {
    case 'province':
      return w.province;
    case 'city': {
      const kota = isKota(within);
      return kota === undefined ? (language === 'id' ? 'Kabupaten/Kota' : 'Regency/City') : kota ? w.kota : w.kabupaten;
    }
    case 'district':
      return w.district;
    case 'village': {
      const own = villageKindOf(within);
      if (own) return w[own];
      return isKota(within) ? w.kelurahan : w.villages;
    }
    default:
      return level === 'rw' ? w.rw : w.rt;
  }
}

/**
 * The title of the head of the city or regency `code` lies in: "Wali Kota" or "Bupati"
 * (English: "Mayor", "Regent"); `undefined` for a province.
 *
 * @example
 * headOfRegionTitle('32.71.01') //=> 'Wali Kota'
 * headOfRegionTitle('32.01') //=> 'Bupati'
 */
export function headOfRegionTitle(code: string, language: Language = 'id'): string | undefined {
  const kota = isKota(code);
  if (kota === undefined) return undefined;
  return kota ? WORDS[language].headKota : WORDS[language].headKabupaten;
}

/**
 * The government a code's settings and letters speak for: its city or regency (its province
 * above a city), dotted.
 *
 * @example
 * governmentOf('32.76.01.1001.003.005') //=> '32.76'
 * governmentOf('32') //=> '32'
 */
export function governmentOf(code: string): string {
  const lineage = lineageOf(code);
  return lineage[Math.min(1, lineage.length - 1)]!;
}

/**
 * A city's or regency's name without its kind, as a letter's place and its addressee write it:
 * "Kota Depok" → "Depok", "Kabupaten Bogor" → "Bogor".
 *
 * @example
 * bareGovernmentName('Kota Administrasi Jakarta Pusat') //=> 'Jakarta Pusat'
 */
export function bareGovernmentName(name: string): string {
  return name.replace(/^(Kota Administrasi|Kabupaten Administrasi|Kota|Kabupaten)\s+/, '');
}

/**
 * The area a region's map shows: a village (or RW, RT) within its district, any other region itself.
 *
 * @example
 * mapAreaOf('32.71.01.1001.003') //=> '32.71.01'
 * mapAreaOf('32.76') //=> '32.76'
 */
export function mapAreaOf(code: string): string {
  const level = levelOfCode(code);
  return level === 'village' || level === 'rw' || level === 'rt' ? code.split('.').slice(0, 3).join('.') : code;
}
