/**
 * Approved monthly reports: once a person with the role approves a month's report, its figures and
 * its PDF are kept as they were and served from here, whatever the store learns later. A
 * correction is a new revision with its reason; every revision stays readable.
 */
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** One approved revision, without its PDF and figures. */
export interface ApprovedReport {
  regionCode: string;
  month: string;
  revision: number;
  sha256: string;
  reason: string | null;
  approvedBy: string;
  approvedAt: string;
}

const COLUMNS = `region_code as "regionCode", month, revision, sha256, reason, approved_by as "approvedBy", approved_at::text as "approvedAt"`;

/** Why an approval was refused: the month is approved already (a correction needs a reason), or another revision was approved meanwhile. */
export class ReportApprovalConflict extends Error {
  constructor(
    message: string,
    readonly latest: ApprovedReport | undefined,
  ) {
    super(message);
    this.name = 'ReportApprovalConflict';
  }
}

/**
 * Approves `month`'s report of `regionCode`: the first revision, or — with a `reason` — a
 * correction of the latest. `expectedRevision` is the latest revision the approver saw (0: none),
 * so that two officers approving at once do not both succeed.
 *
 * @throws {ReportApprovalConflict}
 */
export async function approveReport(
  db: Db,
  a: { regionCode: string; month: string; figures: unknown; pdf: Uint8Array; sha256: string; reason: string | null; expectedRevision: number; by: string },
): Promise<ApprovedReport> {
  return db.transaction(async (tx) => {
    // one approval of a region's month at a time
    await tx.query(`select pg_advisory_xact_lock(hashtext('monthly_reports'), hashtext($1))`, [`${a.regionCode} ${a.month}`]);
    const [latest] = await tx.query<ApprovedReport>(`select ${COLUMNS} from monthly_reports where region_code = $1 and month = $2 order by revision desc limit 1`, [a.regionCode, a.month]);
    const current = latest?.revision ?? 0;
    if (current !== a.expectedRevision) throw new ReportApprovalConflict(`revision ${current} of ${a.month} is the latest now, not ${a.expectedRevision}: read it before approving`, latest);
    if (latest && !a.reason) throw new ReportApprovalConflict(`${a.month} is approved already (revision ${current}): a correction needs a reason`, latest);
    const [row] = await tx.query<ApprovedReport>(
      `insert into monthly_reports (region_code, month, revision, figures, pdf, sha256, reason, approved_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${COLUMNS}`,
      [a.regionCode, a.month, current + 1, JSON.stringify(a.figures), a.pdf, a.sha256, a.reason, a.by],
    );
    await audit(tx, { actor: a.by, action: current === 0 ? 'report.approve' : 'report.revise', subject: `${a.regionCode} ${a.month}`, count: current + 1, detail: { sha256: a.sha256, reason: a.reason } });
    return row!;
  });
}

/** The approved revisions of a region's reports, newest month and revision first; with `month`, that month's. */
export async function approvedReports(db: Db, regionCode: string, month?: string): Promise<ApprovedReport[]> {
  return db.query<ApprovedReport>(
    `select ${COLUMNS} from monthly_reports where region_code = $1 and ($2::text is null or month = $2) order by month desc, revision desc`,
    [regionCode, month ?? null],
  );
}

/** One approved revision with its PDF and figures (the latest when `revision` is absent). */
export async function approvedReport(db: Db, regionCode: string, month: string, revision?: number): Promise<(ApprovedReport & { pdf: Uint8Array; figures: unknown }) | undefined> {
  const [row] = await db.query<ApprovedReport & { pdf: Uint8Array; figures: unknown }>(
    `select ${COLUMNS}, pdf, figures from monthly_reports where region_code = $1 and month = $2 and ($3::int is null or revision = $3) order by revision desc limit 1`,
    [regionCode, month, revision ?? null],
  );
  return row;
}
