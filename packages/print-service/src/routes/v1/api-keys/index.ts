/**
 * The API keys kept in the store — machines' service accounts (permission `keys:manage`:
 * administrators): made with a label, a role and a scope that suits it, shown once, revoked by
 * label — without a restart. Every change is in the audit log.
 */
import { apiKeyInfoSchema, apiKeyParams, apiKeysSchema, createApiKeyBody, createdApiKeySchema, errorResponseSchema } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requireScopeFits } from '../accounts/index.js';

export interface ApiKeyRoutesOptions {
  store: Pick<Store, 'apiKeys'>;
  /** Called after a change, so that this service uses it at once. */
  changed: () => Promise<void>;
}

export const apiKeyRoutes: FastifyPluginAsync<ApiKeyRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/api-keys',
    {
      config: { permission: 'keys:manage' },
      schema: {
        summary: 'The API keys kept in the store (administrators)',
        tags: ['keys'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        response: { 200: apiKeysSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      return { keys: (await opts.store.apiKeys.list()) as never };
    },
  );

  typed.post(
    '/v1/api-keys',
    {
      config: { permission: 'keys:manage' },
      schema: {
        summary: 'Make an API key with a scope (administrators)',
        description:
          'Answers the key once — it is kept only as its sha256 and cannot be shown again. `role`: what it may do (the permission table); `scope`: a ' +
          'province, city, district or village code that suits the role — the key then acts only there and below. Without `scope` it sees everything.',
        tags: ['keys'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema, 400: errorResponseSchema, 403: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      requireScopeFits(request.body.role, request.body.scope ?? null);
      // a label in use is the store's `conflict`: 409 by the one error handler
      const made = await opts.store.apiKeys.add({ label: request.body.label, role: request.body.role, scope: request.body.scope ?? null, by: request.principal?.label ?? null });
      await opts.changed();
      return reply.status(201).send(made as never);
    },
  );

  typed.post(
    '/v1/api-keys/:label/revoke',
    {
      config: { permission: 'keys:manage' },
      schema: {
        summary: 'Revoke an API key (administrators)',
        description: 'At once on this service; other instances sharing the store stop accepting it within 5 seconds.',
        tags: ['keys'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        params: apiKeyParams,
        response: { 200: apiKeyInfoSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const revoked = await opts.store.apiKeys.revoke(request.params.label, request.principal?.label ?? null);
      if (!revoked) throw new HttpError(404, `no API key labelled ${request.params.label}`);
      await opts.changed();
      return revoked as never;
    },
  );
};
