/**
 * Imports of the exports over HTTP (`/v1/imports`): upload, dry run, guarded apply, history,
 * rejected rows, undo. The store stages and checks every file (`@cakupan/store`, imports/);
 * these handlers read the form, pass the key's scope and label, and map the answers.
 */
import { csvAnswer, errorResponseSchema, IMPORT_PERMISSION, importAppliedSchema, importConflictSchema, importDryRunOrDuplicateSchema, importFieldsSchema, importParams, importQuery, importsPageSchema, importsQuery, revertAnswerSchema } from '@cakupan/contract';
import { fromZodIssues } from '@cakupan/core';
import { ImportConflictError, type ImportCsvOptions, type ImportViewer, RevertConflictError, type Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { HttpError, sendError, summarise } from '../../../plugins/errors.js';
import { requirePermission } from '../../../plugins/permissions.js';
import { scopeOf } from '../../../plugins/scope.js';
import { readUpload } from '../../../plugins/upload.js';

/** The imports a request's key sees: all for a key of the whole store, else its own and its region's. */
function viewerOf(request: FastifyRequest): { viewer?: ImportViewer } {
  const scope = scopeOf(request);
  return scope === null ? {} : { viewer: { scope, label: request.apiKeyLabel ?? null } };
}

export interface ImportRoutesOptions {
  store: Store;
  /** Largest uploaded file, bytes. */
  uploadLimit: number;
  /** The deadline of a request that uploads a file, ms (Fastify's `handlerTimeout`). */
  uploadTimeoutMs?: number;
}

export const importRoutes: FastifyPluginAsync<ImportRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/imports',
    {
      config: { permission: 'imports:write' },
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      schema: {
        summary: 'Import an export into the store (or, with dryRun, see what importing it would do)',
        description:
          '`multipart/form-data` with the file as `file` (CSV with `,` or `;`, or an Excel workbook .xlsx: its first sheet, or the one named by `sheet`) and fields `kind` (residents | participants | employers), `asOf` ' +
          '(the export’s own date), optionally `preset` (a hint: SIAK and OpenSID headers are recognised by themselves), `columns` (JSON: canonical ' +
          'column → the file’s header), `dateOrder` (dmy | mdy, for dates such as 03/04/2017), `villageCode` (an OpenSID export of one desa). ' +
          '`dryRun=true` (a field, or the query) answers 200 with what applying would do — rows read / used / rejected with the first rejects, ' +
          'residents added / removed / changed per region, accounts added / changed / ended, coverage before → after on the export’s date — and ' +
          'changes nothing. Applying answers 201. A file with no usable row, a register losing more than 10 %, an export older than the one in ' +
          'force, or accounts changed more than 10 % or moved to another NIK answer **409** with the preview and its `confirm` token (none for a ' +
          'file with no usable row): send the file again with `confirm` to apply it. Residents replace the register of their cities (or of the ' +
          'key’s scope inside one) and no other; participant accounts are upserted by KPJ, employers by id; a scoped key’s rows outside its scope ' +
          'are rejected. The file in force sent again answers 200 with `duplicate: true`. Every applied import can be undone (`/v1/imports/{id}/revert`).',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        response: {
          200: importDryRunOrDuplicateSchema,
          201: importAppliedSchema,
          400: errorResponseSchema,
          409: importConflictSchema,
          413: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new HttpError(415, 'send multipart/form-data with the export as `file`');
      const { files, fields, done, csvError } = await readUpload(request, { fileFields: ['file'], required: ['file'], hint: 'the export goes in the field `file`', uploadLimit: opts.uploadLimit });
      try {
        const parsed = importFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          const issues = fromZodIssues(parsed.error.issues);
          throw new HttpError(400, summarise('form field', issues), issues);
        }
        const { kind, dryRun, confirm, ...reading } = parsed.data;
        requirePermission(request, IMPORT_PERMISSION[kind], `importing ${kind}`);
        const options: ImportCsvOptions = {
          kind,
          path: files.file!.path,
          fileName: files.file!.fileName,
          ...Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined)),
          ...(confirm && { confirm }),
          scope: scopeOf(request),
          ...(request.apiKeyLabel && { apiKeyLabel: request.apiKeyLabel }),
        };
        if (dryRun === true || request.query.dryRun === true) return reply.status(200).send({ dryRun: true as const, preview: await opts.store.previewImport(options) });
        const result = await opts.store.importCsv(options);
        return result.duplicate ? reply.status(200).send({ ...result, duplicate: true as const }) : reply.status(201).send({ ...result, duplicate: false as const });
      } catch (err) {
        if (err instanceof ImportConflictError) {
          return reply.status(409).send({ statusCode: 409, error: 'Conflict', message: err.message, preview: err.preview });
        }
        throw csvError(err);
      } finally {
        done();
      }
    },
  );

  typed.get(
    '/v1/imports',
    {
      config: { permission: 'imports:read' },
      schema: {
        summary: 'The imports, newest first, a page at a time',
        description:
          '`limit` 1–1000 (default 100); `before` = the `next` of the previous page (an import id). A key of a region sees the imports it made ' +
          'and those of its region (a residents import of its village or below), no other.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: importsQuery,
        response: { 200: importsPageSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const { before, limit } = request.query;
      // one more than asked tells whether there is a next page
      const imports = await opts.store.imports({ ...(before !== undefined && { before }), limit: limit + 1, ...viewerOf(request) });
      const more = imports.length > limit;
      const page = more ? imports.slice(0, limit) : imports;
      return { imports: page, next: more ? page[page.length - 1]!.id : null };
    },
  );

  typed.get(
    '/v1/imports/:id/rejects',
    {
      config: { permission: 'imports:read' },
      schema: {
        summary: 'The rows an import rejected, as CSV (line, column, code, message)',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        params: importParams,
        produces: ['text/csv'],
        response: { 200: csvAnswer.describe('line, column, code, message — streamed'), 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // an import the key does not see answers as one that does not exist
      if ((await opts.store.import(request.params.id, viewerOf(request).viewer)) === undefined) throw new HttpError(404, `no import ${request.params.id}`);
      // streamed as the store gives it, a piece at a time
      return reply.type('text/csv; charset=utf-8').send(Readable.from(opts.store.importRejectsCsvChunks(request.params.id)));
    },
  );

  typed.post(
    '/v1/imports/:id/revert',
    {
      config: { permission: 'imports:revert' },
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      schema: {
        summary: 'Undo an applied import: the register and accounts return exactly to what they were before it',
        description:
          'Possible while the import is the one in force (no later import of the same register or kind came over it: revert that first) and among ' +
          'the 5 latest imports of its kind; 409 otherwise. Keys of a region may undo the imports they made; audited.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        params: importParams,
        response: { 200: revertAnswerSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const target = await opts.store.import(request.params.id, viewerOf(request).viewer);
      // a key of a region undoes its own imports only; any other answers as if there were none
      if (target === undefined || (scopeOf(request) !== null && target.apiKeyLabel !== (request.apiKeyLabel ?? null))) throw new HttpError(404, `no import ${request.params.id}`);
      requirePermission(request, IMPORT_PERMISSION[target.kind], `undoing an import of ${target.kind}`);
      try {
        const reverted = await opts.store.revertImport(target.id, request.apiKeyLabel ?? null);
        if (reverted === undefined) throw new HttpError(404, `no import ${request.params.id}`);
        return { import: reverted };
      } catch (err) {
        if (err instanceof RevertConflictError) return sendError(reply.status(409), 409, err.message);
        throw err;
      }
    },
  );
};
