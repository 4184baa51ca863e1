/**
 * Stickers that no longer tell the truth: an employer sticker whose colour differs from what core's
 * `stickerStatus` says of the employer now is revoked ("status changed after printing"), so that a
 * lapsed employer's green sticker never verifies as registered.
 */
import { stickerStatus } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from './register.js';

/**
 * Revokes the employer stickers in force whose printed colour differs from the employer's status
 * now (of the employers `ids`, or of all). Returns the serials revoked.
 */
export async function revokeOutdatedEmployerStickers(db: Db, by: string | null, ids?: readonly string[]): Promise<number[]> {
  const rows = await db.query<{ serial: number; registered: boolean; npp: string | null; status: string | null }>(
    `select s.serial::float8 as serial, s.registered, e.npp, e.status from stickers s join employers e on e.id = s.subject_id
     where s.kind = 'employer' and s.revoked_at is null${ids ? ' and s.subject_id = any($1)' : ''}`,
    ids ? [ids] : [],
  );
  const outdated: { serial: number; reason: string }[] = [];
  for (const row of rows) {
    let now: ReturnType<typeof stickerStatus>;
    try {
      now = stickerStatus({ kind: 'employer', npp: row.npp ?? undefined, status: row.status ?? undefined });
    } catch {
      continue; // the stored record is one core cannot judge: the sticker stays as printed
    }
    if ((now.status === 'registered') !== row.registered) outdated.push({ serial: row.serial, reason: `status changed after printing: ${now.reason}` });
  }
  return revokeAll(db, outdated, by, 'status changed after printing');
}

/**
 * Revokes the household stickers in force (those printed from the store, with a household id)
 * whose colour differs from what core's `stickerStatus` says of the household's members counted on
 * `asOf`, or whose household is no longer in the register. Returns the serials revoked.
 */
export async function revokeOutdatedHouseholdStickers(
  db: Db,
  households: (region: { code: string; level: 'village' }, asOf: string) => Promise<{ id: string; eligible: number; covered: number }[]>,
  asOf: string,
  by: string | null,
): Promise<number[]> {
  const printed = await db.query<{ serial: number; subject_id: string; village_code: string; registered: boolean }>(
    "select serial::float8 as serial, subject_id, village_code, registered from stickers where kind = 'household' and revoked_at is null and subject_id is not null order by village_code",
  );
  const outdated: { serial: number; reason: string }[] = [];
  const byVillage = new Map<string, typeof printed>();
  for (const row of printed) byVillage.set(row.village_code, [...(byVillage.get(row.village_code) ?? []), row]);
  for (const [village, rows] of byVillage) {
    const now = new Map((await households({ code: village, level: 'village' }, asOf)).map((h) => [h.id, h]));
    for (const row of rows) {
      const household = now.get(row.subject_id);
      if (!household) {
        outdated.push({ serial: row.serial, reason: 'household no longer in the register' });
        continue;
      }
      const status = stickerStatus({ kind: 'household', eligible: household.eligible, covered: household.covered });
      if ((status.status === 'registered') !== row.registered) outdated.push({ serial: row.serial, reason: `coverage changed after printing: ${status.reason}` });
    }
  }
  return revokeAll(db, outdated, by, 'coverage changed after printing');
}

/** Revokes stickers in one transaction, with one audit line; returns their serials. */
async function revokeAll(db: Db, outdated: readonly { serial: number; reason: string }[], by: string | null, why: string): Promise<number[]> {
  if (outdated.length === 0) return [];
  await db.transaction(async (tx) => {
    for (const { serial, reason } of outdated) {
      await tx.query('update stickers set revoked_at = clock_timestamp(), revoked_reason = $2, revoked_by = $3 where serial = $1 and revoked_at is null', [serial, reason, by]);
    }
    await audit(tx, { actor: by, action: 'sticker.revoke', subject: why, count: outdated.length, detail: { serials: outdated.map((o) => o.serial) } });
  });
  return outdated.map((o) => o.serial);
}
