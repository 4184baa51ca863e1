/**
 * BPJS Ketenagakerjaan participants (peserta) and their accounts.
 *
 * Segments: **PU** (penerima upah, wage earners registered through an employer), **BPU** (bukan
 * penerima upah, informal and self-employed workers), **JAKON** (jasa konstruksi, construction
 * project workers) and **PMI** (pekerja migran Indonesia, migrant workers). Programs: JKK (work
 * accident), JKM (death), JHT (old-age savings), JP (pension), JKP (job loss).
 *
 * One person (one NIK) may hold several accounts — two employers, or PU and BPU at once. Coverage
 * counts persons, not accounts.
 */
import { z } from 'zod';
import { type CalendarDateInput, requireDateNumber } from '../date/calendarDate.js';
import { SEGMENTS, type Segment } from './segments.js';

export { SEGMENTS, type Segment } from './segments.js';
/** Zod schema of a {@link Segment} (case-insensitive on input). */
export const segmentSchema = z.preprocess((v) => parseSegment(v) ?? v, z.enum(SEGMENTS));

/** Social-security programs. */
export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'] as const;
/** A social-security program. */
export type Program = (typeof PROGRAMS)[number];

/**
 * The programs each segment takes part in. PU: JKK, JKM, JHT, JP and JKP; BPU: JKK, JKM, JHT
 * (no JP); JAKON: JKK, JKM; PMI: JKK, JKM, with JHT optional (listed here).
 */
export const SEGMENT_PROGRAMS: Readonly<Record<Segment, readonly Program[]>> = Object.freeze({
  PU: Object.freeze(['JKK', 'JKM', 'JHT', 'JP', 'JKP'] as const),
  BPU: Object.freeze(['JKK', 'JKM', 'JHT'] as const),
  JAKON: Object.freeze(['JKK', 'JKM'] as const),
  PMI: Object.freeze(['JKK', 'JKM', 'JHT'] as const),
});

/** Default precedence that picks a covered person's one primary segment: PU > JAKON > PMI > BPU. */
export const DEFAULT_SEGMENT_PRECEDENCE: readonly Segment[] = Object.freeze(['PU', 'JAKON', 'PMI', 'BPU'] as const);

/** Account statuses. Input also accepts the Indonesian `aktif` / `nonaktif` (any case). */
export const ACCOUNT_STATUSES = ['active', 'inactive'] as const;
/** An account status. */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

const STATUS_WORDS: Readonly<Record<string, AccountStatus>> = {
  active: 'active',
  aktif: 'active',
  inactive: 'inactive',
  nonaktif: 'inactive',
  'non-aktif': 'inactive',
  'non aktif': 'inactive',
  'tidak aktif': 'inactive',
  'non active': 'inactive',
  'non-active': 'inactive',
  'not active': 'inactive',
};

/**
 * Reads an account status: `active`/`aktif` or `inactive`/`nonaktif` (also `non-aktif`,
 * `tidak aktif`), ignoring case and surrounding spaces. Returns `undefined` for anything else.
 *
 * @example
 * parseAccountStatus('AKTIF') //=> 'active'
 * parseAccountStatus('NonAktif') //=> 'inactive'
 */
export function parseAccountStatus(value: unknown): AccountStatus | undefined {
  if (typeof value !== 'string') return undefined;
  return STATUS_WORDS[value.trim().toLowerCase()];
}

/** Zod schema of an account status, output `active` or `inactive`. */
export const accountStatusSchema = z.string().transform((v, ctx) => {
  const s = parseAccountStatus(v);
  if (s === undefined) {
    ctx.addIssue({ code: 'custom', message: 'status must be active/aktif or inactive/nonaktif' });
    return z.NEVER;
  }
  return s;
});

/**
 * BPJS Ketenagakerjaan's names of the segments, as its exports write them (Indonesian and English),
 * by their code. Lower case, single spaces.
 */
export const SEGMENT_NAMES: Readonly<Record<string, Segment>> = Object.freeze({
  pu: 'PU',
  'penerima upah': 'PU',
  'peserta penerima upah': 'PU',
  'wage earner': 'PU',
  'wage earners': 'PU',
  bpu: 'BPU',
  'bukan penerima upah': 'BPU',
  'peserta bukan penerima upah': 'BPU',
  'non-wage earner': 'BPU',
  'non-wage earners': 'BPU',
  'non wage earners': 'BPU',
  jakon: 'JAKON',
  jk: 'JAKON',
  'jasa konstruksi': 'JAKON',
  konstruksi: 'JAKON',
  construction: 'JAKON',
  'construction workers': 'JAKON',
  pmi: 'PMI',
  'pekerja migran indonesia': 'PMI',
  'pekerja migran': 'PMI',
  'migrant workers': 'PMI',
  'indonesian migrant workers': 'PMI',
});

/**
 * Reads a segment: its code (`PU`, `BPU`, `JAKON`, `PMI`) or BPJS's name for it in either language
 * ({@link SEGMENT_NAMES}: "Penerima Upah", "Bukan Penerima Upah", "Jasa Konstruksi", "Pekerja
 * Migran Indonesia", "Wage earners", …), ignoring case and extra spaces. Returns `undefined` when
 * unknown.
 *
 * @example
 * parseSegment('bpu') //=> 'BPU'
 * parseSegment('Bukan Penerima Upah') //=> 'BPU'
 */
export function parseSegment(value: unknown): Segment | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const code = v.toUpperCase();
  if ((SEGMENTS as readonly string[]).includes(code)) return code as Segment;
  return SEGMENT_NAMES[v.toLowerCase().replace(/\s+/g, ' ').replace(/\s*\(.*\)$/, '')];
}

/** The facts that decide whether an account is active on a date. */
export interface AccountActivity {
  status: AccountStatus | string;
  registeredOn?: CalendarDateInput | null | undefined;
  endedOn?: CalendarDateInput | null | undefined;
}

/**
 * Whether an account is active on `asOf`: its status is active, it was registered on or before
 * `asOf` (or no registration date is known), and it has not ended (an end date on or before
 * `asOf` means ended; an end date after it means still active on `asOf`).
 *
 * @throws {RangeError} when a date is not a real calendar date or the status is unknown
 * @example
 * isAccountActive({ status: 'aktif', registeredOn: '2017-01-01' }, '2017-12-31') //=> true
 * isAccountActive({ status: 'active', endedOn: '2017-12-31' }, '2017-12-31') //=> false
 */
export function isAccountActive(account: AccountActivity, asOf: CalendarDateInput): boolean {
  const status = parseAccountStatus(account.status);
  if (status === undefined) throw new RangeError(`unknown account status ${JSON.stringify(account.status)}`);
  const ref = requireDateNumber(asOf, 'asOf');
  const registered = account.registeredOn == null ? undefined : requireDateNumber(account.registeredOn, 'registeredOn');
  const ended = account.endedOn == null ? undefined : requireDateNumber(account.endedOn, 'endedOn');
  return activeAt(status, registered, ended, ref);
}

/** @internal the rule of {@link isAccountActive} on `yyyymmdd` numbers. */
export function activeAt(
  status: AccountStatus,
  registeredOn: number | undefined,
  endedOn: number | undefined,
  asOf: number,
): boolean {
  return status === 'active' && (registeredOn === undefined || registeredOn <= asOf) && (endedOn === undefined || endedOn > asOf);
}
