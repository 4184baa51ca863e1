/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national population identity number.
 *
 * Layout: province (2) + regency/city (2) + district (2) + birth date `DDMMYY` + serial (4).
 * Women have 40 added to the day of birth. There is **no check digit** (PP 37/2007 art. 37), so
 * a NIK can only be checked for shape, region parts, a real birth date and a non-zero serial.
 * The district in a NIK is where it was first issued, not where the person lives.
 *
 * A NIK is personal data (UU 27/2022): never print it, put it in a QR code or log it.
 */
import { z } from 'zod';
import { type CalendarDateInput, formatDateNumber, isRealDate, requireDateNumber, todayIso } from '../date/calendarDate.js';
import type { Issue } from '../issue/issue.js';

/** Sex as encoded in a NIK (and in the civil registry). */
export type Sex = 'male' | 'female';

/** Why a NIK is invalid: stable, machine-readable codes. */
export type NikIssueCode =
  | 'invalid_type'
  | 'invalid_length'
  | 'invalid_characters'
  | 'invalid_province'
  | 'invalid_regency'
  | 'invalid_district'
  | 'invalid_birth_date'
  | 'invalid_serial';

/** Why a NIK is invalid, in cakupan's one issue shape (`path` is empty: the NIK as a whole). */
export type NikIssue = Issue<NikIssueCode>;

/** The parts of a valid NIK. */
export interface NikParts {
  /** The NIK itself, 16 digits. */
  readonly nik: string;
  /** Province code, e.g. `32`. */
  readonly provinceCode: string;
  /** Regency/city code, dotted, e.g. `32.71`. */
  readonly cityCode: string;
  /** District (kecamatan) code where the NIK was first issued, dotted, e.g. `32.71.01`. */
  readonly districtCode: string;
  /** Birth date, ISO `YYYY-MM-DD`, with the century resolved against `asOf`. */
  readonly birthDate: string;
  /** Sex: `female` when 40 was added to the day. */
  readonly sex: Sex;
  /** Serial number, 4 digits from `0001`. */
  readonly serial: string;
}

/** Result of {@link parseNik}: like zod's `safeParse`, a success with data or a failure with issues. */
export type ParseNikResult =
  | { readonly success: true; readonly data: NikParts }
  | { readonly success: false; readonly issues: readonly NikIssue[] };

/** Options of {@link parseNik}. */
export interface ParseNikOptions {
  /**
   * Reference date used to give the two-digit birth year a century: the latest century that
   * puts the birth date on or before this date. Default: today (local calendar date).
   */
  asOf?: CalendarDateInput;
}

/**
 * Parses and validates a NIK.
 *
 * Checks: exactly 16 ASCII digits; province 11–99; regency/city 01–99; district 01–99; birth date
 * `DDMMYY` a real calendar date, where a day of 41–71 means a woman (day + 40); serial not `0000`.
 * Every failing part is reported, not only the first. The century is the latest one that puts the
 * birth date on or before `options.asOf` (a NIK cannot belong to someone born after the reference
 * date), so with `asOf` 2026-11-23, `YY = 26` with month 12 is 1926.
 *
 * Limits: there is no check digit, so a well-formed NIK that was never issued is "valid". Only the
 * exact 16-digit form is accepted: spaces, dots and other separators are invalid characters.
 *
 * @param nik - the NIK as a string (numbers lose leading zeros and precision: pass strings)
 * @param options - {@link ParseNikOptions}
 * @throws {RangeError} when `options.asOf` is not a real calendar date
 * @example
 * parseNik('3271014107000001', { asOf: '2026-01-01' })
 * //=> { success: true, data: { districtCode: '32.71.01', birthDate: '2000-07-01', sex: 'female', serial: '0001', … } }
 */
export function parseNik(nik: unknown, options: ParseNikOptions = {}): ParseNikResult {
  const asOf = requireDateNumber(options.asOf ?? todayIso(), 'asOf');
  return parseNikAt(nik, asOf);
}

/**
 * The numbers of a NIK as {@link scanNik} reads them, without allocating strings: the hot path of
 * the coverage calculation, which reads a million NIKs per city.
 *
 * @internal
 */
export interface NikScan {
  /** First 8 digits (province, regency, district, day) as an integer. */
  hi: number;
  /** Last 8 digits (month, year, serial) as an integer. */
  lo: number;
  /** Birth date as `yyyymmdd`, century resolved. */
  birth: number;
  female: boolean;
}

/**
 * Reads a NIK into `out` and returns `true` when it is valid (the rules of {@link parseNik});
 * `false` otherwise, leaving `out` unspecified. {@link parseNikAt} gives the reasons.
 *
 * @internal
 */
export function scanNik(nik: unknown, asOf: number, out: NikScan): boolean {
  if (typeof nik !== 'string' || nik.length !== 16) return false;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 8; i++) {
    const c = nik.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    hi = hi * 10 + c;
  }
  for (let i = 8; i < 16; i++) {
    const c = nik.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    lo = lo * 10 + c;
  }
  const province = Math.floor(hi / 1000000);
  const regency = Math.floor(hi / 10000) % 100;
  const district = Math.floor(hi / 100) % 100;
  const rawDay = hi % 100;
  const month = Math.floor(lo / 1000000);
  const yy = Math.floor(lo / 10000) % 100;
  if (province < 11 || regency < 1 || district < 1 || lo % 10000 === 0) return false;
  const birth = resolveBirth(rawDay > 40 ? rawDay - 40 : rawDay, month, yy, asOf);
  if (birth === 0) return false;
  out.hi = hi;
  out.lo = lo;
  out.birth = birth;
  out.female = rawDay > 40;
  return true;
}

/**
 * The birth date as `yyyymmdd` for day, month and two-digit year: the latest year ending in `yy`
 * whose date is a real date on or before `asOf`; 0 when there is none. A 29 February may be real
 * only a century earlier (2100 is not a leap year; 2000 was).
 */
function resolveBirth(day: number, month: number, yy: number, asOf: number): number {
  const asOfYear = Math.floor(asOf / 10000);
  const latestYear = asOfYear - ((((asOfYear - yy) % 100) + 100) % 100);
  for (let year = latestYear; year >= latestYear - 100; year -= 100) {
    const candidate = year * 10000 + month * 100 + day;
    if (candidate <= asOf && isRealDate(year, month, day)) return candidate;
  }
  return 0;
}

/**
 * {@link parseNik} with the reference date already as a `yyyymmdd` number.
 *
 * @internal
 */
export function parseNikAt(nik: unknown, asOf: number): ParseNikResult {
  if (typeof nik !== 'string') {
    return fail({ path: [], code: 'invalid_type', message: `NIK must be a string of 16 digits, got ${typeof nik}` });
  }
  if (nik.length !== 16) {
    return fail({ path: [], code: 'invalid_length', message: `NIK must have 16 digits, got ${nik.length} characters` });
  }
  for (let i = 0; i < 16; i++) {
    const c = nik.charCodeAt(i);
    if (c < 48 || c > 57) {
      return fail({ path: [], code: 'invalid_characters', message: `NIK must contain digits only (position ${i + 1})` });
    }
  }
  const issues: NikIssue[] = [];
  const province = two(nik, 0);
  const rawDay = two(nik, 6);
  if (province < 11) issues.push({ path: [], code: 'invalid_province', message: 'province code (digits 1–2) is not 11–99' });
  if (two(nik, 2) < 1) issues.push({ path: [], code: 'invalid_regency', message: 'regency/city code 00 is not 01–99' });
  if (two(nik, 4) < 1) issues.push({ path: [], code: 'invalid_district', message: 'district code 00 is not 01–99' });
  const female = rawDay > 40;
  const birth = resolveBirth(female ? rawDay - 40 : rawDay, two(nik, 8), two(nik, 10), asOf);
  if (birth === 0) {
    issues.push({
      path: [],
      code: 'invalid_birth_date',
      message: 'birth date part (digits 7–12) is not a real date as DDMMYY (women: day + 40) on or before the reference date',
    });
  }
  const serial = nik.slice(12);
  if (serial === '0000') issues.push({ path: [], code: 'invalid_serial', message: 'serial number 0000 is not used (serials start at 0001)' });
  if (issues.length > 0) return { success: false, issues };
  return {
    success: true,
    data: {
      nik,
      provinceCode: nik.slice(0, 2),
      cityCode: `${nik.slice(0, 2)}.${nik.slice(2, 4)}`,
      districtCode: `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`,
      birthDate: formatDateNumber(birth),
      sex: female ? 'female' : 'male',
      serial,
    },
  };
}

/**
 * Whether `nik` is a valid NIK (see {@link parseNik} for the checks and their limits).
 *
 * @example
 * isValidNik('3271010101900001') //=> true
 * isValidNik('3271010000000000') //=> false
 */
export function isValidNik(nik: unknown, options: ParseNikOptions = {}): nik is string {
  return parseNik(nik, options).success;
}

/**
 * Zod schema of a NIK as a string field: 16 digits with a valid province, regency, district,
 * birth date and serial. Century-independent (a `DDMMYY` that is a real date in some century
 * passes); use {@link parseNik} for the birth date.
 */
export const nikSchema = z
  .string()
  .regex(/^\d{16}$/, 'NIK must be exactly 16 digits')
  .refine((v) => parseNikAt(v, 99991231).success, { message: 'NIK has an invalid region, birth date or serial' });

function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
}

function fail(issue: NikIssue): ParseNikResult {
  return { success: false, issues: [issue] };
}
