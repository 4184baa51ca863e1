/**
 * The Fastify application: `buildApp(options)` composes the plugins and route groups; `server.ts`
 * listens. Each concern has its file: plugins/ (errors, security headers, OpenAPI, rate limits,
 * API keys, scope, admission of heavy work, render threads, uploads) and routes/ (one folder per
 * group; `routes/v1/index.ts` lists the secured ones).
 */
import { type KeyRing, type RenderPool, type SerialSource } from '@cakupan/print';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import { todayIn } from '@cakupan/core';
import { useAllRegions } from '@cakupan/core/regions';
import { DASHBOARD_DIR } from '@cakupan/dashboard';
import { DashboardPrefetch } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config } from './config.js';
import { installAdmission } from './plugins/admission.js';
import { ApiKeys } from './plugins/apiKeys.js';
import { requireCaller } from './plugins/authentication.js';
import { requireDeclaredPermissions } from './plugins/permissions.js';
import { registerSessions } from './plugins/sessions.js';
import { installControlCharacterCheck } from './plugins/controlCharacters.js';
import { frameworkErrors, installErrorHandler } from './plugins/errors.js';
import { registerOpenApi, serveOpenApiDocument } from './plugins/openapi.js';
import { registerRateLimits } from './plugins/rateLimits.js';
import { renderPoolOf } from './plugins/renderPool.js';
import { registerSecurityHeaders } from './plugins/security.js';
import { dashboardRoutes } from './routes/dashboard/index.js';
import { healthRoutes } from './routes/health/index.js';
import { sessionRoutes } from './routes/session/index.js';
import { ssoRoutes } from './routes/session/sso.js';
import { v1Routes } from './routes/v1/index.js';
import { REGISTER_WAIT_MS, verifyRoutes } from './routes/verification/index.js';
import { regionalSettings } from './regions/regionalSettings.js';

export interface BuildAppOptions {
  config: Config;
  keyRing: KeyRing;
  /** Default: the store's sequence with a store, else in memory from 1. */
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
 * Builds the service (not listening). Use `app.inject` in tests, `app.listen` to serve.
 *
 * Routes: the `/v1` groups (API key), `GET /v/:token` and the signing keys and revocations
 * (public), `/health`, `/openapi.json`, `/docs`, and the dashboard at `/`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, keyRing, store } = options;
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
  requireDeclaredPermissions(app);
  installControlCharacterCheck(app);
  await registerSecurityHeaders(app);
  await registerOpenApi(app, { version: VERSION, publicBaseUrl: config.publicBaseUrl });
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimit } });

  const keys = new ApiKeys({ adminKeys: config.apiKeys, labels: config.apiKeyLabels, store: store?.apiKeys });
  const limits = await registerRateLimits(app, config.rateLimit, (hash) => keys.isKnown(hash));
  await app.register(healthRoutes, { store });
  // people sign in where there is a store to keep their accounts and sessions
  if (store) {
    await registerSessions(app, { store, idleMs: config.sessions.idleMs, maxMs: config.sessions.maxMs, secure: config.publicBaseUrl.startsWith('https:') });
    await app.register(sessionRoutes, { store, maxMs: config.sessions.maxMs, limit: limits.perAddress, sso: config.oidc });
    if (config.oidc) await app.register(ssoRoutes, { store, oidc: config.oidc, publicBaseUrl: config.publicBaseUrl, limit: limits.perAddress });
  }
  serveOpenApiDocument(app, limits.perAddress);
  const renderPool = renderPoolOf(app, config.render, options.renderPool);
  // who speaks for each city or regency: its settings in the store over the deployment's, over the defaults
  const settings = regionalSettings(store, REGISTER_WAIT_MS, { issuer: config.issuer, contact: config.issuerContact });

  // the dashboard's first view, computed in the background at start-up and after changes
  if (store) {
    const prefetch = new DashboardPrefetch({ store, today, onError: (err) => app.log.warn({ error: err.message }, 'dashboard prefetch failed') });
    app.addHook('onReady', async () => prefetch.start());
    app.addHook('onClose', async () => prefetch.close());
  }

  await app.register(async (secured) => {
    requireCaller(secured, { keys, limits, authFailureLimit: config.rateLimit.authFailures, sessionMaxMs: store ? config.sessions.maxMs : undefined });
    // heavy routes (config.heavy) a few at a time, after the key is known
    installAdmission(secured, config.heavy);
    await v1Routes(secured, { config, keyRing, serials: options.serials, store, today, renderPool, settings, keysChanged: () => keys.refresh() });
  });
  const dashboard = options.dashboard ?? DASHBOARD_DIR;
  if (dashboard !== false && existsSync(join(dashboard, 'index.html'))) await app.register(dashboardRoutes, { root: dashboard });
  else if (dashboard !== false) app.log.warn({ dashboard }, 'the dashboard is not built (pnpm build): / answers 404');
  await app.register(verifyRoutes, {
    keyRing,
    today,
    settings,
    fallback: { issuer: config.issuer, contact: config.issuerContact },
    verifyLimit: limits.verify,
    keysLimit: limits.perAddress,
    register: store?.stickers,
    registrationHelp: store?.registrationHelp,
    publicBaseUrl: config.publicBaseUrl,
    timeZone: config.timeZone,
  });
  return app;
}
