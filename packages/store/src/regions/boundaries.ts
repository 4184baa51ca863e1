/**
 * The boundaries of a region's villages (a GeoJSON FeatureCollection, already checked and
 * simplified by the caller), every upload kept: the newest of a region is in force; putting an
 * older one back makes a new upload of it, so the history only grows.
 */
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** One upload's record, without the file. */
export interface BoundaryVersion {
  id: number;
  regionCode: string;
  attribution: string;
  features: number;
  sourceSha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

const COLUMNS = `id::float8 as id, region_code as "regionCode", attribution, features, source_sha256 as "sourceSha256", uploaded_by as "uploadedBy", uploaded_at::text as "uploadedAt"`;

/** Keeps an upload of `regionCode`'s boundaries, in force from now. */
export async function addBoundaries(db: Db, b: { regionCode: string; geojson: string; attribution: string; features: number; sourceSha256: string; by: string }): Promise<BoundaryVersion> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<BoundaryVersion>(
      `insert into region_boundaries (region_code, geojson, attribution, features, source_sha256, uploaded_by) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
      [b.regionCode, b.geojson, b.attribution, b.features, b.sourceSha256, b.by],
    );
    await audit(tx, { actor: b.by, action: 'boundaries.upload', subject: b.regionCode, count: b.features, detail: { version: row!.id, sha256: b.sourceSha256 } });
    return row!;
  });
}

/**
 * The boundaries in force that cover `code` (dotted, any level): those of the region itself or
 * the nearest region above it that has some (a district's map is cut from its city's file by the caller).
 */
export async function boundariesFor(db: Db, lineage: readonly string[]): Promise<(BoundaryVersion & { geojson: string }) | undefined> {
  const rows = await db.query<BoundaryVersion & { geojson: string }>(
    `select distinct on (region_code) ${COLUMNS}, geojson from region_boundaries where region_code = any($1::text[]) order by region_code, id desc`,
    [lineage],
  );
  const byCode = new Map(rows.map((r) => [r.regionCode, r]));
  const nearest = [...lineage].reverse().find((c) => byCode.has(c));
  return nearest ? byCode.get(nearest) : undefined;
}

/** Every upload of `regionCode`'s boundaries, newest first. */
export async function boundaryVersions(db: Db, regionCode: string): Promise<BoundaryVersion[]> {
  return db.query<BoundaryVersion>(`select ${COLUMNS} from region_boundaries where region_code = $1 order by id desc`, [regionCode]);
}

/** Puts an earlier upload back in force (as a new upload of the same file); `undefined` when `regionCode` has no upload `id`. */
export async function restoreBoundaries(db: Db, regionCode: string, id: number, by: string): Promise<BoundaryVersion | undefined> {
  const [old] = await db.query<{ geojson: string; attribution: string; features: number; sourceSha256: string }>(
    `select geojson, attribution, features, source_sha256 as "sourceSha256" from region_boundaries where region_code = $1 and id = $2`,
    [regionCode, id],
  );
  if (!old) return undefined;
  return addBoundaries(db, { regionCode, ...old, by });
}
