/**
 * A city's or regency's settings (`@cakupan/core`'s `RegionSettings`), one document per region;
 * core's `resolveRegionSettings` picks each field from the nearest region above a code. Every
 * change is in the audit log.
 */
import { lineageOf, type RegionSettings } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** A region's own settings as stored. */
export interface StoredRegionSettings {
  regionCode: string;
  settings: RegionSettings;
  updatedBy: string;
  updatedAt: string;
}

/** The stored settings of each region in the lineages of `codes` (dotted), by region code. */
export async function regionSettingsOf(db: Db, codes: readonly string[]): Promise<Map<string, StoredRegionSettings>> {
  const wanted = [...new Set(codes.flatMap((c) => lineageOf(c)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<StoredRegionSettings>(
    `select region_code as "regionCode", settings, updated_by as "updatedBy", updated_at::text as "updatedAt" from region_settings where region_code = any($1::text[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.regionCode, r]));
}

/** Sets (or, with `null`, removes) the own settings of `regionCode` (dotted); the audit log keeps the settings before. */
export async function setRegionSettings(db: Db, regionCode: string, settings: RegionSettings | null, by: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await tx.query<{ settings: RegionSettings }>('select settings from region_settings where region_code = $1 for update', [regionCode]);
    if (settings === null) await tx.query('delete from region_settings where region_code = $1', [regionCode]);
    else {
      await tx.query(
        `insert into region_settings (region_code, settings, updated_by) values ($1, $2, $3)
         on conflict (region_code) do update set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()`,
        [regionCode, JSON.stringify(settings), by],
      );
    }
    const fields = Object.keys({ ...before[0]?.settings, ...settings }).sort();
    await audit(tx, { actor: by, action: settings === null ? 'region-settings.remove' : 'region-settings.set', subject: regionCode, count: 1, detail: { fields } });
  });
}
