/**
 * Coverage over HTTP: `POST /v1/coverage` computes it from records sent with the request (JSON, or
 * the two CSV exports as a multipart upload; the same report as the `cakupan` CLI); with the store,
 * `GET /v1/coverage` reads it on a date and `GET /v1/coverage/series` at each month-end.
 */
import {
  coverageReportSchema,
  coverageRequestQuery,
  coverageRequestSchema,
  coverageUploadFields,
  csvAnswer,
  errorResponseSchema,
  seriesQuery,
  seriesSchema,
  storedCoverageQuery,
  storedCoverageSchema,
  REGION_PAGE,
  XLSX_MEDIA_TYPE,
  xlsxAnswer,
} from '@cakupan/contract';
import { computeCoverage, coverageToCsv, fromZodIssues, isBelowRegion, isLevelBelow } from '@cakupan/core';
import { coverageFromCsv } from '@cakupan/core/node';
import { regionPage } from '@cakupan/monitoring';
import { MAX_SERIES_CELLS, MAX_SERIES_DATES, SeriesTooLargeError, type Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError, summarise } from '../../../plugins/errors.js';
import { parentOf } from '../../../plugins/regionParent.js';
import { requireInScope } from '../../../plugins/scope.js';
import { readUpload } from '../../../plugins/upload.js';
import { coverageWorkbook } from '../../../coverage/coverageWorkbook.js';


export interface CoverageRoutesOptions {
  /** Largest uploaded CSV file, bytes. */
  uploadLimit: number;
  /** Most records per JSON request (residents + participants). */
  maxRecords: number;
  /** The deadline of a request that uploads a file, ms (Fastify's `handlerTimeout`). */
  uploadTimeoutMs?: number;
  /** The monitoring store: with it, `GET /v1/coverage` and the series are served. */
  store?: Pick<Store, 'coverage' | 'series'> | undefined;
}

const EXAMPLE = {
  asOf: '2017-12-31',
  levels: ['village', 'rt'],
  residents: [
    { nik: '3271011705900001', birthDate: '1990-05-17', villageCode: '3271011001', rw: '003', rt: '005' },
    { nik: '3271015705920001', birthDate: '1992-05-17', villageCode: '3271011001', rw: '003', rt: '005' },
  ],
  participants: [{ nik: '3271011705900001', segment: 'PU', status: 'aktif', registeredOn: '2016-03-01' }],
};

/** The form's fields and files. */
const FILE_FIELDS = ['residents', 'participants', 'employers'];

export const coverageRoutes: FastifyPluginAsync<CoverageRoutesOptions> = async (app, opts) => {
  const send = (reply: FastifyReply, format: string | undefined, report: { regions: Parameters<typeof coverageToCsv>[0] }) =>
    format === 'csv' ? reply.type('text/csv; charset=utf-8').send(coverageToCsv(report.regions)) : reply.send(report);

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/coverage',
    {
      config: { permission: 'coverage:compute', heavy: true },
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      schema: {
        summary: 'Coverage per region, down to RT',
        description:
          'Send records as JSON (below), or the two CSV exports as `multipart/form-data` with files `residents` and `participants` ' +
          '(optional `employers`) in the canonical columns and fields `asOf`, `levels` (comma-separated), `format`, `preset` (`siak`), `minAge`. ' +
          'Returns the same report as `cakupan coverage --format json`: regions with level, code, name, eligible, covered, bySegment and ratio, and the workers 18+ figures (occupationKnown, workers, coveredWorkers, workerRatio); ' +
          'linkage figures; every rejected record as an issue { code, message, path } located by index, ref and field (JSON) or by line and column (CSV). Bad records do not fail the request.',
        tags: ['coverage'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        consumes: ['application/json', 'multipart/form-data'],
        querystring: coverageRequestQuery,
        body: coverageRequestSchema.nullish().meta({ examples: [EXAMPLE] }),
        produces: ['application/json', 'text/csv'],
        response: { 200: coverageReportSchema.or(csvAnswer).describe('The coverage report (JSON), or text/csv with format=csv'), 400: errorResponseSchema, 401: errorResponseSchema, 413: errorResponseSchema },
      },
    },
    async (request, reply) => {
      if (request.isMultipart()) return coverageFromUpload(request, reply);
      const body = request.body;
      if (!body) throw new HttpError(400, 'send a JSON body { asOf, residents, participants } or a multipart upload', [{ code: 'required', path: [], message: 'required' }]);
      if (body.residents.length + body.participants.length > opts.maxRecords) {
        throw new HttpError(413, `too many records: ${body.residents.length + body.participants.length}, the limit is ${opts.maxRecords}; upload CSV files for larger runs`);
      }
      const report = computeCoverage({
        asOf: body.asOf,
        residents: body.residents,
        participants: body.participants,
        ...(body.levels && { levels: body.levels }),
        ...(body.minAge !== undefined && { policy: { minAge: body.minAge } }),
      });
      return send(reply, body.format ?? request.query.format, report);
    },
  );

  async function coverageFromUpload(request: FastifyRequest, reply: FastifyReply) {
    const { files, fields, done, csvError } = await readUpload(request, {
      fileFields: FILE_FIELDS,
      required: ['residents', 'participants'],
      hint: 'send residents, participants and optionally employers, once each',
      uploadLimit: opts.uploadLimit,
    });
    try {
      const parsed = coverageUploadFields.safeParse(fields);
      if (!parsed.success) {
        const issues = fromZodIssues(parsed.error.issues);
        throw new HttpError(400, summarise('form field', issues), issues);
      }
      const f = parsed.data;
      try {
        const report = await coverageFromCsv({
          residents: files.residents!.path,
          participants: files.participants!.path,
          ...(files.employers && { employers: files.employers.path }),
          asOf: f.asOf,
          ...(f.levels && { levels: f.levels }),
          ...(f.minAge !== undefined && { policy: { minAge: f.minAge } }),
          ...(f.preset === 'siak' && { preset: 'siak' as const }),
        });
        return await send(reply, f.format ?? (request.query as { format?: string }).format, report);
      } catch (err) {
        throw csvError(err);
      }
    } finally {
      done();
    }
  }

  const store = opts.store;
  if (!store) return;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/coverage/series',
    {
      config: { permission: 'coverage:read', heavy: true },
      schema: {
        summary: 'Coverage at each month-end for a region and its children',
        description:
          'From the store. At each month-end the current register is the population (ages on that date) and the accounts active on that date ' +
          'count: a past month answers how covered today’s register was then (the register is a semester snapshot, not a history). ' +
          `Bounded: at most ${MAX_SERIES_DATES} month-ends and ${MAX_SERIES_CELLS} cells ((1 + children) × month-ends); more answers 400 naming the limit.`,
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: seriesQuery,
        response: { 200: seriesSchema, 400: errorResponseSchema },
      },
    },
    async (request) => {
      const { region, children, from, to } = request.query;
      requireInScope(request, region.code, ['region']);
      if (children !== undefined && !isLevelBelow(children, region.level)) {
        throw new HttpError(400, `the children of a ${region.level} are below it`, [{ code: 'inconsistent', path: ['children'], message: `must be below ${region.level}` }]);
      }
      if (region.level === 'rt') {
        const message = 'an RT has no children: give a region above it';
        throw new HttpError(400, `invalid region: ${message}`, [{ code: 'invalid_value', path: ['region'], message }]);
      }
      if (from > to) throw new HttpError(400, 'from must not be after to', [{ code: 'inconsistent', path: ['from'], message: 'after to' }]);
      try {
        const points = await store.series({ region: region.code, level: region.level, childLevel: children, from, to, signal: request.signal });
        return { region: region.code, level: region.level, every: 'month' as const, points };
      } catch (err) {
        // the limit is named: a longer period than MAX_SERIES_DATES, or more cells than MAX_SERIES_CELLS
        if (err instanceof SeriesTooLargeError) throw new HttpError(400, err.message, [{ code: 'out_of_range', path: [err.what === 'dates' ? 'to' : 'children'], message: err.message }]);
        if (err instanceof RangeError) throw new HttpError(400, err.message, [{ code: 'out_of_range', path: ['to'], message: err.message }]);
        throw err;
      }
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/coverage',
    {
      config: { permission: 'coverage:read' },
      schema: {
        summary: 'Coverage from the store on a date, one level under a parent region',
        description:
          'The stored register and participant accounts, with core’s rules (the same figures as `POST /v1/coverage` on the same files). ' +
          '`level` (default village) and `parent` (a region code: only its children at that level) choose the rows; `format=csv` gives CSV, `format=xlsx` an Excel workbook (the same columns). ' +
          `A page holds at most \`limit\` regions (default ${REGION_PAGE}) in code order; \`next\` (and \`x-next\`) is the \`after\` of the next page.`,
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: storedCoverageQuery,
        produces: ['application/json', 'text/csv', XLSX_MEDIA_TYPE],
        response: { 200: storedCoverageSchema.or(csvAnswer).or(xlsxAnswer).describe('JSON; text/csv with format=csv; an Excel workbook with format=xlsx'), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { asOf, level, format, after, limit } = request.query;
      // a key with a scope reads its region and below: its scope is the parent unless it names one inside
      const parentRegion = parentOf(request, request.query.parent, level);
      const report = await store.coverage({ asOf, levels: parentRegion ? [parentRegion.level, level] : [level] });
      const { page: regions, next } = regionPage(
        report.regions.filter((r) => r.level === level && (parentRegion === undefined || isBelowRegion(r.code, parentRegion.code))),
        after?.code,
        limit,
      );
      if (next !== null) reply.header('x-next', next);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(coverageToCsv(regions));
      if (format === 'xlsx') {
        const name = `cakupan-${(parentRegion?.code ?? 'semua').replaceAll('.', '')}-${level}-${asOf}`;
        return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(coverageWorkbook(regions, `${level} ${asOf}`));
      }
      // the totals of the parent region (or of everything stored), beside its children
      const parentRow = parentRegion && report.regions.find((r) => r.code === parentRegion.code);
      const totals = parentRegion
        ? (parentRow ?? { residents: 0, eligible: 0, covered: 0, bySegment: { PU: 0, BPU: 0, JAKON: 0, PMI: 0 }, ratio: null, occupationKnown: 0, workers: 0, coveredWorkers: 0, workerRatio: null })
        : report.totals;
      return { asOf: report.asOf, level, parent: parentRow ?? (parentRegion ? { code: parentRegion.code, level: parentRegion.level } : null), totals, regions, next, linkage: report.linkage, records: report.records };
    },
  );
};
