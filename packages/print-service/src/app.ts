/**
 * The Fastify application: `buildApp(options)` wires the routes; `server.ts` listens.
 */
import { RenderPool, memorySerials, type SerialSource, storeSerials, type KeyRing } from '@cakupan/print';
import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { todayIn, trendMonthEnds } from '@cakupan/core';
import { useAllRegions } from '@cakupan/core/regions';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config } from './config.js';
import type { Store } from '@cakupan/store';
import { coverageRoutes } from './routes/coverage.js';
import { registerRoutes } from './routes/register.js';
import { overviewRoutes } from './routes/overview.js';
import { qualityRoutes } from './routes/quality.js';
import { dataDate, sessionRoutes } from './routes/session.js';
import { reportRoutes } from './routes/reports.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { DASHBOARD_DIR } from '@cakupan/dashboard';
import { apiKeyRoutes } from './routes/apiKeys.js';
import type { Principal } from './routes/scope.js';
import { importRoutes } from './routes/imports.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { installControlCharacterCheck } from './routes/controlCharacters.js';
import { frameworkErrors, HttpError, installErrorHandler, sendError } from './routes/errors.js';
import { installAdmission } from './limits/admission.js';
import { stickerRoutes } from './routes/stickers.js';
import { verifyRoutes } from './routes/verify.js';

/** What {@link buildApp} needs. */
declare module 'fastify' {
  interface FastifyRequest {
    /** The label of the API key the request was made with (recorded with imports and events). */
    apiKeyLabel?: string | undefined;
  }
}

export interface BuildAppOptions {
  config: Config;
  keyRing: KeyRing;
  /** Default: in memory, from 1. */
  serials?: SerialSource;
  /** Today's date (ISO); default: today in `config.timeZone`. Tests set it to check expiry. */
  today?: () => string;
  /** pino options added to the default logger (e.g. a `stream`), or `false` for none. Bodies, keys and queries are never logged. */
  logger?: false | Record<string, unknown>;
  /** A render pool to share (tests); default: one of the app's own, started on the first sticker job and closed with the app. */
  renderPool?: RenderPool;
  /** The dashboard's built folder served at `/` (default `@cakupan/dashboard`'s), or `false` for none. */
  dashboard?: string | false;
  /** The monitoring store: with it, the imports and `GET /v1/coverage` routes are served. The caller closes it. */
  store?: Store;
}

const VERSION = '0.1.0';

/**
 * Builds the print service (not listening). Use `app.inject` in tests, `app.listen` to serve.
 *
 * Routes: `POST /v1/stickers`, `POST /v1/coverage`, `GET /v1/regions/:code` (API key), `GET /v/:token`
 * (public), `GET /v1/keys`, `GET /health`, `GET /openapi.json`, `GET /docs`.
 *
 * Rate limits: an API key's requests per window; requests without a valid key per address, and at
 * most `AUTH_FAILURE_LIMIT` failed authentications per address; verification its own, larger limit
 * per address; `/health` none.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, keyRing } = options;
  useAllRegions(); // region names for all of Indonesia, not only Kota Bogor
  const today = options.today ?? (() => todayIn(config.timeZone));
  const app = Fastify({
    // never log what could carry personal data: bodies are not logged by Fastify, keys are
    // redacted, and a request is logged by its route pattern, never its URL and query
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization'],
            serializers: { req: (request: FastifyRequest) => ({ method: request.method, route: request.routeOptions?.url ?? '(no route)', remoteAddress: request.ip }) },
            ...(typeof options.logger === 'object' && options.logger),
          },
    bodyLimit: config.bodyLimit,
    // Fastify takes a hop count too (its types list only the other forms)
    trustProxy: config.trustProxy as boolean | string[],
    // sticker tokens are about 180 characters
    routerOptions: { maxParamLength: 1024 },
    frameworkErrors,
    // every request's deadline (uploads have their own, longer one): past it 503 + Retry-After, and
    // request.signal tells its work to stop
    handlerTimeout: config.deadlines.requestMs,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, config.bodyLimit);
  installControlCharacterCheck(app);

  // security headers on every answer; the HTML pages load nothing from elsewhere
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // the QR code's URL may be http on a local network; HSTS belongs to the TLS proxy in front
    strictTransportSecurity: false,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'cakupan print service',
        version: VERSION,
        description:
          'Print-ready green/red QR stickers for BPJS Ketenagakerjaan coverage (green = registered, red = not registered), and verification of scanned stickers. ' +
          'Errors have one shape: { statusCode, error, message, issues? }, each issue { code, message, path, line?, column? }.',
      },
      servers: [{ url: config.publicBaseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' } } },
      tags: [
        { name: 'stickers', description: 'Sticker PDFs' },
        { name: 'verification', description: 'What a scanned sticker says' },
        { name: 'coverage', description: 'Coverage calculations and regions' },
        { name: 'monitoring', description: 'The store: imports of the exports and coverage from them' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  // the API documentation page, under the same rule: nothing loaded from elsewhere (no validator badge)
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: () =>
      "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'",
  });
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimit } });

  const keyHashes = config.apiKeys.map(sha256);
  const labelOfHash = new Map(config.apiKeys.map((k) => [sha256(k).toString('hex'), config.apiKeyLabels?.get(k) ?? 'unlabelled']));
  // keys kept in the store (with a scope), by sha256: read again when older than STORED_KEYS_TTL_MS,
  // and at once after a change made through this service
  const keyStore = options.store?.apiKeys;
  let storedKeys = new Map<string, { label: string; scope: string | null }>();
  let storedKeysAt = Number.NEGATIVE_INFINITY;
  let loadingKeys: Promise<void> | undefined;
  const refreshStoredKeys = () =>
    (loadingKeys ??= (keyStore ? keyStore.active() : Promise.resolve(storedKeys))
      .then((keys) => {
        storedKeys = keys;
        storedKeysAt = Date.now();
      })
      .finally(() => (loadingKeys = undefined)));
  /** sha256 of the key in `Authorization: Bearer <key>`, or `undefined`. */
  const bearerHash = (authorization: string | undefined): Buffer | undefined => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    return m ? sha256(m[1]!) : undefined;
  };
  const isAdminKey = (hash: Buffer) => keyHashes.some((k) => timingSafeEqual(k, hash));
  const principalOf = async (authorization: string | undefined): Promise<Principal | undefined> => {
    const hash = bearerHash(authorization);
    if (!hash) return undefined;
    if (isAdminKey(hash)) return { label: labelOfHash.get(hash.toString('hex')) ?? 'unlabelled', scope: null, admin: true };
    if (!keyStore) return undefined;
    if (Date.now() - storedKeysAt > STORED_KEYS_TTL_MS) await refreshStoredKeys();
    const stored = storedKeys.get(hash.toString('hex'));
    return stored && { label: stored.label, scope: stored.scope, admin: false };
  };

  await app.register(fastifyRateLimit, { global: false });
  const windowText = `${config.rateLimit.windowMs / 1000} s`;
  const limited = (what: string) => (_request: FastifyRequest, context: { max: number; ttl: number }) => {
    const retry = Math.max(1, Math.ceil(context.ttl / 1000));
    return new HttpError(429, `rate limit of ${context.max} ${what} per ${windowText} exceeded; retry in ${retry} s`, undefined, { 'retry-after': String(retry) });
  };
  // per API key where a valid one is given, else per address
  const perKey = app.rateLimit({
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    keyGenerator: (request) => {
      const hash = bearerHash(request.headers.authorization);
      if (hash && (isAdminKey(hash) || storedKeys.has(hash.toString('hex')))) return hash.toString('hex');
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: limited('requests'),
  });
  const perAddress = app.rateLimit({ max: config.rateLimit.max, timeWindow: config.rateLimit.windowMs, errorResponseBuilder: limited('requests') });
  const authFailures = app.createRateLimit({ max: config.rateLimit.authFailures, timeWindow: config.rateLimit.windowMs, keyGenerator: (request) => `auth:${request.ip}` });

  // liveness: the process answers; readiness (`/health`, `/health/ready`): the store answers too —
  // 503 while its database restarts or cannot be reached, so that a load balancer takes the
  // instance out until it heals
  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  const ready = async (_request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    const store = options.store ? await options.store.health() : undefined;
    const ok = !store || store.status === 'ok';
    if (!ok) reply.header('retry-after', '1');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', ...(store && { store }) });
  };
  app.get('/health', { schema: { hide: true } }, ready);
  app.get('/health/ready', { schema: { hide: true } }, ready);
  app.get('/openapi.json', { schema: { hide: true }, onRequest: perAddress }, async () => app.swagger());

  let pool = options.renderPool;
  const ownPool = !pool;
  const renderPool = () =>
    (pool ??= new RenderPool({
      ...(config.render.threads > 0 && { threads: config.render.threads }),
      ...(config.render.queue >= 0 && { maxQueue: config.render.queue }),
      stallTimeoutMs: config.render.stallTimeoutMs,
    }));
  app.addHook('onClose', async () => {
    if (ownPool && pool) await pool.close();
  });

  // the dashboard opens on the date the data reach with 24 month-ends of trend: those dates are
  // computed in the background at start-up and again once changes pause (at most one run at a time,
  // one date at a time), so that the first view finds them kept by the store
  let prefetching: Promise<unknown> | undefined;
  let prefetchAgain = false;
  const prefetchDashboard = () => {
    const store = options.store;
    if (!store) return;
    if (prefetching) {
      prefetchAgain = true;
      return;
    }
    prefetching = store
      .dataAsOf()
      .then((asOf) => store.regionsOnDates(dashboardDates(dataDate(asOf, today()))))
      .catch((err: Error) => app.log.warn({ error: err.message }, 'dashboard prefetch failed'))
      .finally(() => {
        prefetching = undefined;
        if (prefetchAgain) {
          prefetchAgain = false;
          prefetchDashboard();
        }
      });
  };
  // after a change, once changes have paused for PREFETCH_DELAY_MS (events may come several a second)
  let prefetchTimer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(prefetchTimer);
    prefetchTimer = setTimeout(prefetchDashboard, PREFETCH_DELAY_MS);
  };
  app.addHook('onReady', async () => prefetchDashboard());
  app.addHook('onClose', async () => {
    clearTimeout(prefetchTimer);
    prefetchAgain = false;
    await prefetching;
  });

  // routes that need an API key: limited first (so that wrong keys are limited too), then checked
  await app.register(async (secured) => {
    secured.addHook('onRequest', perKey);
    secured.addHook('onRequest', async (request, reply) => {
      const principal = await principalOf(request.headers.authorization);
      if (principal) {
        request.principal = principal;
        request.apiKeyLabel = principal.label;
        return;
      }
      const failures = await authFailures(request);
      if (!failures.isAllowed && failures.isExceeded) {
        const retry = Math.max(1, failures.ttlInSeconds);
        reply.header('retry-after', String(retry));
        return sendError(reply, 429, `too many requests with a wrong or missing API key from this address (${config.rateLimit.authFailures} per ${windowText}); retry in ${retry} s`);
      }
      reply.header('www-authenticate', 'Bearer');
      return sendError(reply, 401, 'missing or wrong API key: send Authorization: Bearer <key>');
    });
    // heavy routes (config.heavy) a few at a time, after the key is known
    installAdmission(secured, config.heavy);
    await secured.register(stickerRoutes, {
      keyRing,
      serials: options.serials ?? (options.store ? storeSerials(options.store.stickers) : memorySerials()),
      store: options.store,
      publicBaseUrl: config.publicBaseUrl,
      issuer: config.issuer,
      validDays: config.validDays,
      maxStickers: config.maxStickers,
      today,
      pool: renderPool,
      uploadTimeoutMs: config.deadlines.uploadMs,
    });
    await secured.register(coverageRoutes, { uploadLimit: config.uploadLimit, maxRecords: config.maxCoverageRecords, uploadTimeoutMs: config.deadlines.uploadMs });
    if (options.store) await secured.register(importRoutes, { store: options.store, uploadLimit: config.uploadLimit, uploadTimeoutMs: config.deadlines.uploadMs, changed });
    if (options.store) await secured.register(monitoringRoutes, { store: options.store, uploadLimit: config.uploadLimit, changed });
    if (options.store) await secured.register(registerRoutes, { store: options.store });
    if (options.store) await secured.register(overviewRoutes, { store: options.store, today });
    if (options.store) await secured.register(qualityRoutes, { store: options.store, today });
    if (options.store) await secured.register(sessionRoutes, { store: options.store, today });
    if (options.store) await secured.register(reportRoutes, { store: options.store, today });
    if (options.store) await secured.register(apiKeyRoutes, { store: options.store, changed: refreshStoredKeys });
  });
  const dashboard = options.dashboard ?? DASHBOARD_DIR;
  if (dashboard !== false && existsSync(join(dashboard, 'index.html'))) await app.register(dashboardRoutes, { root: dashboard });
  else if (dashboard !== false) app.log.warn({ dashboard }, 'the dashboard is not built (pnpm build): / answers 404');
  await app.register(verifyRoutes, {
    keyRing,
    today,
    issuer: config.issuer,
    contact: config.issuerContact,
    verifyLimit: app.rateLimit({ max: config.rateLimit.verifyMax, timeWindow: config.rateLimit.windowMs, errorResponseBuilder: limited('verifications') }),
    keysLimit: perAddress,
    register: options.store?.stickers,
    publicBaseUrl: config.publicBaseUrl,
    timeZone: config.timeZone,
  });
  return app;
}

/** The dates the dashboard's first view reads: 24 month-ends to the data date, and the date itself. */
function dashboardDates(date: string): string[] {
  // the trend's 24 month-ends end with that of the date's month; the figures are on the date itself
  return [...new Set([...trendMonthEnds(date), date])];
}

/** How long the keys kept in the store are trusted before they are read again (other instances' changes). */
const STORED_KEYS_TTL_MS = 5_000;

/** How long after the last participant event or import the dashboard's dates are computed again. */
const PREFETCH_DELAY_MS = 5_000;

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
