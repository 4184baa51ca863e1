/**
 * The issued-sticker register over HTTP: the stickers printed (by region, a page at a time, JSON
 * or CSV) and revoking one by hand. Needs the store.
 */
import { printedText } from '@cakupan/print';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvAnswer, errorResponseSchema, STICKER_CSV_COLUMNS, stickerParams, stickerRecordSchema, stickersPageSchema, stickersQuery } from '@cakupan/contract';
import { parseRegionCode, csvLine, REVOCATION_REASON_WORDS, REVOCATION_REASONS } from '@cakupan/core';
import { HttpError } from '../../../plugins/errors.js';
import { inScope, requireInScope, scopeOf } from '../../../plugins/scope.js';

export interface RegisterRoutesOptions {
  store: Pick<Store, 'stickers'>;
}

export const registerRoutes: FastifyPluginAsync<RegisterRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(
    '/v1/stickers',
    {
      config: { permission: 'stickers:read' },
      schema: {
        summary: 'The stickers printed, by region',
        description:
          'The issued-sticker register in serial order: what each sticker said when printed, and its revocation. `region` from a province ' +
          'down to an RT; `limit` 1–1000; `after` = the `next` of the previous page; `format=csv` for a spreadsheet (the next page’s `after` in `x-next`).',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: stickersQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: stickersPageSchema.or(csvAnswer), 400: errorResponseSchema },
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
      const lines = [STICKER_CSV_COLUMNS.join(','), ...page.stickers.map((s) => csvLine(STICKER_CSV_COLUMNS.map((c) => s[c])))];
      if (page.next !== null) reply.header('x-next', String(page.next));
      return reply.type('text/csv; charset=utf-8').send(`${lines.join('\n')}\n`);
    },
  );

  typed.post(
    '/v1/stickers/:serial/revoke',
    {
      config: { permission: 'stickers:revoke' },
      schema: {
        summary: 'Revoke a sticker by hand',
        description:
          'From now on its verification page says DICABUT / revoked, why and since when, and it is in `GET /v1/revocations`. A sticker is ' +
          'revoked once: revoking it again answers the first revocation. `reason` is one of a list, shown publicly in words (' +
          REVOCATION_REASONS.map((r) => `\`${r}\`: ${REVOCATION_REASON_WORDS.en[r]}`).join('; ') +
          '); `note`, an officer’s own words, goes to the audit log only and is never shown publicly.',
        tags: ['stickers'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        params: stickerParams,
        body: z.object({ reason: z.enum(REVOCATION_REASONS), note: printedText('note', 500).optional().describe('Internal: kept in the audit log, never public') }).strict(),
        response: { 200: stickerRecordSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const sticker = await opts.store.stickers.get(request.params.serial);
      // a sticker outside the caller's scope answers as one that does not exist
      const scope = scopeOf(request);
      if (!sticker || (scope !== null && (sticker.villageCode === null || !inScope(scope, sticker.villageCode)))) throw new HttpError(404, `no sticker with serial ${request.params.serial} in the register`);
      const revoked = await opts.store.stickers.revoke(request.params.serial, request.body.reason, request.apiKeyLabel ?? null, request.body.note);
      if (!revoked) throw new HttpError(404, `no sticker with serial ${request.params.serial} in the register`);
      return revoked;
    },
  );
};
