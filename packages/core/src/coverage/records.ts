/**
 * Input records of the coverage calculation: residents from the population register (Disdukcapil,
 * "data konsolidasi bersih") and participant accounts from BPJS Ketenagakerjaan.
 *
 * The zod schemas are the documented shape (and what the HTTP API validates with); the coverage
 * calculation checks the same rules with the plain functions below, which a benchmark showed to be
 * several times faster per record than a zod parse (see BENCHMARKS.md). A test keeps the two in
 * agreement.
 */
import { z } from 'zod';
import { type CalendarDateInput, toDateNumber } from '../date/calendarDate.js';
import { type NikScan, parseNikAt, scanNik, type Sex } from '../nik/nik.js';
import { parseRegionCode, parseUnitNumber } from '../region/region.js';
import { type AccountStatus, parseAccountStatus, parseSegment, type Segment } from '../participant/participant.js';
import type { Issue } from '../issue/issue.js';
import { isWorkingOccupation, parseOccupation } from '../occupation/occupation.js';

/** A caller's own reference for a record (a CSV line number, a row id), echoed in rejections. */
export const recordRefSchema = z.union([z.string(), z.number()]);

const calendarDateSchema = z.union([
  z.iso.date({ message: 'must be a real calendar date as YYYY-MM-DD' }),
  z.date(),
]).refine((v) => toDateNumber(v) !== undefined, { message: 'must be a real calendar date as YYYY-MM-DD' });

const SEX_WORDS: Readonly<Record<string, Sex>> = {
  male: 'male',
  m: 'male',
  l: 'male',
  'laki-laki': 'male',
  female: 'female',
  f: 'female',
  p: 'female',
  perempuan: 'female',
};

/**
 * Reads a sex: `male`/`female`, `L`/`P`, `LAKI-LAKI`/`PEREMPUAN`, `M`/`F` (any case).
 * Returns `undefined` for anything else.
 */
export function parseSex(value: unknown): Sex | undefined {
  return typeof value === 'string' ? SEX_WORDS[value.trim().toLowerCase()] : undefined;
}

/** A resident from the population register. */
export const residentRecordSchema = z.object({
  /** NIK, 16 digits. Personal data. */
  nik: z.string().regex(/^\d{16}$/, 'must be 16 digits'),
  /** Birth date from the register. When absent, the NIK's birth date is used. */
  birthDate: calendarDateSchema.optional(),
  /** Village (kelurahan/desa) of residence, dotted or not: `3271011001` or `32.71.01.1001`. */
  villageCode: z.string(),
  /** RW number, 1–999 (`3` or `"003"`). */
  rw: z.union([z.number(), z.string()]),
  /** RT number, 1–999. */
  rt: z.union([z.number(), z.string()]),
  sex: z.string().optional(),
  /** KK (family card number), 16 digits. Personal data; not used in figures. */
  familyNumber: z.string().optional(),
  /** Full name. Personal data: on delivery lists for officers only, never on a sticker. */
  name: z.string().optional(),
  /** Street address as the register writes it (`JL. PAHLAWAN NO. 12`). Personal data. */
  address: z.string().optional(),
  /** Place in the family (SIAK's `STAT_HBKEL`): `KEPALA KELUARGA` (head), `ISTRI`, `ANAK`, … or its code (`1` = head). */
  familyRole: z.string().optional(),
  /**
   * Occupation (SIAK's `JENIS_PKRJN`): its name (`KARYAWAN SWASTA`) or code (`15`); see
   * `OCCUPATIONS`. When given, the resident counts among workers 18+ or not (`isWorkingOccupation`).
   */
  occupation: z.union([z.string(), z.number()]).optional(),
  ref: recordRefSchema.optional(),
});
/** A resident record as given to {@link computeCoverage}. */
export type ResidentRecord = Omit<z.input<typeof residentRecordSchema>, 'birthDate'> & {
  birthDate?: CalendarDateInput | null | undefined;
};

/** A participant account from BPJS Ketenagakerjaan. */
export const participantRecordSchema = z.object({
  /** The participant's NIK, 16 digits. Personal data. */
  nik: z.string().regex(/^\d{16}$/, 'must be 16 digits'),
  /** `PU`, `BPU`, `JAKON` or `PMI` (any case). */
  segment: z.string(),
  /** `active`/`aktif` or `inactive`/`nonaktif` (any case). */
  status: z.string(),
  registeredOn: calendarDateSchema.optional().nullable(),
  endedOn: calendarDateSchema.optional().nullable(),
  /** KPJ, the participant card number (11 digits). */
  kpj: z.string().optional(),
  /** NPP of the employer for PU accounts (8 digits). */
  employerNpp: z.string().optional(),
  ref: recordRefSchema.optional(),
});
/** A participant account as given to {@link computeCoverage}. */
export type ParticipantRecord = Omit<z.input<typeof participantRecordSchema>, 'registeredOn' | 'endedOn'> & {
  registeredOn?: CalendarDateInput | null | undefined;
  endedOn?: CalendarDateInput | null | undefined;
};

/** Why a record was rejected. */
export type RejectionCode =
  | 'invalid_record'
  | 'invalid_nik'
  | 'invalid_birth_date'
  | 'born_after_reference_date'
  | 'invalid_village_code'
  | 'invalid_rw'
  | 'invalid_rt'
  | 'invalid_sex'
  | 'invalid_occupation'
  | 'duplicate_nik'
  | 'invalid_segment'
  | 'invalid_status'
  | 'invalid_registered_on'
  | 'invalid_ended_on'
  | 'ended_before_registered'
  | 'duplicate_kpj'
  | 'invalid_id'
  | 'invalid_name'
  | 'invalid_npp'
  | 'duplicate_id';

/** A record that was not used, and why. Never contains the record's personal data. */
export interface Rejection extends Issue<RejectionCode> {
  /** 0-based position of the record in the input given to this calculation. */
  readonly index: number;
  /** The record's own `ref` (e.g. its CSV line), when it had one. */
  readonly ref?: string | number;
  /** The field at fault (`record` for a record that is not an object); also the `path`. */
  readonly field: string;
}

/** A resident that passed validation. @internal */
export interface ValidResident {
  /** The NIK's first and last 8 digits. */
  hi: number;
  lo: number;
  birth: number;
  nikBirth: number;
  /** The register had no birth date; the NIK's was used. */
  birthFromNik: boolean;
  villageKey: string;
  rw: number;
  rt: number;
  /** {@link WORK}: whether the register's occupation counts as working, or none is recorded. */
  work: number;
}

/** A resident's work as their occupation says: not recorded, not working, working. @internal */
export const WORK = { unknown: 0, notWorking: 1, working: 2 } as const;

/** A participant account that passed validation. @internal */
export interface ValidAccount {
  hi: number;
  lo: number;
  segment: Segment;
  status: AccountStatus;
  registeredOn: number | undefined;
  endedOn: number | undefined;
}

type Problem = { field: string; code: RejectionCode; message: string };

/**
 * Checks a resident record against {@link residentRecordSchema}'s rules plus a valid NIK, a real
 * birth date not after `asOf`, a village-level code and RW/RT 1–999. `villageCodes` caches the
 * dotted village code of each raw code seen. Returns the normalised resident or the first problem.
 *
 * @internal
 */
export function checkResident(
  record: unknown,
  asOf: number,
  villageCodes: Map<string | number, string | null>,
  out: ValidResident,
): Problem | null {
  if (typeof record !== 'object' || record === null) {
    return { field: 'record', code: 'invalid_record', message: 'record must be an object' };
  }
  const r = record as Record<string, unknown>;
  if (!scanNik(r.nik, asOf, scan)) return nikProblem(r.nik, asOf);
  const { hi, lo, birth: nikBirth } = scan;
  let birth: number;
  const rawBirth = r.birthDate;
  if (rawBirth === undefined || rawBirth === null || rawBirth === '') {
    birth = nikBirth;
  } else {
    const b = typeof rawBirth === 'string' || rawBirth instanceof Date ? toDateNumber(rawBirth) : undefined;
    if (b === undefined) return { field: 'birthDate', code: 'invalid_birth_date', message: 'birthDate must be a real calendar date as YYYY-MM-DD' };
    if (b > asOf) return { field: 'birthDate', code: 'born_after_reference_date', message: 'birthDate is after the reference date' };
    birth = b;
  }
  const rawVillage = r.villageCode;
  if (typeof rawVillage !== 'string') return { field: 'villageCode', code: 'invalid_village_code', message: 'villageCode must be a string' };
  // cache by the code's digits as a number (hashing a number is cheaper than hashing each row's
  // fresh string); codes that are not 10 digits, dotted or not, are cached by their text
  const digits = villageDigits(rawVillage);
  const key: string | number = digits < 0 ? rawVillage : digits;
  let village = villageCodes.get(key);
  if (village === undefined) {
    const parsed = parseRegionCode(rawVillage);
    village = parsed.success && parsed.data.level === 'village' ? parsed.data.code : null;
    villageCodes.set(key, village);
  }
  if (village === null) {
    return { field: 'villageCode', code: 'invalid_village_code', message: 'villageCode must be a village code PP.KK.CC.DDDD (dots optional)' };
  }
  const rw = parseUnitNumber(r.rw);
  if (rw === undefined) return { field: 'rw', code: 'invalid_rw', message: 'rw must be an integer 1–999 (e.g. 3 or "003")' };
  const rt = parseUnitNumber(r.rt);
  if (rt === undefined) return { field: 'rt', code: 'invalid_rt', message: 'rt must be an integer 1–999 (e.g. 5 or "005")' };
  const sex = r.sex;
  if (sex !== undefined && sex !== null && sex !== '' && sex !== 'male' && sex !== 'female' && parseSex(sex) === undefined) {
    return { field: 'sex', code: 'invalid_sex', message: 'sex must be male/female, L/P or LAKI-LAKI/PEREMPUAN' };
  }
  const rawOccupation = r.occupation;
  let work: number = WORK.unknown;
  if (rawOccupation !== undefined && rawOccupation !== null && rawOccupation !== '') {
    const code = parseOccupation(rawOccupation);
    if (code === undefined) return { field: 'occupation', code: 'invalid_occupation', message: "occupation must be one of SIAK's 89 occupations, by name (KARYAWAN SWASTA) or code (15)" };
    work = isWorkingOccupation(code) ? WORK.working : WORK.notWorking;
  }
  out.hi = hi;
  out.lo = lo;
  out.birth = birth;
  out.nikBirth = nikBirth;
  out.birthFromNik = birth === nikBirth && (rawBirth == null || rawBirth === '');
  out.villageKey = village;
  out.rw = rw;
  out.rt = rt;
  out.work = work;
  return null;
}

/**
 * Checks a participant record: a valid NIK, a known segment and status, real dates and an end
 * date not before the registration date. Returns the normalised account or the first problem.
 *
 * @internal
 */
export function checkParticipant(record: unknown, asOf: number): ValidAccount | Problem {
  if (typeof record !== 'object' || record === null) {
    return { field: 'record', code: 'invalid_record', message: 'record must be an object' };
  }
  const r = record as Record<string, unknown>;
  if (!scanNik(r.nik, asOf, scan)) return nikProblem(r.nik, asOf);
  const { hi, lo } = scan;
  const segment = parseSegment(r.segment);
  if (segment === undefined) return { field: 'segment', code: 'invalid_segment', message: 'segment must be PU, BPU, JAKON or PMI' };
  const status = parseAccountStatus(r.status);
  if (status === undefined) return { field: 'status', code: 'invalid_status', message: 'status must be active/aktif or inactive/nonaktif' };
  const registeredOn = optionalDate(r.registeredOn);
  if (registeredOn === null) return { field: 'registeredOn', code: 'invalid_registered_on', message: 'registeredOn must be a real calendar date as YYYY-MM-DD' };
  const endedOn = optionalDate(r.endedOn);
  if (endedOn === null) return { field: 'endedOn', code: 'invalid_ended_on', message: 'endedOn must be a real calendar date as YYYY-MM-DD' };
  if (registeredOn !== undefined && endedOn !== undefined && endedOn < registeredOn) {
    return { field: 'endedOn', code: 'ended_before_registered', message: 'endedOn is before registeredOn' };
  }
  return { hi, lo, segment, status, registeredOn, endedOn };
}

/**
 * The 10 digits of `3271011001` or `32.71.01.1001` as a number (adding 1e10 for the dotted form,
 * so the two stay apart), or -1 for any other text.
 */
function villageDigits(code: string): number {
  const len = code.length;
  if (len !== 10 && len !== 13) return -1;
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = code.charCodeAt(i);
    if (len === 13 && (i === 2 || i === 5 || i === 8)) {
      if (c !== 46) return -1;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return len === 13 ? n + 1e10 : n;
}

/** Whether a check result is a problem. @internal */
export function isProblem(v: object): v is Problem {
  return 'code' in v;
}

function optionalDate(v: unknown): number | undefined | null {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && !(v instanceof Date)) return null;
  return toDateNumber(v) ?? null;
}

const scan: NikScan = { hi: 0, lo: 0, birth: 0, female: false };

function nikProblem(nik: unknown, asOf: number): Problem {
  const parsed = parseNikAt(nik, asOf);
  return { field: 'nik', code: 'invalid_nik', message: parsed.success ? 'invalid NIK' : parsed.issues[0]!.message };
}
