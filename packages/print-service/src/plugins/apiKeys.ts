/**
 * Who a request's API key belongs to: an administrator's key from `API_KEYS`, or a key kept in the
 * store (a service account) with a role and a scope. Keys are compared by their sha256, in constant time for the administrators'.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Store } from '@cakupan/store';
import type { Role } from '@cakupan/contract';
import type { Principal } from './scope.js';

/** How long the keys kept in the store are trusted before they are read again (other instances' changes), ms. */
export const STORED_KEYS_TTL_MS = 5_000;

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** sha256 of the key in `Authorization: Bearer <key>`, or `undefined`. */
export function bearerHash(authorization: string | undefined): Buffer | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return m ? sha256(m[1]!) : undefined;
}

export interface ApiKeysOptions {
  /** The administrators' keys. */
  adminKeys: readonly string[];
  /** Their labels, by key. */
  labels?: ReadonlyMap<string, string> | undefined;
  /** The store's keys (absent: administrators only). */
  store?: Pick<Store['apiKeys'], 'active'> | undefined;
}

/** The keys this service accepts. */
export class ApiKeys {
  readonly #adminHashes: Buffer[];
  readonly #adminLabels: Map<string, string>;
  readonly #store: ApiKeysOptions['store'];
  #stored = new Map<string, { label: string; role: Role; scope: string | null }>();
  #storedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(options: ApiKeysOptions) {
    this.#adminHashes = options.adminKeys.map(sha256);
    this.#adminLabels = new Map(options.adminKeys.map((k) => [sha256(k).toString('hex'), options.labels?.get(k) ?? 'unlabelled']));
    this.#store = options.store;
  }

  /** Reads the store's keys again now (after a change made through this service). */
  refresh(): Promise<void> {
    const store = this.#store;
    if (!store) return Promise.resolve();
    return (this.#loading ??= store
      .active<Role>() // roles as written through the schema of /v1/api-keys (or the migration's city_officer)
      .then((keys) => {
        this.#stored = keys;
        this.#storedAt = Date.now();
      })
      .finally(() => (this.#loading = undefined)));
  }

  /** Whether `hash` is a key this service knows (without reading the store: for rate limits). */
  isKnown(hash: Buffer): boolean {
    return this.#isAdmin(hash) || this.#stored.has(hash.toString('hex'));
  }

  /** The caller of a request with this `Authorization` header, or `undefined` for none or a wrong key. */
  async principalOf(authorization: string | undefined): Promise<Principal | undefined> {
    const hash = bearerHash(authorization);
    if (!hash) return undefined;
    if (this.#isAdmin(hash)) return { label: this.#adminLabels.get(hash.toString('hex')) ?? 'unlabelled', kind: 'key', role: 'administrator', scope: null };
    if (!this.#store) return undefined;
    if (Date.now() - this.#storedAt > STORED_KEYS_TTL_MS) await this.refresh();
    const stored = this.#stored.get(hash.toString('hex'));
    return stored && { label: stored.label, kind: 'key', role: stored.role, scope: stored.scope };
  }

  #isAdmin(hash: Buffer): boolean {
    return this.#adminHashes.some((k) => timingSafeEqual(k, hash));
  }
}
