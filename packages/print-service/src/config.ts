/**
 * Configuration from environment variables, validated at start-up.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@cakupan/core';
import { z } from 'zod';

/** The package's own folder (one above `src/` or `dist/`). */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const intFromEnv = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

/** Environment variables the service reads. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intFromEnv(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated API keys for `Authorization: Bearer <key>`. */
  API_KEYS: z.string().optional(),
  /** Base of the verification URLs in QR codes, e.g. `https://cakupan.example.go.id`. Default: the listening address. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** `postgres://…`: the monitoring store on a PostgreSQL server; absent: embedded PGlite in `DATA_DIR/store`. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** Space-separated `postgres://…` shard servers: DATABASE_URL is then their coordinator (a sharded store, docs/STORE.md). */
  DATABASE_SHARDS: z.string().regex(/^\s*postgres(ql)?:\/\/\S+(\s+postgres(ql)?:\/\/\S+)*\s*$/, 'must be postgres:// URLs separated by spaces').optional(),
  /** Who computes coverage: `memory` (core's index in the service) or `database` (SQL next to the data). Default: `database` when sharded, else `memory`. */
  COVERAGE_ENGINE: z.enum(['memory', 'database']).optional(),
  /** Folder for keys and the serial counter. Default `packages/print-service/.data`. */
  DATA_DIR: z.string().min(1).optional(),
  /** A PEM file with the Ed25519 signing key (else `<DATA_DIR>/signing-key.pem`, created in development). */
  SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** The issuer printed on stickers where a region sets none (default: the subject's own government, "Pemerintah Kota Depok"). */
  ISSUER: z.string().min(1).max(80).optional(),
  /** Most stickers in one request. */
  MAX_STICKERS: intFromEnv(50_000, 1, 1_000_000),
  /** Largest request body in bytes. */
  BODY_LIMIT: intFromEnv(32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  /** Largest CSV file in a coverage upload, bytes (Kota Bogor's residents are about 60–75 MB). */
  UPLOAD_LIMIT: intFromEnv(256 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
  /** Most records (residents + participants) in one JSON coverage request. */
  MAX_COVERAGE_RECORDS: intFromEnv(500_000, 1, 10_000_000),
  /** Requests per API key (or per address without a valid one) per RATE_LIMIT_WINDOW_MS. */
  RATE_LIMIT_MAX: intFromEnv(120, 1, 1_000_000),
  RATE_LIMIT_WINDOW_MS: intFromEnv(60_000, 1000, 86_400_000),
  /** Verifications (`GET /v/…`, public) per address per RATE_LIMIT_WINDOW_MS: phones scan in bursts. */
  VERIFY_RATE_LIMIT_MAX: intFromEnv(600, 1, 1_000_000),
  /** Requests with a wrong or missing API key per address per RATE_LIMIT_WINDOW_MS, then 429. */
  AUTH_FAILURE_LIMIT: intFromEnv(10, 1, 1_000_000),
  /**
   * Which proxies to trust for the client address (X-Forwarded-For): `false` (default: none, the
   * socket's address counts), `true` (any), a number of hops, or comma-separated addresses/CIDRs.
   * Behind a reverse proxy, set it, or every phone shares the proxy's rate limit.
   */
  TRUST_PROXY: z.string().trim().min(1).default('false'),
  /** Threads that render sticker PDFs (default: the machine's cores) and jobs that may wait for one. */
  RENDER_THREADS: intFromEnv(0, 0, 256),
  RENDER_QUEUE: intFromEnv(-1, -1, 10_000),
  /** A sticker job whose client reads nothing for this long is stopped and its connection closed. */
  JOB_STALL_TIMEOUT_MS: intFromEnv(60_000, 100, 3_600_000),
  /** A signed-in session ends after this many minutes without a request, and after SESSION_MAX_HOURS in any case. */
  SESSION_IDLE_MINUTES: intFromEnv(30, 1, 24 * 60),
  SESSION_MAX_HOURS: intFromEnv(10, 1, 7 * 24),
  /** Single sign-on by OpenID Connect: the provider's issuer URL, this service's client id and secret, and the button's words. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).max(60).default('single sign-on'),
  /** Each request's deadline: past it the answer is 503 + Retry-After and its work is told to stop (`request.signal`). */
  REQUEST_TIMEOUT_MS: intFromEnv(30_000, 100, 3_600_000),
  /** The deadline of a request that uploads a file (imports, coverage from files), whose reading and checking take longer. */
  UPLOAD_TIMEOUT_MS: intFromEnv(600_000, 100, 86_400_000),
  /** Heavy requests (series, monthly reports, coverage from files) run at once, and how many may wait; one more answers 503 + Retry-After. */
  HEAVY_CONCURRENCY: intFromEnv(2, 1, 256),
  HEAVY_QUEUE: intFromEnv(4, 0, 10_000),
  /** Who to tell about a sticker that does not verify, where a region sets none (default: "Dinas Tenaga Kerja" of the sticker's government). */
  ISSUER_CONTACT: z.string().trim().min(1).max(200).optional(),
  /** Default validity of a sticker's QR code in days. */
  VALID_DAYS: intFromEnv(365, 1, 3650),
  /** Time zone that decides "today" for issue and expiry dates. */
  TIME_ZONE: z.string().default(DEFAULT_TIME_ZONE).refine(isTimeZone, 'unknown IANA time zone'),
  /** `on`: an empty store is given the synthetic sample city (`sample/`) at start-up, so the dashboard shows figures at once. Default on, off in production. */
  SAMPLE_CITY: z.enum(['on', 'off']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration. */
export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  apiKeys: readonly string[];
  /**
   * Each key's label, recorded with the imports and events made with it: `label:key` in API_KEYS
   * names it; an unnamed key is labelled `key-` and the first 8 hex digits of its sha256 (never
   * the key itself).
   */
  apiKeyLabels: ReadonlyMap<string, string>;
  publicBaseUrl: string;
  dataDir: string;
  /** The store's PostgreSQL URL, if any. */
  databaseUrl: string | undefined;
  /** DATABASE_SHARDS: the shard servers of a sharded store (none: one server or embedded). */
  databaseShards: string[];
  /** COVERAGE_ENGINE, where set. */
  coverageEngine: 'memory' | 'database' | undefined;
  signingKeyFile: string | undefined;
  /** ISSUER, where set: the issuer under every region's own setting. */
  issuer: string | undefined;
  maxStickers: number;
  bodyLimit: number;
  uploadLimit: number;
  maxCoverageRecords: number;
  rateLimit: { max: number; windowMs: number; verifyMax: number; authFailures: number };
  /** Fastify's `trustProxy`. */
  trustProxy: boolean | number | string[];
  /** Render threads (0: one per core) and queue (-1: twice the threads). */
  render: { threads: number; queue: number; stallTimeoutMs: number };
  /** Deadlines of a request and of one that uploads a file, ms. */
  deadlines: { requestMs: number; uploadMs: number };
  /** Admission of heavy requests. */
  heavy: { concurrency: number; queue: number };
  /** ISSUER_CONTACT, where set. */
  issuerContact: string | undefined;
  validDays: number;
  timeZone: string;
  logLevel: string;
  /** Import the sample city into an empty store at start-up. */
  sampleCity: boolean;
  /** A development API key was generated (and should be printed). */
  devApiKey: string | undefined;
  /** Signed-in sessions: idle and absolute limits, ms. */
  sessions: { idleMs: number; maxMs: number };
  /** Single sign-on, when configured (all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET). */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
}

/**
 * Reads and validates the configuration from `env`.
 *
 * In development, when no API_KEYS are set, a development key is created once and kept in
 * `<DATA_DIR>/dev-api-key`. With `NODE_ENV=production` the service refuses to start without
 * explicit API_KEYS and SIGNING_KEY_FILE.
 *
 * @throws {Error} listing every invalid variable
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const r = envSchema.safeParse(env);
  if (!r.success) {
    throw new Error(`invalid configuration: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = r.data;
  const dataDir = resolve(e.DATA_DIR ?? join(PACKAGE_DIR, '.data'));
  const entries = (e.API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean).map(labelledKey);
  let apiKeys = entries.map((k) => k.key);
  const apiKeyLabels = new Map(entries.map((k) => [k.key, k.label]));
  if (apiKeys.some((k) => k.length < 16)) throw new Error('invalid configuration: API_KEYS: every key needs at least 16 characters');
  let devApiKey: string | undefined;
  if (e.NODE_ENV === 'production') {
    const missing = [apiKeys.length === 0 && 'API_KEYS', !e.SIGNING_KEY_FILE && 'SIGNING_KEY_FILE', !e.PUBLIC_BASE_URL && 'PUBLIC_BASE_URL'].filter(Boolean);
    if (missing.length > 0) throw new Error(`refusing to start in production without ${missing.join(', ')}`);
  } else if (apiKeys.length === 0) {
    const file = join(dataDir, 'dev-api-key');
    if (existsSync(file)) devApiKey = readFileSync(file, 'utf8').trim();
    else {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      devApiKey = `dev-${randomBytes(18).toString('base64url')}`;
      writeFileSync(file, `${devApiKey}\n`, { mode: 0o600 });
    }
    apiKeys = [devApiKey];
    apiKeyLabels.set(devApiKey, 'development');
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    apiKeys,
    apiKeyLabels,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${e.PORT}`).replace(/\/+$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseShards: e.DATABASE_SHARDS?.trim().split(/\s+/) ?? [],
    coverageEngine: e.COVERAGE_ENGINE,
    signingKeyFile: e.SIGNING_KEY_FILE,
    issuer: e.ISSUER,
    maxStickers: e.MAX_STICKERS,
    bodyLimit: e.BODY_LIMIT,
    uploadLimit: e.UPLOAD_LIMIT,
    maxCoverageRecords: e.MAX_COVERAGE_RECORDS,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_MS, verifyMax: e.VERIFY_RATE_LIMIT_MAX, authFailures: e.AUTH_FAILURE_LIMIT },
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    render: { threads: e.RENDER_THREADS, queue: e.RENDER_QUEUE, stallTimeoutMs: e.JOB_STALL_TIMEOUT_MS },
    deadlines: { requestMs: e.REQUEST_TIMEOUT_MS, uploadMs: e.UPLOAD_TIMEOUT_MS },
    heavy: { concurrency: e.HEAVY_CONCURRENCY, queue: e.HEAVY_QUEUE },
    issuerContact: e.ISSUER_CONTACT,
    validDays: e.VALID_DAYS,
    timeZone: e.TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    sampleCity: (e.SAMPLE_CITY ?? (e.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    devApiKey,
    sessions: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, maxMs: e.SESSION_MAX_HOURS * 3_600_000 },
    oidc: oidcOf(e),
  };
}

/** Single sign-on's settings: all three or none. @throws {Error} naming the missing ones */
function oidcOf(e: z.infer<typeof envSchema>): Config['oidc'] {
  const given = { OIDC_ISSUER: e.OIDC_ISSUER, OIDC_CLIENT_ID: e.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET };
  const missing = Object.entries(given).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) throw new Error(`invalid configuration: single sign-on needs ${missing.join(', ')} too`);
  return { issuer: e.OIDC_ISSUER!, clientId: e.OIDC_CLIENT_ID!, clientSecret: e.OIDC_CLIENT_SECRET!, name: e.OIDC_NAME };
}

/** `false`, `true`, a hop count, or a list of addresses/CIDRs. @throws {Error} for anything else */
function parseTrustProxy(text: string): boolean | number | string[] {
  if (/^(false|no|0)$/i.test(text)) return false;
  if (/^(true|yes)$/i.test(text)) return true;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const list = text.split(',').map((t) => t.trim()).filter(Boolean);
  if (list.every((a) => /^[0-9a-f.:]+(\/\d{1,3})?$/i.test(a) || ['loopback', 'linklocal', 'uniquelocal'].includes(a))) return list;
  throw new Error(`invalid configuration: TRUST_PROXY: ${JSON.stringify(text)} is not true, false, a hop count or a list of addresses/CIDRs`);
}

/** `label:key` or a bare key, from one API_KEYS entry. */
function labelledKey(entry: string): { label: string; key: string } {
  const m = /^([A-Za-z0-9_.-]{1,40}):(.+)$/.exec(entry);
  if (m) return { label: m[1]!, key: m[2]! };
  return { label: `key-${createHash('sha256').update(entry).digest('hex').slice(0, 8)}`, key: entry };
}
