/**
 * The issued-sticker register: serials from the database's `sticker_serials` sequence, every
 * printed sticker recorded with what it said, revocation, and the list offline verifiers use.
 */
import { parseRegionCode, toDottedRegionCode } from '@cakupan/core';
import { copyCell } from '../db/copyCell.js';
import type { Db, DbStep } from '../db/db.js';
import { pageSize } from '../db/pageSize.js';

/** Serials one `nextval` of the sequence hands to a process (the sequence's increment). */
export const SERIAL_BLOCK = 64;

/** A sticker as printed. */
export interface PrintedSticker {
  serial: number;
  kind: 'employer' | 'household';
  /** An employer's id; a household's id from the store (never its KK), none for a household sent by hand. */
  subjectId: string | null;
  label: string;
  /** Village code, dotted or not; RW and RT when known. */
  villageCode: string | null;
  rw: number | null;
  rt: number | null;
  registered: boolean;
  reason: string;
  issuedOn: string;
  validUntil: string;
  keyId: string;
  source: string;
  /** Where its facts (NPP and status, members and accounts) came from: the store, or the request (an administrator's stand-alone print). */
  facts: 'store' | 'request';
}

/** A sticker as the register holds it. */
export interface StickerRecord extends Omit<PrintedSticker, 'facts'> {
  /** Null for a sticker printed before the register recorded it. */
  facts: PrintedSticker['facts'] | null;
  printedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  revokedBy: string | null;
}

const SELECT = `select serial::float8 as serial, kind, subject_id as "subjectId", label, village_code as "villageCode", rw, rt, registered, reason,
  issued_on::text as "issuedOn", valid_until::text as "validUntil", key_id as "keyId", source, facts, printed_at::text as "printedAt",
  revoked_at::text as "revokedAt", revoked_reason as "revokedReason", revoked_by as "revokedBy" from stickers`;

/** The first of a block of {@link SERIAL_BLOCK} serials no other caller receives. */
export async function reserveSerialBlock(db: Db): Promise<number> {
  const [row] = await db.query<{ first: number }>("select nextval('sticker_serials')::float8 as first");
  return row!.first;
}

/** Makes the sequence hand out only serials above `serial` (serials issued before the register). */
export async function serialsAbove(db: Db, serial: number): Promise<void> {
  // a sequence not yet used has last_value = its start without having handed it out (is_called false)
  await db.query(
    `select setval('sticker_serials', $1::bigint)
     where $1::bigint > (select case when is_called then last_value else last_value - 1 end from sticker_serials)`,
    [serial],
  );
}

/**
 * Records printed stickers (by COPY) and revokes, as replaced, the stickers of the same subjects
 * printed before this job (serials below `jobFirstSerial`, the job's first): an employer by its id,
 * a household by its id or, printed by hand, its label, village, RW and RT. One transaction.
 */
export async function recordStickers(db: Db, stickers: readonly PrintedSticker[], jobFirstSerial = stickers[0]?.serial ?? 0): Promise<void> {
  if (stickers.length === 0) return;
  const csv = stickers
    .map((s) =>
      [s.serial, s.kind, s.subjectId, s.label, s.villageCode && toDottedRegionCode(s.villageCode), s.rw, s.rt, s.registered, s.reason, s.issuedOn, s.validUntil, s.keyId, s.source, s.facts]
        .map(copyCell)
        .join(','),
    )
    .join('\n');
  // One statement per way a subject is known, each on its index (an OR of them scanned the
  // register). The new stickers are found by their serials (a job's batches take serials from
  // blocks that other processes' blocks may fall between, so not by a range); each then looks up
  // its subject's earlier stickers on the index — LATERAL, and `offset 0` so that the planner
  // keeps both as written: an embedded store has no statistics on the register, and the planner
  // otherwise ran the join the other way round, over every earlier sticker for each new one
  // (2.6 s a batch at 5,000 stickers).
  const params = [stickers.map((s) => s.serial), jobFirstSerial];
  const replace = (newStickers: string, earlier: string): DbStep => ({
    sql: `update stickers old set revoked_at = clock_timestamp(), revoked_reason = 'replaced by serial ' || r.serial, revoked_by = r.source
         from (select new.serial, new.source, earlier.serial as old_serial
               from (select * from stickers where serial = any($1::bigint[]) offset 0) new
               cross join lateral (select o.serial from stickers o where ${earlier} and o.serial < $2 and o.revoked_at is null offset 0) earlier
               where ${newStickers}) r
         where old.serial = r.old_serial`,
    params,
  });
  const steps: DbStep[] = [
    { copyCsv: { table: 'stickers', columns: ['serial', 'kind', 'subject_id', 'label', 'village_code', 'rw', 'rt', 'registered', 'reason', 'issued_on', 'valid_until', 'key_id', 'source', 'facts'], csv: `${csv}\n` } },
  ];
  if (stickers.some((s) => s.subjectId !== null)) {
    steps.push(replace('new.subject_id is not null', 'o.kind = new.kind and o.subject_id = new.subject_id'));
  }
  if (stickers.some((s) => s.kind === 'household' && s.subjectId === null)) {
    steps.push(
      replace(
        `new.kind = 'household' and new.subject_id is null`,
        `o.kind = 'household' and o.subject_id is null and o.village_code = new.village_code and o.label = new.label
         and coalesce(o.rw, -1) = coalesce(new.rw, -1) and coalesce(o.rt, -1) = coalesce(new.rt, -1)`,
      ),
    );
  }
  // statements that need nothing from each other: the embedded database runs them in one request
  await db.atomically(steps);
}

/** One sticker of the register, or `undefined`. */
export async function stickerRecord(db: Db, serial: number): Promise<StickerRecord | undefined> {
  return (await db.query<StickerRecord>(`${SELECT} where serial = $1`, [serial]))[0];
}

/**
 * Stickers in serial order, a page at a time, of a region (a village, RW or RT code, or a
 * district, city or province by its code's prefix).
 *
 * @throws {RangeError} for a region code that is not one
 */
export async function listStickers(db: Db, options: { region?: string; after?: number; limit?: number } = {}): Promise<{ stickers: StickerRecord[]; next: number | null }> {
  const limit = pageSize(options.limit);
  const where = ['serial > $1'];
  const params: unknown[] = [options.after ?? 0];
  if (options.region !== undefined) {
    const region = parseRegionCode(options.region);
    if (!region.success) throw new RangeError(`invalid region: ${region.issues[0]!.message}`);
    const { code, level } = region.data;
    const [province, city, district, village, rw, rt] = code.split('.');
    if (level === 'rw' || level === 'rt') {
      params.push([province, city, district, village].join('.'), Number(rw));
      where.push(`village_code = $2 and rw = $3`);
      if (level === 'rt') {
        params.push(Number(rt));
        where.push('rt = $4');
      }
    } else if (level === 'village') {
      params.push(code);
      where.push('village_code = $2');
    } else {
      params.push(`${code}.%`);
      where.push('village_code like $2');
    }
  }
  params.push(limit + 1);
  const rows = await db.query<StickerRecord>(`${SELECT} where ${where.join(' and ')} order by serial limit $${params.length}`, params);
  const more = rows.length > limit;
  const stickers = more ? rows.slice(0, limit) : rows;
  return { stickers, next: more ? stickers[stickers.length - 1]!.serial : null };
}

/**
 * Revokes a sticker (once: a revoked sticker keeps its first revocation). `reason` is public (the
 * verification page shows it); `note`, an officer's own words, goes to the audit log only.
 *
 * @returns the sticker as now recorded, or `undefined` for a serial the register does not hold
 */
export async function revokeSticker(db: Db, serial: number, reason: string, by: string | null, note?: string): Promise<StickerRecord | undefined> {
  return db.transaction(async (tx) => {
    const changed = await tx.query(
      'update stickers set revoked_at = clock_timestamp(), revoked_reason = $2, revoked_by = $3 where serial = $1 and revoked_at is null returning serial',
      [serial, reason, by],
    );
    if (changed.length > 0) await audit(tx, { actor: by, action: 'sticker.revoke', subject: String(serial), count: 1, detail: { reason, ...(note !== undefined && { note }) } });
    return (await tx.query<StickerRecord>(`${SELECT} where serial = $1`, [serial]))[0];
  });
}

/** A sticker's revocation: when (a timestamp) and why. */
export interface Revocation {
  revokedAt: string;
  reason: string;
}

/** What the register says of a scanned sticker beyond its signature: its revocation, and where its facts came from. */
export interface RegisterWord {
  /** Absent: not revoked. */
  revocation?: Revocation;
  /** `request`: printed from the request's own data (an administrator's stand-alone print); null before this was recorded. */
  facts: StickerRecord['facts'];
}

/**
 * What the register says of `serials` (at most {@link MAX_REVOCATION_LOOKUP}), by serial: one
 * query for many verifications at once. A serial missing from the answer is not revoked and was
 * printed from the store (or is not held).
 *
 * @throws {RangeError} for more serials than that
 */
export async function revocationsOf(db: Db, serials: readonly number[]): Promise<Map<number, RegisterWord>> {
  if (serials.length > MAX_REVOCATION_LOOKUP) throw new RangeError(`at most ${MAX_REVOCATION_LOOKUP} serials in one lookup, not ${serials.length}`);
  if (serials.length === 0) return new Map();
  const rows = await db.query<{ serial: number; revokedAt: string | null; reason: string | null; facts: StickerRecord['facts'] }>(
    `select serial::float8 as serial, revoked_at::text as "revokedAt", revoked_reason as reason, facts from stickers
      where serial = any($1::bigint[]) and (revoked_at is not null or facts = 'request')`,
    [serials.map(String)],
  );
  return new Map(rows.map((r) => [r.serial, { ...(r.revokedAt !== null && { revocation: { revokedAt: r.revokedAt, reason: r.reason ?? '' } }), facts: r.facts }]));
}

/** The most serials {@link revocationsOf} looks up at once. */
export const MAX_REVOCATION_LOOKUP = 1000;

/** The revoked serials, oldest revocation first, and how many (a counter that only grows). */
export async function revokedSerials(db: Db): Promise<{ serials: number[]; count: number }> {
  const rows = await db.query<{ serial: number }>('select serial::float8 as serial from stickers where revoked_at is not null order by revoked_at, serial');
  return { serials: rows.map((r) => r.serial), count: rows.length };
}

/** Writes one line of the audit log. */
export async function audit(db: Db, entry: { actor: string | null; action: string; subject?: string | null; count?: number | null; detail?: unknown }): Promise<void> {
  await db.query('insert into audit_log (actor, action, subject, count, detail) values ($1, $2, $3, $4, $5)', [
    entry.actor,
    entry.action,
    entry.subject ?? null,
    entry.count ?? null,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  ]);
}

/**
 * The audit log, newest first, a page at a time. An actor that is a person's account comes with
 * the person's name (`actorName`; null for a key, the service itself, or an account since gone).
 */
export async function auditLog(
  db: Db,
  options: { before?: number; limit?: number } = {},
): Promise<{ id: number; at: string; actor: string | null; actorName: string | null; action: string; subject: string | null; count: number | null; detail: unknown }[]> {
  const limit = pageSize(options.limit);
  return db.query(
    `select l.id::float8 as id, l.at::text as at, l.actor, a.name as "actorName", l.action, l.subject, l.count, l.detail
     from audit_log l left join accounts a on a.username = l.actor where l.id < $1 order by l.id desc limit $2`,
    [options.before ?? Number.MAX_SAFE_INTEGER, limit],
  );
}
