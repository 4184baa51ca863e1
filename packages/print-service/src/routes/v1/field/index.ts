/**
 * The field work (`field:record`: field officers, village operators): a sticker put up, recorded
 * from a phone by its serial; a visit to an employer with its outcome. Both are history — two
 * officers recording the same sticker are both kept and shown — and a retried sync (the same
 * `clientId`) applies once. A revoked sticker is not put up: the answer names its replacement.
 * Stickers and employers outside the caller's scope answer as ones that do not exist.
 */
import { csvAnswer, employerParams, errorResponseSchema, fieldProgressQuery, fieldProgressSchema, fieldRecordsBody, fieldRecordsSchema, installationsSchema, installBody, installedSchema, MAX_FIELD_RECORDS, stickerParams, VISIT_OUTCOMES, visitBody, visitedSchema, visitsSchema } from '@cakupan/contract';
import type { z } from 'zod';
import { csvLine, regionName } from '@cakupan/core';
import { fieldProgressTotal, type FieldProgressRow, type Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { inScope, requestedRegion, scopeOf } from '../../../plugins/scope.js';

const CSV_COLUMNS = ['code', 'name', 'printed', 'in_force', 'installed', 'not_installed', 'to_replace', 'visited', ...VISIT_OUTCOMES, 'follow_ups_due'];

/** A revoked sticker is not put up: 409 naming the one that replaces it. */
class RevokedSticker extends HttpError {
  constructor(
    serial: number,
    readonly replacement: number | null,
  ) {
    super(409, `sticker ${serial} is revoked: ${replacement === null ? 'no replacement is printed yet' : `put up sticker ${replacement} instead`}`, [
      { code: 'conflict', path: ['serial'], message: replacement === null ? 'revoked, no replacement yet' : `revoked, replaced by ${replacement}` },
    ]);
  }
}

export interface FieldRoutesOptions {
  store: Pick<Store, 'field' | 'stickers' | 'employersByIds'>;
}

export const fieldRoutes: FastifyPluginAsync<FieldRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
  const within = (request: FastifyRequest, village: string | null) => {
    const scope = scopeOf(request);
    return scope === null || (village !== null && inScope(scope, village));
  };
  const sticker = async (request: FastifyRequest, serial: number) => {
    const found = await opts.store.stickers.get(serial);
    if (!found || !within(request, found.villageCode)) throw new HttpError(404, `no sticker with serial ${serial} in the register`);
    return found;
  };
  const employer = async (request: FastifyRequest, id: string) => {
    const found = (await opts.store.employersByIds([id])).get(id);
    if (!found || !within(request, found.villageCode)) throw new HttpError(404, `no employer ${id} in the store`);
    return found;
  };

  /** Records an installation of `serial` (in the caller's area, not revoked). @throws {HttpError} 404, 409 */
  const installOne = async (request: FastifyRequest, serial: number, body: z.infer<typeof installBody>) => {
    const found = await sticker(request, serial);
    if (found.revokedAt !== null) {
      const replacement = await opts.store.field.replacementOf(found.serial);
      throw new RevokedSticker(found.serial, replacement);
    }
    const { installation, repeated } = await opts.store.field.install({ serial: found.serial, installedAt: body.installedAt, by: request.apiKeyLabel ?? 'unknown', location: body.location, clientId: body.clientId });
    return { installation, repeated, installations: await opts.store.field.installations(found.serial) };
  };
  /** Records a visit to employer `id` (in the caller's area). @throws {HttpError} 404 */
  const visitOne = async (request: FastifyRequest, id: string, body: z.infer<typeof visitBody>) => {
    const found = await employer(request, id);
    return opts.store.field.visit({ employerId: found.id, outcome: body.outcome, followUpOn: body.followUpOn, visitedAt: body.visitedAt, by: request.apiKeyLabel ?? 'unknown', clientId: body.clientId });
  };

  typed.post(
    '/v1/stickers/:serial/installations',
    {
      config: { permission: 'field:record' },
      schema: {
        summary: 'Record that a sticker was put up (scanned by a field officer)',
        description:
          'When, and optionally where (GPS with its accuracy). Two officers recording the same sticker are both kept and both answered. A revoked ' +
          'sticker is not put up: 409 naming the serial that replaces it.',
        tags: ['field'],
        security,
        params: stickerParams,
        body: installBody,
        response: { 200: installedSchema, 201: installedSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const answer = await installOne(request, request.params.serial, request.body);
      return reply.status(answer.repeated ? 200 : 201).send(answer);
    },
  );

  typed.get(
    '/v1/stickers/:serial/installations',
    {
      config: { permission: 'stickers:read' },
      schema: { summary: 'A sticker’s installations, and for a revoked one its replacement', tags: ['field'], security, params: stickerParams, response: { 200: installationsSchema, 404: errorResponseSchema } },
    },
    async (request) => {
      const found = await sticker(request, request.params.serial);
      const revoked = found.revokedAt !== null;
      return { installations: await opts.store.field.installations(found.serial), revoked, replacement: revoked ? await opts.store.field.replacementOf(found.serial) : null };
    },
  );

  typed.post(
    '/v1/employers/:id/visits',
    {
      config: { permission: 'field:record' },
      schema: {
        summary: 'Record a visit to an employer: its outcome and when to follow up',
        tags: ['field'],
        security,
        params: employerParams,
        body: visitBody,
        response: { 200: visitedSchema, 201: visitedSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { visit, repeated } = await visitOne(request, request.params.id, request.body);
      return reply.status(repeated ? 200 : 201).send({ visit: visit as never, repeated });
    },
  );

  typed.get(
    '/v1/employers/:id/visits',
    { config: { permission: 'employers:read' }, schema: { summary: 'An employer’s visits, oldest first', tags: ['field'], security, params: employerParams, response: { 200: visitsSchema, 404: errorResponseSchema } } },
    async (request) => {
      const found = await employer(request, request.params.id);
      return { visits: (await opts.store.field.visits(found.id)) as never };
    },
  );

  typed.post(
    '/v1/field/records',
    {
      config: { permission: 'field:record' },
      schema: {
        summary: 'A phone’s queue of records at once: stickers put up and visits, each answered as its own route would',
        description:
          `Up to ${MAX_FIELD_RECORDS} records, applied in order, each once (its clientId): a phone back online after a day sends a few requests, not hundreds. ` +
          'Each result has the status the single route would answer (201, 200 for one sent before, 404 outside the caller’s area, 409 a revoked sticker with its replacement); ' +
          'one record refused never stops the others. A store that cannot answer stops the request (503): the phone sends the rest again.',
        tags: ['field'],
        security,
        body: fieldRecordsBody,
        response: { 200: fieldRecordsSchema, 400: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request) => {
      const results: z.infer<typeof fieldRecordsSchema>['results'] = [];
      for (const record of request.body.records) {
        try {
          if (record.kind === 'installation') {
            const { kind: _kind, serial, ...body } = record;
            const answer = await installOne(request, serial, body);
            results.push({ clientId: record.clientId, status: answer.repeated ? 200 : 201, repeated: answer.repeated, installations: answer.installations });
          } else {
            const { kind: _kind, employerId, ...body } = record;
            const { visit, repeated } = await visitOne(request, employerId, body);
            results.push({ clientId: record.clientId, status: repeated ? 200 : 201, repeated, visit: visit as never });
          }
        } catch (err) {
          if (!(err instanceof HttpError) || err.statusCode >= 500) throw err;
          results.push({ clientId: record.clientId, status: err.statusCode, message: err.message, ...(err instanceof RevokedSticker && { replacement: err.replacement }) });
        }
      }
      return { results };
    },
  );

  typed.get(
    '/v1/field/progress',
    {
      config: { permission: 'stickers:read' },
      schema: {
        summary: 'The stickering’s progress per child region: printed, put up, not yet, still to replace; employers visited by outcome, follow-ups due',
        description: 'Of `region` (default: the caller’s scope), one row per child region (a city’s districts … an RW’s RTs) with a sticker or a visit. `format=csv` for a spreadsheet.',
        tags: ['field'],
        security,
        querystring: fieldProgressQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: fieldProgressSchema.or(csvAnswer), 400: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = requestedRegion(request, request.query.region);
      if (region.level === 'rt') throw new HttpError(400, 'region: an RT has no children; ask for its RW', [{ code: 'invalid_value', path: ['region'], message: 'an RT has no children' }]);
      const { level, rows } = await opts.store.field.progress(region.code);
      const named = rows.map((r) => ({ ...r, name: regionName(r.code) ?? null }));
      if (request.query.format === 'csv') {
        const line = (r: FieldProgressRow & { name: string | null }) =>
          csvLine([r.code, r.name, r.printed, r.inForce, r.installed, r.notInstalled, r.toReplace, r.visited, ...VISIT_OUTCOMES.map((o) => r.byOutcome[o] ?? 0), r.followUpsDue]);
        return reply.type('text/csv; charset=utf-8').send(`${[CSV_COLUMNS.join(','), ...named.map(line)].join('\n')}\n`);
      }
      const total = fieldProgressTotal(rows);
      return { region: { code: region.code, level: region.level, name: region.name ?? null }, level, rows: named as never, total: total as never };
    },
  );
};
