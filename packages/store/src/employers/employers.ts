/**
 * Employers from the store: the field officers' worklist (the unregistered employers of a village
 * or RT, with their address) and compliance per region. Whether an employer is registered is
 * core's one sticker rule (`stickerStatus`: an 8-digit NPP and an active status).
 */
import { computeCompliance, isWithinRegion, type ComplianceReport, neighbourhoodCode, parseRegionCode, parseUnitNumber, type RegionLevel, regionName, stickerStatus, type StickerReason } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { pageSize } from '../db/pageSize.js';

/** An employer as the worklist shows it. */
export interface EmployerRow {
  id: string;
  name: string;
  /** Street address of the premises, as the city's export gives it. */
  address: string | null;
  villageCode: string;
  villageName: string | null;
  rw: number | null;
  rt: number | null;
  npp: string | null;
  status: string | null;
  registered: boolean;
  reason: StickerReason | 'invalid_record';
}

export interface ListEmployersOptions {
  /** A region code (province … RT): only employers with premises in it. */
  region?: string;
  /** `unregistered` (red sticker), `registered` (green) or `all` (default). */
  status?: 'registered' | 'unregistered' | 'all';
  /** Rows per page, 1–1000 (default 100). */
  limit?: number;
  /** The `next` of the page before: employers after this id. */
  after?: string;
}

/** Employers in id order, a page at a time; `next` is the cursor of the following page, if any. */
export async function listEmployers(db: Db, options: ListEmployersOptions = {}): Promise<{ employers: EmployerRow[]; next: string | null }> {
  const limit = pageSize(options.limit);
  const region = options.region ? parseRegionCode(options.region) : undefined;
  if (region && !region.success) throw new RangeError(`invalid region: ${region.issues[0]!.message}`);
  const out: EmployerRow[] = [];
  let after = options.after ?? '';
  // rows are filtered by core's rules here, so read on until the page is full
  for (;;) {
    const rows = await db.query<Record<string, string | null>>('select id, name, village_code, rw, rt, npp, status, address from employers where id > $1 order by id limit $2', [after, 1000]);
    for (const r of rows) {
      after = r.id!;
      const row = toRow(r);
      if (!row) continue;
      if (region?.success && !inRegion(row, region.data.code)) continue;
      if (options.status === 'unregistered' && row.registered) continue;
      if (options.status === 'registered' && !row.registered) continue;
      out.push(row);
      if (out.length === limit) return { employers: out, next: row.id };
    }
    if (rows.length < 1000) return { employers: out, next: null };
  }
}

/**
 * The stored employers among `ids`, by id (an id the store does not hold, or whose row core
 * rejects, is absent). For printing from the store: the facts a sticker says come from here.
 */
export async function employersByIds(db: Db, ids: readonly string[]): Promise<Map<string, EmployerRow>> {
  const found = new Map<string, EmployerRow>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await db.query<Record<string, string | null>>('select id, name, village_code, rw, rt, npp, status, address from employers where id = any($1::text[])', [ids.slice(i, i + 10_000)]);
    for (const r of rows) {
      const row = toRow(r);
      if (row) found.set(row.id, row);
    }
  }
  return found;
}

/** Compliance per region (core's `computeCompliance`) over every stored employer. */
export async function complianceFromStore(db: Db, levels?: readonly RegionLevel[]): Promise<ComplianceReport> {
  const employers = await db.query<Record<string, unknown>>('select id, name, village_code as "villageCode", rw, rt, npp, status, line as ref from employers order by id');
  for (const e of employers) for (const k of Object.keys(e)) if (e[k] === null) delete e[k];
  return computeCompliance({ employers, ...(levels && { levels }) });
}

function toRow(r: Record<string, string | null>): EmployerRow | undefined {
  const village = r.village_code ? parseRegionCode(r.village_code) : undefined;
  if (!village?.success || village.data.level !== 'village') return undefined; // compliance reports it as rejected
  let registered = false;
  let reason: EmployerRow['reason'];
  try {
    const s = stickerStatus({ kind: 'employer', npp: r.npp ?? undefined, status: r.status ?? undefined });
    registered = s.colour === 'green';
    reason = s.reason;
  } catch {
    reason = 'invalid_record';
  }
  const unit = (v: string | null | undefined) => parseUnitNumber(v) ?? null;
  return {
    id: r.id!,
    name: r.name ?? '',
    address: r.address ?? null,
    villageCode: village.data.code,
    villageName: regionName(village.data.code) ?? null,
    rw: unit(r.rw),
    rt: unit(r.rt),
    npp: r.npp ?? null,
    status: r.status ?? null,
    registered,
    reason,
  };
}

/** Whether the premises lie in the region `code` (any level, province to RT). */
function inRegion(row: EmployerRow, code: string): boolean {
  const at = row.rw === null ? row.villageCode : neighbourhoodCode(row.villageCode, row.rw, row.rt ?? undefined);
  return isWithinRegion(at, code);
}
