/**
 * Signed-in sessions kept in the store (so that every instance sharing it knows them, and ending
 * an account's sessions takes effect everywhere): by the sha256 of the session id (the id itself,
 * the cookie's secret part, is never stored), with the session's data and its expiry. Expired
 * sessions are never answered and are removed as others are saved.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/db.js';

function idHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** The session with id `id`, unless there is none or it has expired. */
export async function getSession(db: Db, id: string): Promise<unknown> {
  const rows = await db.query<{ data: unknown }>('select data from sessions where id_hash = $1 and expires_at > now()', [idHash(id)]);
  return rows[0]?.data;
}

/** Keeps a session until `expiresAt`; every so often removes the expired ones. */
export async function setSession(db: Db, id: string, data: unknown, expiresAt: Date): Promise<void> {
  await db.query(
    `insert into sessions (id_hash, data, expires_at) values ($1, $2, $3)
     on conflict (id_hash) do update set data = excluded.data, expires_at = excluded.expires_at`,
    [idHash(id), JSON.stringify(data), expiresAt.toISOString()],
  );
  if (Math.random() < 0.05) await db.query('delete from sessions where expires_at <= now()');
}

/** Ends a session (sign-out). */
export async function destroySession(db: Db, id: string): Promise<void> {
  await db.query('delete from sessions where id_hash = $1', [idHash(id)]);
}

/** The service's secret called `name`: made once (32 random bytes, base64url) and kept. */
export async function serviceSecret(db: Db, name: string): Promise<string> {
  await db.query('insert into service_secrets (name, secret) values ($1, $2) on conflict (name) do nothing', [name, randomBytes(32).toString('base64url')]);
  return (await db.query<{ secret: string }>('select secret from service_secrets where name = $1', [name]))[0]!.secret;
}
