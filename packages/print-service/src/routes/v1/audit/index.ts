/**
 * `GET /v1/audit`: the audit log — prints, revocations, imports, key changes — newest first
 * (administrators).
 */
import { auditQuery, auditSchema } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export interface AuditRoutesOptions {
  store: Pick<Store, 'auditLog'>;
}

export const auditRoutes: FastifyPluginAsync<AuditRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        summary: 'The audit log: prints, revocations, newest first',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: auditQuery,
        response: { 200: auditSchema },
      },
    },
    async (request) => {
      return { entries: await opts.store.auditLog({ ...(request.query.before !== undefined && { before: request.query.before }), limit: request.query.limit }) };
    },
  );
};
