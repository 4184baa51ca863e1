/**
 * The OpenAPI document, generated from the routes' schemas (`@cakupan/contract`) with each
 * operation's permission (`x-permission`), at
 * `/openapi.json`, and its page at `/docs` under the same rule: nothing loaded from elsewhere.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export interface OpenApiOptions {
  version: string;
  publicBaseUrl: string;
}

/** Registers the generator (before the routes, which it then reads) and the documentation page. */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'cakupan print service',
        version: options.version,
        description:
          'Print-ready green/red QR stickers for BPJS Ketenagakerjaan coverage (green = registered, red = not registered), and verification of scanned stickers. ' +
          'Errors have one shape: { statusCode, error, message, issues? }, each issue { code, message, path, line?, column? }.',
      },
      servers: [{ url: options.publicBaseUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: an administrator’s from API_KEYS, or a service account’s made at /v1/api-keys' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'cakupan_session', description: 'A person’s session (POST /v1/session); requests that change something add the x-csrf-token header' },
        },
      },
      tags: [
        { name: 'session', description: 'Signing in and out' },
        { name: 'accounts', description: 'Officers’ accounts (administrators)' },
        { name: 'keys', description: 'API keys: machines’ service accounts (administrators)' },
        { name: 'requisitions', description: 'Sticker requisitions: requested, approved, printed' },
        { name: 'field', description: 'The field work: stickers put up, employers visited' },
        { name: 'regions', description: 'A region’s settings: how to register' },
        { name: 'stickers', description: 'Sticker PDFs' },
        { name: 'verification', description: 'What a scanned sticker says' },
        { name: 'coverage', description: 'Coverage calculations and regions' },
        { name: 'monitoring', description: 'The store: imports of the exports and coverage from them' },
      ],
    },
    // each operation says the permission it needs (`x-permission`: the routes' own declaration)
    transform: (args) => {
      const out = jsonSchemaTransform(args);
      const permission = (args.route.config as { permission?: string } | undefined)?.permission;
      return permission ? { ...out, schema: { ...out.schema, 'x-permission': permission } } : out;
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: true,
    transformStaticCSP: () =>
      "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'",
  });
}

/** `GET /openapi.json`, limited per address. */
export function serveOpenApiDocument(app: FastifyInstance, limit: onRequestHookHandler): void {
  app.get('/openapi.json', { schema: { hide: true }, onRequest: limit }, async () => app.swagger());
}
