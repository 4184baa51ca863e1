/**
 * The field work: a sticker's installations and an employer's visits, kept as history (who, when,
 * where), never overwritten. A record sent again with the same phone id (`clientId`, by the same
 * officer) is applied once: an offline phone's retried sync changes nothing the second time.
 */
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** A sticker's installation as recorded. */
export interface Installation {
  id: number;
  serial: number;
  installedAt: string;
  recordedAt: string;
  recordedBy: string;
  location: { latitude: number; longitude: number; accuracyM: number | null } | null;
}

const INSTALLATION = `id::float8 as id, serial::float8 as serial, installed_at::text as "installedAt", recorded_at::text as "recordedAt", recorded_by as "recordedBy",
  case when latitude is null then null else json_build_object('latitude', latitude, 'longitude', longitude, 'accuracyM', accuracy_m) end as location`;

/** Records that sticker `serial` went up (the caller checked that the register holds it and the caller's scope does). */
export async function recordInstallation(
  db: Db,
  i: { serial: number; installedAt: string; by: string; location?: { latitude: number; longitude: number; accuracyM?: number | undefined } | undefined; clientId?: string | undefined },
): Promise<{ installation: Installation; repeated: boolean }> {
  return db.transaction(async (tx) => {
    if (i.clientId !== undefined) {
      const [earlier] = await tx.query<Installation>(`select ${INSTALLATION} from installations where recorded_by = $1 and client_id = $2`, [i.by, i.clientId]);
      if (earlier) return { installation: earlier, repeated: true };
    }
    const [made] = await tx.query<Installation>(
      `insert into installations (serial, installed_at, recorded_by, latitude, longitude, accuracy_m, client_id) values ($1, $2, $3, $4, $5, $6, $7) returning ${INSTALLATION}`,
      [i.serial, i.installedAt, i.by, i.location?.latitude ?? null, i.location?.longitude ?? null, i.location?.accuracyM ?? null, i.clientId ?? null],
    );
    await audit(tx, { actor: i.by, action: 'sticker.install', subject: String(i.serial), count: 1 });
    return { installation: made!, repeated: false };
  });
}

/** A sticker's installations, oldest first. */
export function installationsOf(db: Db, serial: number): Promise<Installation[]> {
  return db.query<Installation>(`select ${INSTALLATION} from installations where serial = $1 order by id`, [serial]);
}

/** The sticker that replaces a revoked one: the newest sticker in force for the same subject, if any. */
export async function replacementOf(db: Db, serial: number): Promise<number | null> {
  const [row] = await db.query<{ serial: number }>(
    `select s.serial::float8 as serial from stickers old join stickers s on s.kind = old.kind and s.subject_id = old.subject_id and s.serial > old.serial
     where old.serial = $1 and old.subject_id is not null and s.revoked_at is null order by s.serial desc limit 1`,
    [serial],
  );
  return row?.serial ?? null;
}

/** What a visit to an unregistered employer came to (`@cakupan/contract`'s VISIT_OUTCOMES; the table's check holds them too). */
export type VisitOutcome = string;

/** A visit as recorded. */
export interface Visit {
  id: number;
  employerId: string;
  outcome: VisitOutcome;
  followUpOn: string | null;
  visitedAt: string;
  recordedAt: string;
  recordedBy: string;
}

const VISIT = `id::float8 as id, employer_id as "employerId", outcome, follow_up_on::text as "followUpOn", visited_at::text as "visitedAt", recorded_at::text as "recordedAt", recorded_by as "recordedBy"`;

/** Records a visit to an employer (the caller checked that the store holds it in the caller's scope). */
export async function recordVisit(
  db: Db,
  v: { employerId: string; outcome: VisitOutcome; followUpOn?: string | undefined; visitedAt: string; by: string; clientId?: string | undefined },
): Promise<{ visit: Visit; repeated: boolean }> {
  return db.transaction(async (tx) => {
    if (v.clientId !== undefined) {
      const [earlier] = await tx.query<Visit>(`select ${VISIT} from employer_visits where recorded_by = $1 and client_id = $2`, [v.by, v.clientId]);
      if (earlier) return { visit: earlier, repeated: true };
    }
    const [made] = await tx.query<Visit>(
      `insert into employer_visits (employer_id, outcome, follow_up_on, visited_at, recorded_by, client_id) values ($1, $2, $3, $4, $5, $6) returning ${VISIT}`,
      [v.employerId, v.outcome, v.followUpOn ?? null, v.visitedAt, v.by, v.clientId ?? null],
    );
    await audit(tx, { actor: v.by, action: 'employer.visit', subject: v.employerId, count: 1, detail: { outcome: v.outcome } });
    return { visit: made!, repeated: false };
  });
}

/** An employer's visits, oldest first. */
export function visitsOf(db: Db, employerId: string): Promise<Visit[]> {
  return db.query<Visit>(`select ${VISIT} from employer_visits where employer_id = $1 order by id`, [employerId]);
}
