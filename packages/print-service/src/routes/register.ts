/**
 * The issued-sticker register over HTTP: the stickers printed (by region, a page at a time, JSON
 * or CSV), revoking one by hand, and the audit log. Needs the store.
 */
import { printedText } from '@cakupan/print';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, HttpError } from './errors.js';
import { requireAdmin, requireInScope, scopeOf } from './scope.js';
import { parseRegionCode, csvLine } from '@cakupan/core';

export interface RegisterRoutesOptions {
  store: Pick<Store, 'stickers' | 'auditLog'>;
}

const stickerRecordSchema = z.object({
  serial: z.number().int(),
  kind: z.enum(['employer', 'household']),
  subjectId: z.string().nullable().describe('The employer’s id; none for a household'),
  label: z.string().describe('The employer’s name or the household label, as printed'),
  villageCode: z.string().nullable(),
  rw: z.number().int().nullable(),
  rt: z.number().int().nullable(),
  registered: z.boolean().describe('The colour printed: green when registered'),
  reason: z.string().describe('core stickerStatus reason at printing'),
  issuedOn: z.string(),
  validUntil: z.string(),
  keyId: z.string(),
  source: z.string().describe('The request that printed it and the API key’s label'),
  printedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  revokedBy: z.string().nullable(),
});

const CSV_COLUMNS = ['serial', 'kind', 'subjectId', 'label', 'villageCode', 'rw', 'rt', 'registered', 'reason', 'issuedOn', 'validUntil', 'keyId', 'printedAt', 'revokedAt', 'revokedReason'] as const;

export const registerRoutes: FastifyPluginAsync<RegisterRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/stickers',
    {
      schema: {
        summary: 'The stickers printed, by region',
        description:
          'The issued-sticker register in serial order: what each sticker said when printed, and its revocation. `region` from a province ' +
          'down to an RT; `limit` 1–1000; `after` = the `next` of the previous page; `format=csv` for a spreadsheet (the next page’s `after` in `x-next`).',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          region: z.string().max(40).optional(),
          after: z.coerce.number().int().min(0).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          format: z.enum(['json', 'csv']).optional(),
        }),
        response: { 200: z.object({ stickers: z.array(stickerRecordSchema), next: z.number().int().nullable() }).or(z.string()), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { after, limit, format } = request.query;
      const region = request.query.region ?? scopeOf(request) ?? undefined;
      if (region !== undefined && parseRegionCode(region).success) requireInScope(request, region, ['region']);
      let page: Awaited<ReturnType<typeof opts.store.stickers.list>>;
      try {
        page = await opts.store.stickers.list({ ...(region !== undefined && { region }), ...(after !== undefined && { after }), limit });
      } catch (err) {
        if (err instanceof RangeError) throw new HttpError(400, err.message, [{ code: 'invalid_value', path: ['region'], message: err.message }]);
        throw err;
      }
      if (format !== 'csv') return page;
      const lines = [CSV_COLUMNS.join(','), ...page.stickers.map((s) => csvLine(CSV_COLUMNS.map((c) => s[c])))];
      if (page.next !== null) reply.header('x-next', String(page.next));
      return reply.type('text/csv; charset=utf-8').serializer((x) => x as string).send(`${lines.join('\n')}\n`);
    },
  );

  typed.post(
    '/v1/stickers/:serial/revoke',
    {
      schema: {
        summary: 'Revoke a sticker by hand',
        description:
          'From now on its verification page says DICABUT / revoked, why and since when, and it is in `GET /v1/revocations`. A sticker is ' +
          'revoked once: revoking it again answers the first revocation. The reason is shown publicly: no personal data.',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }],
        params: z.object({ serial: z.coerce.number().int().min(1).max(0xffffffff) }),
        body: z.object({ reason: printedText('reason', 200) }).strict(),
        response: { 200: stickerRecordSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const sticker = await opts.store.stickers.get(request.params.serial);
      if (!sticker) throw new HttpError(404, `no sticker with serial ${request.params.serial} in the register`);
      requireInScope(request, sticker.villageCode ?? 'a sticker without a village', ['serial']);
      const revoked = await opts.store.stickers.revoke(request.params.serial, request.body.reason, request.apiKeyLabel ?? null);
      if (!revoked) throw new HttpError(404, `no sticker with serial ${request.params.serial} in the register`);
      return revoked;
    },
  );

  typed.get(
    '/v1/audit',
    {
      schema: {
        summary: 'The audit log: prints, revocations, newest first',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({ before: z.coerce.number().int().min(1).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.object({ entries: z.array(z.object({ id: z.number(), at: z.string(), actor: z.string().nullable(), action: z.string(), subject: z.string().nullable(), count: z.number().nullable(), detail: z.unknown() })) }) },
      },
    },
    async (request) => {
      requireAdmin(request, 'reading the audit log');
      return { entries: await opts.store.auditLog({ ...(request.query.before !== undefined && { before: request.query.before }), limit: request.query.limit }) };
    },
  );
};
