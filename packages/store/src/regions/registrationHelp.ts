/**
 * How to register, per region (`@cakupan/core`'s `RegistrationHelp`): a region's own, or the
 * nearest one above it — a village takes its district's, city's or province's. Every change is in
 * the audit log.
 */
import { lineageOf, type RegistrationHelp } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** The help in force for a region, and the region it was set for. */
export interface RegionRegistrationHelp {
  regionCode: string;
  help: RegistrationHelp;
  updatedBy: string;
  updatedAt: string;
}

/** The help in force for each of `codes` (dotted): its own or the nearest above it; absent where none is set. */
export async function registrationHelpOf(db: Db, codes: readonly string[]): Promise<Map<string, RegionRegistrationHelp>> {
  const lineages = new Map(codes.map((c) => [c, lineageOf(c)]));
  const wanted = [...new Set([...lineages.values()].flat())];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<RegionRegistrationHelp>(
    `select region_code as "regionCode", help, updated_by as "updatedBy", updated_at::text as "updatedAt" from registration_help where region_code = any($1::text[])`,
    [wanted],
  );
  const byCode = new Map(rows.map((r) => [r.regionCode, r]));
  const found = new Map<string, RegionRegistrationHelp>();
  for (const [code, lineage] of lineages) {
    const nearest = [...lineage].reverse().find((c) => byCode.has(c));
    if (nearest) found.set(code, byCode.get(nearest)!);
  }
  return found;
}

/** Sets (or, with `null`, removes) the help of `regionCode` (dotted). */
export async function setRegistrationHelp(db: Db, regionCode: string, help: RegistrationHelp | null, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (help === null) await tx.query('delete from registration_help where region_code = $1', [regionCode]);
    else {
      await tx.query(
        `insert into registration_help (region_code, help, updated_by) values ($1, $2, $3)
         on conflict (region_code) do update set help = excluded.help, updated_by = excluded.updated_by, updated_at = now()`,
        [regionCode, JSON.stringify(help), by],
      );
    }
    await audit(tx, { actor: by, action: help === null ? 'registration-help.remove' : 'registration-help.set', subject: regionCode, count: 1 });
  });
}
