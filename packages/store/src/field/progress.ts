/**
 * The field work's progress in a region, per child region (a city's districts, a district's
 * villages, a village's RWs, an RW's RTs): stickers printed, in force, put up, not yet put up, and
 * revoked ones still on a wall with their replacement not yet up; employers visited by their last
 * visit's outcome, and follow-ups due by `today`.
 */
import { parseRegionCode, REGION_LEVELS, type RegionLevel, toDottedRegionCode } from '@cakupan/core';
import type { Db } from '../db/db.js';

/** One child region's progress. */
export interface FieldProgressRow {
  code: string;
  printed: number;
  inForce: number;
  installed: number;
  notInstalled: number;
  toReplace: number;
  visited: number;
  byOutcome: Record<string, number>;
  followUpsDue: number;
}

/** The sum of `rows`: a region's progress from its children's. */
export function fieldProgressTotal(rows: readonly FieldProgressRow[]): Omit<FieldProgressRow, 'code'> {
  const total = { printed: 0, inForce: 0, installed: 0, notInstalled: 0, toReplace: 0, visited: 0, byOutcome: {} as Record<string, number>, followUpsDue: 0 };
  for (const r of rows) {
    for (const k of ['printed', 'inForce', 'installed', 'notInstalled', 'toReplace', 'visited', 'followUpsDue'] as const) total[k] += r[k];
    for (const [o, n] of Object.entries(r.byOutcome)) total.byOutcome[o] = (total.byOutcome[o] ?? 0) + n;
  }
  return total;
}

const pad = (n: unknown) => String(Number(n)).padStart(3, '0');

/** The child of `level` a sticker or employer at (village, rw, rt) belongs to, or null when it says too little. */
function childOf(level: RegionLevel, village: string | null, rw: unknown, rt: unknown): string | null {
  if (!village) return null;
  const parsed = parseRegionCode(village);
  if (!parsed.success) return null;
  const v = parsed.data.code;
  if (level === 'city') return v.slice(0, 5);
  if (level === 'district') return v.slice(0, 8);
  if (level === 'village') return v;
  if (rw === null || rw === undefined || rw === '' || !Number.isFinite(Number(rw))) return null;
  if (level === 'rw') return `${v}.${pad(rw)}`;
  if (rt === null || rt === undefined || rt === '' || !Number.isFinite(Number(rt))) return null;
  return `${v}.${pad(rw)}.${pad(rt)}`;
}

/**
 * The progress of `region` (a province, city, district, village or RW; dotted) per child region,
 * children in code order (only those with a sticker or a visit).
 *
 * @example
 * await fieldProgress(db, '32.71.01', '2026-12-03') // one row per village of Bogor Selatan
 */
export async function fieldProgress(db: Db, region: string, today: string): Promise<{ level: RegionLevel; rows: FieldProgressRow[] }> {
  const code = toDottedRegionCode(region);
  const own = parseRegionCode(code);
  if (!own.success || own.data.level === 'rt') throw new RangeError(`${region}: a province, city, district, village or RW`);
  const level = REGION_LEVELS[REGION_LEVELS.indexOf(own.data.level) + 1]!;
  const village = code.split('.').slice(0, 4).join('.');
  const rwOf = own.data.level === 'rw' ? Number(code.split('.')[4]) : null;
  const where = own.data.level === 'village' ? 'village_code = $1' : own.data.level === 'rw' ? 'village_code = $1 and rw = $2' : `village_code like $1 || '.%'`;
  const params: unknown[] = own.data.level === 'rw' ? [village, rwOf] : [code];
  const stickers = await db.query<{ village_code: string; rw: number | null; rt: number | null; printed: number; in_force: number; installed: number; to_replace: number }>(
    `select village_code, rw, rt, count(*)::int as printed,
       (count(*) filter (where revoked_at is null))::int as in_force,
       (count(*) filter (where revoked_at is null and exists (select 1 from installations i where i.serial = s.serial)))::int as installed,
       (count(*) filter (where revoked_at is not null and exists (select 1 from installations i where i.serial = s.serial)
          and not exists (select 1 from stickers r join installations ri on ri.serial = r.serial
                          where r.kind = s.kind and r.subject_id = s.subject_id and r.serial > s.serial)))::int as to_replace
     from stickers s where ${where} group by village_code, rw, rt`,
    params,
  );
  // each employer's last visit, where the employer is
  const visits = await db.query<{ village_code: string | null; rw: string | null; rt: string | null; outcome: string; follow_up_on: string | null }>(
    `select e.village_code, e.rw, e.rt, v.outcome, v.follow_up_on::text as follow_up_on
     from (select distinct on (employer_id) employer_id, outcome, follow_up_on from employer_visits order by employer_id, id desc) v
     join employers e on e.id = v.employer_id`,
  );
  const rows = new Map<string, FieldProgressRow>();
  const row = (child: string) => {
    let r = rows.get(child);
    if (!r) rows.set(child, (r = { code: child, printed: 0, inForce: 0, installed: 0, notInstalled: 0, toReplace: 0, visited: 0, byOutcome: {}, followUpsDue: 0 }));
    return r;
  };
  for (const s of stickers) {
    const child = childOf(level, s.village_code, s.rw, s.rt);
    if (!child) continue;
    const r = row(child);
    r.printed += s.printed;
    r.inForce += s.in_force;
    r.installed += s.installed;
    r.notInstalled += s.in_force - s.installed;
    r.toReplace += s.to_replace;
  }
  for (const v of visits) {
    const child = childOf(level, v.village_code, v.rw, v.rt);
    if (!child || !(child === code || child.startsWith(`${code}.`))) continue;
    const r = row(child);
    r.visited++;
    r.byOutcome[v.outcome] = (r.byOutcome[v.outcome] ?? 0) + 1;
    if (v.follow_up_on !== null && v.follow_up_on <= today) r.followUpsDue++;
  }
  return { level, rows: [...rows.values()].sort((a, b) => (a.code < b.code ? -1 : 1)) };
}
