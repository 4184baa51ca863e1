/**
 * Employer (pemberi kerja) compliance: how many employers in a region are registered with
 * BPJS Ketenagakerjaan.
 */
import { z } from 'zod';
import { parseAccountStatus } from '../participant/participant.js';
import { pad3, REGION_LEVELS, type RegionLevel, parseRegionCode, parseUnitNumber, regionName } from '../region/region.js';
import { parseLevels } from '../coverage/policy.js';
import { rejection, requireIterable } from '../coverage/rejection.js';
import { type RecordCounts, sortedByCode } from '../coverage/report.js';
import type { Rejection } from '../coverage/records.js';
import { nppSchema, stickerStatus } from '../sticker/stickerStatus.js';

/** An employer record. */
export const employerRecordSchema = z.object({
  /** The employer's own identifier, usually its NIB (business identity number, 13 digits). */
  id: z.string().min(1),
  name: z.string().min(1),
  /** Village of the premises, dotted or not. */
  villageCode: z.string(),
  rw: z.union([z.number(), z.string()]).optional().nullable(),
  rt: z.union([z.number(), z.string()]).optional().nullable(),
  /** NPP (8 digits); absent when not registered. */
  npp: z.string().optional().nullable(),
  /** `active`/`aktif` or `inactive`/`nonaktif`. */
  status: z.string().optional().nullable(),
  /** Street address of the premises, for the officers who deliver its sticker. */
  address: z.string().optional().nullable(),
  ref: z.union([z.string(), z.number()]).optional(),
});
/** An employer record as given to {@link computeCompliance}. */
export type EmployerRecord = z.input<typeof employerRecordSchema>;

/** Compliance of one region. */
export interface RegionCompliance {
  readonly level: RegionLevel;
  readonly code: string;
  readonly name: string | null;
  readonly parentCode: string | null;
  /** Employers with premises in the region. */
  readonly employers: number;
  /** Of them, registered (an NPP and active status; the sticker rule). */
  readonly registered: number;
  /** `registered / employers`, `null` when there are none. */
  readonly ratio: number | null;
}

/** Result of {@link computeCompliance}. */
export interface ComplianceReport {
  readonly levels: readonly RegionLevel[];
  readonly totals: { employers: number; registered: number; ratio: number | null };
  /** One row per region at each requested level, in code order. An employer without RW is counted up to its village, without RT up to its RW. */
  readonly regions: readonly RegionCompliance[];
  readonly records: RecordCounts;
  readonly rejected: readonly Rejection[];
}

/** Options of {@link computeCompliance}. */
export interface ComputeComplianceOptions {
  employers: Iterable<unknown>;
  /** Default: all six levels. */
  levels?: readonly RegionLevel[];
}

/**
 * Employer compliance per region: employers, registered employers and their ratio.
 *
 * Registered means what a green sticker means (see `stickerStatus`): an 8-digit NPP and an active
 * status. Records with an invalid village code, RW/RT, NPP or status, or without id or name, are
 * rejected with index, field and reason; of several records with the same `id` the first valid
 * one is used.
 *
 * @throws {RangeError} for unknown levels; {@link TypeError} when `employers` is not iterable
 * @example
 * computeCompliance({ employers: [{ id: '9120001234567', name: 'CV Maju Jaya', villageCode: '3271011001', npp: '15070955', status: 'aktif' }], levels: ['village'] })
 *   .regions[0] // { code: '32.71.01.1001', employers: 1, registered: 1, ratio: 1, … }
 */
export function computeCompliance(options: ComputeComplianceOptions): ComplianceReport {
  const levels = parseLevels(options.levels);
  requireIterable(options.employers, 'employers');
  const wanted = new Set(levels);
  const rows = new Map<string, { level: RegionLevel; parentCode: string | null; employers: number; registered: number }>();
  const seen = new Set<string>();
  const rejected: Rejection[] = [];
  let read = 0;
  let employers = 0;
  let registered = 0;
  for (const record of options.employers) {
    const index = read++;
    const reject = (field: string, code: Rejection['code'], message: string) => rejected.push(rejection(index, record, { field, code, message }));
    if (typeof record !== 'object' || record === null) {
      reject('record', 'invalid_record', 'record must be an object');
      continue;
    }
    const e = record as Record<string, unknown>;
    if (typeof e.id !== 'string' || e.id.trim() === '') {
      reject('id', 'invalid_id', 'id must be a non-empty string');
      continue;
    }
    if (typeof e.name !== 'string' || e.name.trim() === '') {
      reject('name', 'invalid_name', 'name must be a non-empty string');
      continue;
    }
    const village = typeof e.villageCode === 'string' ? parseRegionCode(e.villageCode) : undefined;
    if (!village?.success || village.data.level !== 'village') {
      reject('villageCode', 'invalid_village_code', 'villageCode must be a village code PP.KK.CC.DDDD (dots optional)');
      continue;
    }
    const rw = e.rw == null || e.rw === '' ? undefined : parseUnitNumber(e.rw);
    if (rw === undefined && !(e.rw == null || e.rw === '')) {
      reject('rw', 'invalid_rw', 'rw must be an integer 1–999');
      continue;
    }
    const rt = e.rt == null || e.rt === '' ? undefined : parseUnitNumber(e.rt);
    if (rt === undefined && !(e.rt == null || e.rt === '')) {
      reject('rt', 'invalid_rt', 'rt must be an integer 1–999');
      continue;
    }
    if (rt !== undefined && rw === undefined) {
      reject('rw', 'invalid_rw', 'an RT needs its RW');
      continue;
    }
    const npp = e.npp == null || e.npp === '' ? undefined : e.npp;
    if (npp !== undefined && !nppSchema.safeParse(npp).success) {
      reject('npp', 'invalid_npp', 'npp must be 8 digits');
      continue;
    }
    const status = e.status == null || e.status === '' ? undefined : e.status;
    if (status !== undefined && parseAccountStatus(status) === undefined) {
      reject('status', 'invalid_status', 'status must be active/aktif or inactive/nonaktif');
      continue;
    }
    if (seen.has(e.id)) {
      reject('id', 'duplicate_id', 'an earlier valid employer has the same id');
      continue;
    }
    seen.add(e.id);
    const isRegistered = stickerStatus({ kind: 'employer', npp: npp as string | undefined, status: status as string | undefined }).colour === 'green';
    employers++;
    if (isRegistered) registered++;
    const chain = [...village.data.ancestors, village.data.code];
    if (rw !== undefined) chain.push(`${village.data.code}.${pad3(rw)}`);
    if (rt !== undefined) chain.push(`${chain[4]}.${pad3(rt)}`);
    chain.forEach((code, depth) => {
      const level = REGION_LEVELS[depth]!;
      if (!wanted.has(level)) return;
      let row = rows.get(code);
      if (row === undefined) rows.set(code, (row = { level, parentCode: depth === 0 ? null : chain[depth - 1]!, employers: 0, registered: 0 }));
      row.employers++;
      if (isRegistered) row.registered++;
    });
  }
  return {
    levels,
    totals: { employers, registered, ratio: employers === 0 ? null : registered / employers },
    regions: sortedByCode(rows).map(([code, r]) => ({
        level: r.level,
        code,
        name: r.level === 'rw' || r.level === 'rt' ? null : (regionName(code) ?? null),
        parentCode: r.parentCode,
        employers: r.employers,
        registered: r.registered,
        ratio: r.employers === 0 ? null : r.registered / r.employers,
      })),
    records: { read, used: employers, rejected: rejected.length },
    rejected,
  };
}
