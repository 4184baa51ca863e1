/**
 * The page's typed API client: one method per route the page reads, typed by the contract
 * (`@cakupan/contract`). Answers are kept per URL (the {@link CACHE_SIZE} most recently used), so
 * that going back, switching language or returning to a tab shows them at once; {@link Client.invalidate}
 * forgets them all when the data change (an import, a revert) or the reader signs out. A failed
 * request is never kept: the next call asks again.
 */
import { ApiError, getJson, type Query } from './api.js';
import type { Boundaries, EmployersPage, EmployersQuery, FieldProgress, ImportsPage, ImportsQuery, Me, Overview, Quality, RegionLineage, Series, SeriesQuery, StoredCoverage, StoredCoverageQuery } from './types.js';

/** How many answers the client keeps. */
export const CACHE_SIZE = 64;

/** A region on a date: the query of the overview and of data quality. */
export interface RegionOnDate {
  region: string;
  asOf: string;
}

/** A route's query as the page asks it: the `Required` fields and, if it likes, the `Optional` ones (the service fills in defaults). */
type Asked<Q, Required extends keyof Q, Optional extends keyof Q> = Pick<Q, Required> & Partial<Pick<Q, Optional>>;

export interface Client {
  /** `GET /v1/me` (with `key`: a key being tried at sign-in, never kept). */
  me(key?: string): Promise<Me>;
  overview(query: RegionOnDate): Promise<Overview>;
  series(query: Asked<SeriesQuery, 'region' | 'from' | 'to', 'children'>): Promise<Series>;
  coverage(query: Asked<StoredCoverageQuery, 'asOf', 'level' | 'parent' | 'limit' | 'after'>): Promise<StoredCoverage>;
  employers(query: Asked<EmployersQuery, never, 'region' | 'status' | 'limit' | 'after'>): Promise<EmployersPage>;
  imports(query?: Asked<ImportsQuery, never, 'before' | 'limit'>): Promise<ImportsPage>;
  quality(query: RegionOnDate): Promise<Quality>;
  region(code: string): Promise<RegionLineage>;
  /** `GET /v1/regions/{code}/boundaries`: the villages' boundaries the store holds for a region; `null` when it holds none. */
  boundaries(code: string): Promise<Boundaries | null>;
  /** `GET /v1/reports/monthly/approvals`: the approved revisions of a region's month (none: it is a draft). */
  approvals(query: { region: string; month: string }): Promise<{ approvals: { revision: number }[] }>;
  /** `GET /v1/field/progress`: the stickering per child region. */
  fieldProgress(query: { region: string }): Promise<FieldProgress>;
  /** Forgets every kept answer. */
  invalidate(): void;
}

type Fetch = <T>(path: string, query?: Query, key?: string) => Promise<T>;

/** The key of an answer: its path and query, the query's keys in order. */
export function cacheKey(path: string, query: Query = {}): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${path}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/**
 * A client over `fetchJson` (the page's `getJson`; a test's stub) keeping at most `size` answers.
 *
 * @example
 * const api = createClient();
 * const overview = await api.overview({ region: '32.71', asOf: '2017-12-31' });
 */
export function createClient(fetchJson: Fetch = getJson, size = CACHE_SIZE): Client {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const kept = new Map<string, Promise<unknown>>();

  function read<T>(path: string, query?: object): Promise<T> {
    const q = query as Query | undefined;
    const key = cacheKey(path, q);
    const hit = kept.get(key);
    if (hit) {
      // most recently used last: the first entry is the one to drop
      kept.delete(key);
      kept.set(key, hit);
      return hit as Promise<T>;
    }
    const answer = fetchJson<T>(path, q);
    kept.set(key, answer);
    if (kept.size > size) kept.delete(kept.keys().next().value!);
    answer.catch(() => {
      if (kept.get(key) === answer) kept.delete(key);
    });
    return answer;
  }

  return {
    me: (key) => (key === undefined ? read<Me>('/v1/me') : fetchJson<Me>('/v1/me', undefined, key)),
    overview: (query) => read('/v1/overview', query),
    series: (query) => read('/v1/coverage/series', query),
    coverage: (query) => read('/v1/coverage', query),
    employers: (query) => read('/v1/employers', query),
    imports: (query = {}) => read('/v1/imports', query),
    quality: (query) => read('/v1/quality', query),
    region: (code) => read(`/v1/regions/${encodeURIComponent(code)}`),
    fieldProgress: (query) => read('/v1/field/progress', query),
    approvals: (query) => read('/v1/reports/monthly/approvals', query),
    boundaries: (code) => read<Boundaries>(`/v1/regions/${encodeURIComponent(code)}/boundaries`).catch((err: unknown) => (err instanceof ApiError && err.status === 404 ? null : Promise.reject(err))),
    invalidate: () => kept.clear(),
  };
}
