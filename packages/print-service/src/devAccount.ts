/**
 * In development, an administrator's account to sign in to the dashboard with: `admin` with a
 * generated password kept in `<DATA_DIR>/dev-admin-password` (like the development API key), made
 * once in a store that has no account of that name. Never in production.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '@cakupan/store';

/** The development administrator's username and password, or `undefined` when the store's `admin` has another password. */
export async function developmentAccount(store: Pick<Store, 'accounts'>, dataDir: string): Promise<{ username: string; password: string } | undefined> {
  const file = join(dataDir, 'dev-admin-password');
  const existing = await store.accounts.get('admin');
  if (existing) return existsSync(file) ? { username: 'admin', password: readFileSync(file, 'utf8').trim() } : undefined;
  const password = `dev-${randomBytes(12).toString('base64url')}`;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  await store.accounts.add({ username: 'admin', name: 'Administrator (development)', role: 'administrator', scope: null, password, by: 'cakupan' });
  return { username: 'admin', password };
}
