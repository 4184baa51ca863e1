/**
 * API keys kept in the store — machines' service accounts: made with a label, a role and a scope
 * (a region code), kept as their sha256 only, revoked by label. Labels and accounts' usernames are
 * one namespace (the audit log's actors). Every change is written to the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CakupanError } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** A stored key as listed (never its hash or the key). */
export interface ApiKeyInfo {
  label: string;
  /** What it may do (`@cakupan/contract`'s roles). */
  role: string;
  /** Dotted region code, or null for everything. */
  scope: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

/** sha256 of a key, hex: how keys are compared and kept. */
export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Makes a key. Returns the key itself: it is not kept and cannot be shown again.
 *
 * @throws {CakupanError} `conflict` when a key with this label exists (revoked ones included)
 */
export async function addApiKey(db: Db, options: { label: string; role: string; scope: string | null; by: string | null }): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = `ck_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const taken = await tx.query('select 1 from accounts where username = $1', [options.label]);
    if (taken.length > 0) throw new CakupanError({ code: 'conflict', message: `${options.label} is an account’s username: a key needs another label`, path: ['label'] });
    const rows = await tx.query<ApiKeyInfo>(
      `insert into api_keys (label, key_hash, role, scope, created_by) values ($1, $2, $3, $4, $5) on conflict (label) do nothing
       returning ${COLUMNS}`,
      [options.label, apiKeyHash(key), options.role, options.scope, options.by],
    );
    if (rows.length === 0) throw new CakupanError({ code: 'conflict', message: `a key labelled ${options.label} exists already (labels are never reused)`, path: ['label'] });
    await audit(tx, { actor: options.by, action: 'key.add', subject: options.label, count: 1, detail: { role: options.role, scope: options.scope } });
    return { key, info: rows[0]! };
  });
}

/** Revokes a key by label; `undefined` when there is none. A revoked key stays revoked. */
export async function revokeApiKey(db: Db, label: string, by: string | null): Promise<ApiKeyInfo | undefined> {
  return db.transaction(async (tx) => {
    const changed = await tx.query('update api_keys set revoked_at = clock_timestamp(), revoked_by = $2 where label = $1 and revoked_at is null returning label', [label, by]);
    if (changed.length > 0) await audit(tx, { actor: by, action: 'key.revoke', subject: label, count: 1 });
    return (await tx.query<ApiKeyInfo>(`${LIST} where label = $1`, [label]))[0];
  });
}

const COLUMNS = `label, role, scope, created_at::text as "createdAt", created_by as "createdBy", revoked_at::text as "revokedAt"`;
const LIST = `select ${COLUMNS} from api_keys`;

/** Every stored key, by label. */
export function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return db.query<ApiKeyInfo>(`${LIST} order by label`);
}

/** The keys in force, by hash: what a service authenticates with. */
export async function activeApiKeys<R extends string = string>(db: Db): Promise<Map<string, { label: string; role: R; scope: string | null }>> {
  const rows = await db.query<{ key_hash: string; label: string; role: R; scope: string | null }>('select key_hash, label, role, scope from api_keys where revoked_at is null');
  return new Map(rows.map((r) => [r.key_hash, { label: r.label, role: r.role, scope: r.scope }]));
}
