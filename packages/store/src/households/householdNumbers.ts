/**
 * How the sticker register knows a household without its KK (*kartu keluarga*, family card
 * number): by a keyed hash of the KK (the key made once per store, never shown), and on the door
 * by its RT/RW and a number there that does not shift when the register changes.
 *
 * A household gets the next number of its RT the first time a sticker list sees it there, and keeps
 * it while it lives there; a number is never given again in that RT (a household that moves out
 * leaves a gap), so a new household never takes the number on a neighbour's door. A household that
 * moves to another RT gets a number there.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';

/** The store's key for household ids, made once. */
export async function householdSecret(db: Db): Promise<string> {
  await db.query("insert into store_secrets (name, value) values ('household_id', $1) on conflict (name) do nothing", [randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>("select value from store_secrets where name = 'household_id'");
  return row!.value;
}

/** A household's id in the register: a keyed hash of its KK (22 characters), never the KK. */
export function householdIdOf(secret: string, kk: string): string {
  return createHmac('sha256', secret).update(kk).digest('base64url').slice(0, 22);
}

/** A household to number: its id and its RT/RW. */
export interface PlacedHousehold {
  id: string;
  rw: number;
  rt: number;
}

/**
 * The number of each of `households` (all of village `villageCode`, dotted) in its RT: the one it
 * was given, or — for one never seen there — the next number of the RT, given now in the order of
 * `households` and kept. Safe when two callers number the same village at once (one waits).
 */
export async function householdNumbers(db: Db, villageCode: string, households: readonly PlacedHousehold[]): Promise<Map<string, number>> {
  const key = (rw: number, rt: number, id: string) => `${rw}.${rt}.${id}`;
  const read = async (tx: Db) => {
    const rows = await tx.query<{ rw: number; rt: number; household_id: string; number: number }>(
      'select rw, rt, household_id, number from household_numbers where village_code = $1',
      [villageCode],
    );
    const given = new Map(rows.map((r) => [key(r.rw, r.rt, r.household_id), r.number]));
    const highest = new Map<string, number>();
    for (const r of rows) highest.set(`${r.rw}.${r.rt}`, Math.max(highest.get(`${r.rw}.${r.rt}`) ?? 0, r.number));
    return { given, highest };
  };
  const answer = (given: Map<string, number>) => new Map(households.map((h) => [h.id, given.get(key(h.rw, h.rt, h.id))!]));
  const first = await read(db);
  if (households.every((h) => first.given.has(key(h.rw, h.rt, h.id)))) return answer(first.given);
  return db.transaction(async (tx) => {
    // one numbering of a village at a time: the second reads what the first gave
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`household_numbers ${villageCode}`]);
    const { given, highest } = await read(tx);
    const fresh: { rw: number; rt: number; id: string; number: number }[] = [];
    for (const h of households) {
      if (given.has(key(h.rw, h.rt, h.id))) continue;
      const unit = `${h.rw}.${h.rt}`;
      const number = (highest.get(unit) ?? 0) + 1;
      highest.set(unit, number);
      given.set(key(h.rw, h.rt, h.id), number);
      fresh.push({ rw: h.rw, rt: h.rt, id: h.id, number });
    }
    await tx.query(
      `insert into household_numbers (village_code, rw, rt, household_id, number)
       select $1, * from unnest($2::int[], $3::int[], $4::text[], $5::int[])`,
      [villageCode, fresh.map((f) => f.rw), fresh.map((f) => f.rt), fresh.map((f) => f.id), fresh.map((f) => f.number)],
    );
    return answer(given);
  });
}
