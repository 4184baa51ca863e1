/**
 * Employers from the store: the field officers' worklist (`GET /v1/employers`) and compliance per
 * region (`GET /v1/employers/compliance`).
 */
import { complianceQuery, complianceSchema, csvAnswer, employersPageSchema, employersQuery, errorResponseSchema } from '@cakupan/contract';
import { csvLine, isBelowRegion } from '@cakupan/core';
import { regionPage } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parentOf } from '../../../plugins/regionParent.js';
import { requireInScope, scopeOf } from '../../../plugins/scope.js';

export interface EmployerRoutesOptions {
  store: Pick<Store, 'employers' | 'compliance'>;
}

const CSV_COLUMNS = 'id,name,village_code,village,rw,rt,npp,status,registered,reason';

export const employerRoutes: FastifyPluginAsync<EmployerRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/employers',
    {
      config: { permission: 'employers:read' },
      schema: {
        summary: 'Employers of a region, a page at a time: the field officers’ worklist',
        description:
          '`status=unregistered` lists the employers whose sticker is red (no NPP, inactive or unknown status — core’s sticker rule), with their ' +
          `address (village, RW, RT). \`region\` down to RT; \`limit\` 1–1000; \`after\` = the \`next\` of the previous page; \`format=csv\` for a spreadsheet (columns ${CSV_COLUMNS}; the next page's \`after\` in \`x-next\`).`,
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: employersQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: employersPageSchema.or(csvAnswer), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { status, limit, after, format } = request.query;
      const region = request.query.region?.code ?? scopeOf(request) ?? undefined;
      if (region) requireInScope(request, region, ['region']);
      const page = await opts.store.employers({ ...(region && { region }), status, limit, ...(after && { after }) });
      if (format !== 'csv') return page;
      const lines = [CSV_COLUMNS, ...page.employers.map((e) => csvLine([e.id, e.name, e.villageCode, e.villageName, e.rw, e.rt, e.npp, e.status, e.registered, e.reason]))];
      if (page.next) reply.header('x-next', page.next);
      return reply.type('text/csv; charset=utf-8').send(`${lines.join('\n')}\n`);
    },
  );

  typed.get(
    '/v1/employers/compliance',
    {
      config: { permission: 'employers:read' },
      schema: {
        summary: 'Employer compliance per region, from the store',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: complianceQuery,
        response: { 200: complianceSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const { level, after, limit } = request.query;
      const parent = parentOf(request, request.query.parent, level);
      const report = await opts.store.compliance(parent ? [parent.level, level] : [level]);
      const { page, next } = regionPage(
        report.regions.filter((r) => r.level === level && (!parent || isBelowRegion(r.code, parent.code))),
        after?.code,
        limit,
      );
      // the parent's own figures (or everything's) beside its children
      const parentRow = parent && report.regions.find((r) => r.code === parent.code);
      const totals = parent ? { employers: parentRow?.employers ?? 0, registered: parentRow?.registered ?? 0, ratio: parentRow?.ratio ?? null } : report.totals;
      return { level, parent: parent?.code ?? null, regions: page, next, totals };
    },
  );
};
