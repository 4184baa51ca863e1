/**
 * The API keys kept in the store, managed by an administrator (a key from API_KEYS): made with a
 * label and a scope (a city, a district or a village), shown once, revoked by label — without a
 * restart. Every change is in the audit log.
 */
import { apiKeyInfoSchema, apiKeyParams, apiKeysSchema, createApiKeyBody, createdApiKeySchema, errorResponseSchema } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requireAdmin } from '../../../plugins/scope.js';

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
      schema: {
        summary: 'The API keys kept in the store (administrators)',
        tags: ['keys'],
        security: [{ bearerAuth: [] }],
        response: { 200: apiKeysSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      requireAdmin(request, 'listing the API keys');
      return { keys: await opts.store.apiKeys.list() };
    },
  );

  typed.post(
    '/v1/api-keys',
    {
      schema: {
        summary: 'Make an API key with a scope (administrators)',
        description:
          'Answers the key once — it is kept only as its sha256 and cannot be shown again. `scope`: a city, district or village code; the key ' +
          'then reads, prints, imports and sends events only there and below (403 elsewhere). Without `scope` it sees everything.',
        tags: ['keys'],
        security: [{ bearerAuth: [] }],
        body: createApiKeyBody,
        response: { 201: createdApiKeySchema, 400: errorResponseSchema, 403: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      requireAdmin(request, 'making an API key');
      // a label in use is the store's `conflict`: 409 by the one error handler
      const made = await opts.store.apiKeys.add({ label: request.body.label, scope: request.body.scope ?? null, by: request.principal?.label ?? null });
      await opts.changed();
      return reply.status(201).send(made);
    },
  );

  typed.post(
    '/v1/api-keys/:label/revoke',
    {
      schema: {
        summary: 'Revoke an API key (administrators)',
        description: 'At once on this service; other instances sharing the store stop accepting it within 5 seconds.',
        tags: ['keys'],
        security: [{ bearerAuth: [] }],
        params: apiKeyParams,
        response: { 200: apiKeyInfoSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      requireAdmin(request, 'revoking an API key');
      const revoked = await opts.store.apiKeys.revoke(request.params.label, request.principal?.label ?? null);
      if (!revoked) throw new HttpError(404, `no API key labelled ${request.params.label}`);
      await opts.changed();
      return revoked;
    },
  );
};
