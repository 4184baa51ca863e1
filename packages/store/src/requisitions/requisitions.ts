/**
 * Sticker requisitions (*pengajuan kebutuhan stiker*): requested for a region (a village, RW or
 * RT) and a kind; approved — freezing the subjects and colours the caller computed from the store
 * — or declined with a reason, by someone other than who asked; printed in runs whose stickers
 * the register holds with the source `requisition <id>`. Every step is in the audit log.
 */
import { CakupanError, toDottedRegionCode } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

export type RequisitionStatus = 'requested' | 'approved' | 'declined';

/** A requisition as listed (without its frozen subjects). */
export interface Requisition {
  id: number;
  /** Dotted region code. */
  regionCode: string;
  kind: 'employer' | 'household';
  status: RequisitionStatus;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  declineReason: string | null;
  /** The frozen colours' counts (approved ones). */
  green: number | null;
  red: number | null;
  /** How many times its stickers were printed (a run after the first replaces the earlier stickers). */
  runs: number;
  lastRunAt: string | null;
  /** sha256 of the last run's PDF, hex, once it was sent whole. */
  pdfSha256: string | null;
}

/** Who may see a requisition: its region within `scope`; `approvedOnly` for a print shop. */
export interface RequisitionViewer {
  scope: string | null;
  approvedOnly: boolean;
}

const COLUMNS = `id::float8 as id, region_code as "regionCode", kind, status, note, requested_by as "requestedBy", requested_at::text as "requestedAt",
  decided_by as "decidedBy", decided_at::text as "decidedAt", decline_reason as "declineReason", green, red, runs, last_run_at::text as "lastRunAt", pdf_sha256 as "pdfSha256"`;

/** The viewer's condition, from parameter `$n` on. */
function visible(viewer: RequisitionViewer, n: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (viewer.scope !== null) {
    parts.push(`(region_code = $${n} or region_code like $${n + 1})`);
    params.push(viewer.scope, `${viewer.scope}.%`);
  }
  if (viewer.approvedOnly) parts.push(`status = 'approved'`);
  return { sql: parts.length ? ` and ${parts.join(' and ')}` : '', params };
}

/** Makes a requisition. */
export async function requestStickers(db: Db, r: { regionCode: string; kind: 'employer' | 'household'; note?: string | undefined; by: string }): Promise<Requisition> {
  return db.transaction(async (tx) => {
    const [made] = await tx.query<Requisition>(`insert into requisitions (region_code, kind, note, requested_by) values ($1, $2, $3, $4) returning ${COLUMNS}`, [
      toDottedRegionCode(r.regionCode),
      r.kind,
      r.note ?? null,
      r.by,
    ]);
    await audit(tx, { actor: r.by, action: 'requisition.request', subject: String(made!.id), count: null, detail: { region: made!.regionCode, kind: r.kind } });
    return made!;
  });
}

/** The requisitions `viewer` sees, newest first, optionally of one status. */
export function listRequisitions(db: Db, viewer: RequisitionViewer, options: { status?: RequisitionStatus | undefined; limit?: number } = {}): Promise<Requisition[]> {
  const v = visible(viewer, 3);
  return db.query<Requisition>(`select ${COLUMNS} from requisitions where ($1::text is null or status = $1) ${v.sql} order by id desc limit $2`, [options.status ?? null, options.limit ?? 200, ...v.params]);
}

/** One requisition `viewer` sees, or `undefined` (none, or not theirs to see: alike). */
export async function getRequisition(db: Db, id: number, viewer: RequisitionViewer): Promise<Requisition | undefined> {
  const v = visible(viewer, 2);
  return (await db.query<Requisition>(`select ${COLUMNS} from requisitions where id = $1 ${v.sql}`, [id, ...v.params]))[0];
}

/** An approved requisition's frozen subjects (as the sticker job takes them) and, for households, their ids. */
export async function frozenSubjects(db: Db, id: number): Promise<{ subjects: unknown[]; subjectIds: string[] | null } | undefined> {
  const [row] = await db.query<{ subjects: unknown[] | null; subject_ids: string[] | null }>(`select subjects, subject_ids from requisitions where id = $1 and status = 'approved'`, [id]);
  return row?.subjects ? { subjects: row.subjects, subjectIds: row.subject_ids } : undefined;
}

function refuse(message: string, path: string[] = ['id']): never {
  throw new CakupanError({ code: 'conflict', message, path });
}

/** A requisition is decided once, by someone other than who asked (locks its row until the decision is written). */
async function mayDecide(tx: Db, id: number, by: string): Promise<void> {
  const [before] = await tx.query<{ status: string; requested_by: string }>('select status, requested_by from requisitions where id = $1 for update', [id]);
  if (!before) refuse(`no requisition ${id}`);
  if (before.status !== 'requested') refuse(`requisition ${id} is ${before.status} already`);
  if (before.requested_by === by) refuse(`requisition ${id} was requested by ${by}: another officer decides it`);
}

/**
 * Approves: the subjects and colours given (computed from the store now) are frozen with it.
 *
 * @throws {CakupanError} `conflict` when it is not waiting for a decision, or `by` requested it
 */
export async function approveRequisition(db: Db, id: number, by: string, frozen: { subjects: unknown[]; subjectIds: string[] | null; green: number; red: number }): Promise<Requisition> {
  return db.transaction(async (tx) => {
    await mayDecide(tx, id, by);
    const [after] = await tx.query<Requisition>(
      `update requisitions set status = 'approved', decided_by = $2, decided_at = now(), subjects = $3, subject_ids = $4, green = $5, red = $6 where id = $1 returning ${COLUMNS}`,
      [id, by, JSON.stringify(frozen.subjects), frozen.subjectIds && JSON.stringify(frozen.subjectIds), frozen.green, frozen.red],
    );
    await audit(tx, { actor: by, action: 'requisition.approve', subject: String(id), count: frozen.subjects.length, detail: { green: frozen.green, red: frozen.red } });
    return after!;
  });
}

/**
 * Declines, with the reason the requester reads.
 *
 * @throws {CakupanError} `conflict` when it is not waiting for a decision, or `by` requested it
 */
export async function declineRequisition(db: Db, id: number, by: string, reason: string): Promise<Requisition> {
  return db.transaction(async (tx) => {
    await mayDecide(tx, id, by);
    const [after] = await tx.query<Requisition>(`update requisitions set status = 'declined', decided_by = $2, decided_at = now(), decline_reason = $3 where id = $1 returning ${COLUMNS}`, [
      id,
      by,
      reason,
    ]);
    await audit(tx, { actor: by, action: 'requisition.decline', subject: String(id), count: null, detail: { reason } });
    return after!;
  });
}

/** Back to waiting for a decision (the store changed since approval): its frozen subjects are dropped. */
export async function reopenRequisition(db: Db, id: number, why: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`update requisitions set status = 'requested', decided_by = null, decided_at = null, subjects = null, subject_ids = null, green = null, red = null where id = $1`, [id]);
    await audit(tx, { actor: 'cakupan', action: 'requisition.reopen', subject: String(id), count: null, detail: { why } });
  });
}

/** A print run started: counted and audited (its stickers are recorded by the sticker job). */
export async function startRun(db: Db, id: number, by: string, count: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ runs: number }>(`update requisitions set runs = runs + 1, last_run_at = now(), pdf_sha256 = null where id = $1 and status = 'approved' returning runs`, [id]);
    if (!row) refuse(`requisition ${id} is not approved`);
    await audit(tx, { actor: by, action: 'requisition.print', subject: String(id), count, detail: { run: row.runs } });
    return row.runs;
  });
}

/** The PDF of run `run` was sent whole: its checksum, for the job sheet (unless a later run began). */
export async function finishRun(db: Db, id: number, run: number, sha256: string): Promise<void> {
  await db.query('update requisitions set pdf_sha256 = $3 where id = $1 and runs = $2', [id, run, sha256]);
}

/** The source the register records a requisition's stickers with. */
export function requisitionSource(id: number): string {
  return `requisition ${id}`;
}

/** One line of a job sheet: a village / RW / RT's serial range and its colours. */
export interface JobSheetLine {
  villageCode: string | null;
  rw: number | null;
  rt: number | null;
  firstSerial: number;
  lastSerial: number;
  green: number;
  red: number;
}

/** The serial ranges of a requisition's stickers in force (the last run's), by village, RW and RT. */
export function jobSheetLines(db: Db, id: number): Promise<JobSheetLine[]> {
  return db.query<JobSheetLine>(
    `select village_code as "villageCode", rw, rt, min(serial)::float8 as "firstSerial", max(serial)::float8 as "lastSerial",
       (count(*) filter (where registered))::int as green, (count(*) filter (where not registered))::int as red
     from stickers where source = $1 and revoked_at is null group by village_code, rw, rt order by village_code, rw nulls first, rt nulls first`,
    [requisitionSource(id)],
  );
}
