/**
 * The Fastify application: `buildApp(options)` wires the routes; `server.ts` listens.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config, todayIn } from './config.js';
import { coverageRoutes } from './routes/coverage.js';
import { installErrorHandler } from './routes/errors.js';
import { stickerRoutes } from './routes/stickers.js';
import { verifyRoutes } from './routes/verify.js';
import { memorySerials, type SerialSource } from './serials.js';
import type { KeyRing } from './signing/keys.js';

/** What {@link buildApp} needs. */
export interface BuildAppOptions {
  config: Config;
  keyRing: KeyRing;
  /** Default: in memory, from 1. */
  serials?: SerialSource;
  /** Today's date (ISO); default: today in `config.timeZone`. Tests set it to check expiry. */
  today?: () => string;
  /** Fastify's logger option; default: pino at `config.logLevel`, with request bodies never logged. */
  logger?: FastifyServerOptions['logger'];
}

const VERSION = '0.1.0';

/**
 * Builds the print service (not listening). Use `app.inject` in tests, `app.listen` to serve.
 *
 * Routes: `POST /v1/stickers`, `POST /v1/coverage` (API key), `GET /v1/regions/:code`, `GET /v/:token`
 * (public), `GET /v1/keys`, `GET /health`,
 * `GET /openapi.json`, `GET /docs`.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, keyRing } = options;
  const today = options.today ?? (() => todayIn(config.timeZone));
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // never log what could carry personal data: bodies are not logged by Fastify; headers with keys are redacted
      redact: ['req.headers.authorization'],
    },
    bodyLimit: config.bodyLimit,
    trustProxy: false,
    // sticker tokens are about 180 characters
    routerOptions: { maxParamLength: 1024 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, config.bodyLimit);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'cakupan print service',
        version: VERSION,
        description:
          'Print-ready green/red QR stickers for BPJS Ketenagakerjaan coverage (green = registered, red = not registered), and verification of scanned stickers.',
      },
      servers: [{ url: config.publicBaseUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from API_KEYS' } } },
      tags: [
        { name: 'stickers', description: 'Sticker PDFs' },
        { name: 'verification', description: 'What a scanned sticker says' },
        { name: 'coverage', description: 'Coverage calculations and regions' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyMultipart, { limits: { fileSize: config.uploadLimit } });

  const keyHashes = config.apiKeys.map(sha256);
  const keyOf = (authorization: string | undefined): Buffer | undefined => {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const h = sha256(m[1]!);
    return keyHashes.some((k) => timingSafeEqual(k, h)) ? h : undefined;
  };

  await app.register(fastifyRateLimit, {
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    // per API key where one is given, else per address
    keyGenerator: (request) => keyOf(request.headers.authorization)?.toString('hex') ?? request.ip,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `rate limit of ${context.max} requests per ${context.after} exceeded; retry later`,
    }),
  });

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // routes that need an API key
  await app.register(async (secured) => {
    secured.addHook('onRequest', async (request, reply) => {
      if (!keyOf(request.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer');
        return reply.status(401).send({ statusCode: 401, error: 'Unauthorized', message: 'missing or wrong API key: send Authorization: Bearer <key>' });
      }
    });
    await secured.register(stickerRoutes, {
      keyRing,
      serials: options.serials ?? memorySerials(),
      publicBaseUrl: config.publicBaseUrl,
      issuer: config.issuer,
      validDays: config.validDays,
      maxStickers: config.maxStickers,
      today,
    });
    await secured.register(coverageRoutes, { uploadLimit: config.uploadLimit, maxRecords: config.maxCoverageRecords });
  });
  await app.register(verifyRoutes, { keyRing, today });
  return app;
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
