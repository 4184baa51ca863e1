/**
 * API keys kept in the store: made with a label and a scope (a region code), kept as their sha256
 * only, revoked by label. Every change is written to the audit log.
 */
import { createHash, randomBytes } from 'node:crypto';
import { CakupanError } from '@cakupan/core';
import type { Db } from '../db/db.js';
import { audit } from '../stickers/register.js';

/** A stored key as listed (never its hash or the key). */
export interface ApiKeyInfo {
  label: string;
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
export async function addApiKey(db: Db, options: { label: string; scope: string | null; by: string | null }): Promise<{ key: string; info: ApiKeyInfo }> {
  const key = `ck_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const rows = await tx.query<ApiKeyInfo>(
      `insert into api_keys (label, key_hash, scope, created_by) values ($1, $2, $3, $4) on conflict (label) do nothing
       returning label, scope, created_at::text as "createdAt", created_by as "createdBy", revoked_at::text as "revokedAt"`,
      [options.label, apiKeyHash(key), options.scope, options.by],
    );
    if (rows.length === 0) throw new CakupanError({ code: 'conflict', message: `a key labelled ${options.label} exists already (labels are never reused)`, path: ['label'] });
    await audit(tx, { actor: options.by, action: 'key.add', subject: options.label, count: 1, detail: { scope: options.scope } });
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

const LIST = `select label, scope, created_at::text as "createdAt", created_by as "createdBy", revoked_at::text as "revokedAt" from api_keys`;

/** Every stored key, by label. */
export function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return db.query<ApiKeyInfo>(`${LIST} order by label`);
}

/** The keys in force, by hash: what a service authenticates with. */
export async function activeApiKeys(db: Db): Promise<Map<string, { label: string; scope: string | null }>> {
  const rows = await db.query<{ key_hash: string; label: string; scope: string | null }>('select key_hash, label, scope from api_keys where revoked_at is null');
  return new Map(rows.map((r) => [r.key_hash, { label: r.label, scope: r.scope }]));
}
