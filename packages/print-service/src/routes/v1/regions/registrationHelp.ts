/**
 * `GET`/`PUT /v1/regions/{code}/registration-help`: how to register in a region — the office red
 * stickers and their verification pages send people to. A region's own, or the nearest above it.
 * Setting it is the city's (`regions:configure`), inside its scope.
 */
import { errorResponseSchema, regionField, registrationHelpBody, registrationHelpSchema } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireInScope } from '../../../plugins/scope.js';

export interface RegistrationHelpRoutesOptions {
  store: Pick<Store, 'registrationHelp'>;
}

export const registrationHelpRoutes: FastifyPluginAsync<RegistrationHelpRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
  const params = z.object({ code: regionField });
  const answer = async (code: string) => {
    const found = (await opts.store.registrationHelp.of([code])).get(code);
    return { region: code, setFor: found?.regionCode ?? null, help: (found?.help ?? null) as never, updatedBy: found?.updatedBy ?? null, updatedAt: found?.updatedAt ?? null };
  };

  typed.get(
    '/v1/regions/:code/registration-help',
    {
      config: { permission: 'regions:read' },
      schema: { summary: 'How to register in a region (its own, or the nearest region’s above it)', tags: ['regions'], security, params, response: { 200: registrationHelpSchema, 400: errorResponseSchema, 403: errorResponseSchema } },
    },
    async (request) => {
      requireInScope(request, request.params.code.code, ['code']);
      return answer(request.params.code.code);
    },
  );

  typed.put(
    '/v1/regions/:code/registration-help',
    {
      config: { permission: 'regions:configure' },
      schema: {
        summary: 'Set how to register in a region: the office, address, hours, phone, WhatsApp, website',
        description: 'Red stickers printed from now on carry it in one line (`Cara daftar: …`), and their verification pages in full; villages below take it unless they have their own.',
        tags: ['regions'],
        security,
        params,
        body: registrationHelpBody,
        response: { 200: registrationHelpSchema, 400: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      const code = request.params.code.code;
      requireInScope(request, code, ['code']);
      await opts.store.registrationHelp.set(code, request.body, request.apiKeyLabel ?? 'unknown');
      return answer(code);
    },
  );

  typed.delete(
    '/v1/regions/:code/registration-help',
    {
      config: { permission: 'regions:configure' },
      schema: { summary: 'Remove a region’s own help (the region above’s applies again)', tags: ['regions'], security, params, response: { 200: registrationHelpSchema, 400: errorResponseSchema, 403: errorResponseSchema } },
    },
    async (request) => {
      const code = request.params.code.code;
      requireInScope(request, code, ['code']);
      await opts.store.registrationHelp.set(code, null, request.apiKeyLabel ?? 'unknown');
      return answer(code);
    },
  );
};
