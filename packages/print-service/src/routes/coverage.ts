/**
 * Coverage over HTTP: `POST /v1/coverage` (records as JSON, or the two CSV exports as a multipart
 * upload) and `GET /v1/regions/:code`. The same calculations and report as the `cakupan` CLI.
 */
import {
  ageYearsSchema,
  computeCoverage,
  coverageTextOptionsSchema,
  coverageToCsv,
  fromZodIssues,
  isoDateSchema,
  regionLevelSchema,
  REGION_LEVELS,
  regionCodeSchema,
  regionName,
} from '@cakupan/core';
import { coverageFromCsv } from '@cakupan/core/node';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, HttpError, summarise } from './errors.js';
import { readUpload } from './upload.js';

export interface CoverageRoutesOptions {
  /** Largest uploaded CSV file, bytes. */
  uploadLimit: number;
  /** Most records per JSON request (residents + participants). */
  maxRecords: number;
  /** The deadline of a request that uploads a file, ms (Fastify's `handlerTimeout`). */
  uploadTimeoutMs?: number;
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

/** The JSON body. Records are checked by core one by one: a bad record comes back in `rejected`. */
export const coverageRequestSchema = z.object({
  asOf: isoDateSchema.describe('Reference date, YYYY-MM-DD'),
  residents: z
    .array(z.unknown())
    .describe('Residents: { nik, birthDate?, villageCode, rw, rt, sex?, familyNumber?, name?, ref? }; invalid ones are reported in rejected.residents'),
  participants: z
    .array(z.unknown())
    .describe('Participant accounts: { nik, segment, status, registeredOn?, endedOn?, kpj?, employerNpp?, ref? }; invalid ones are reported in rejected.participants'),
  levels: z.array(regionLevelSchema).min(1).optional().describe(`Levels to report (default all: ${REGION_LEVELS.join(', ')})`),
  minAge: ageYearsSchema.optional().describe('Minimum age of the eligible population (default 18)'),
  format: z.enum(['json', 'csv']).optional().describe('json (default) or csv (one row per region)'),
});

const querySchema = z.object({ format: z.enum(['json', 'csv']).optional() });

/** The form fields of a multipart upload: core's text options (the CLI's too), and the format. */
const multipartFieldsSchema = coverageTextOptionsSchema.extend({ format: z.enum(['json', 'csv']).optional() }).strict();

/** The form's fields and files. */
const FILE_FIELDS = ['residents', 'participants', 'employers'];

export const coverageRoutes: FastifyPluginAsync<CoverageRoutesOptions> = async (app, opts) => {
  const send = (reply: FastifyReply, format: string | undefined, report: { regions: Parameters<typeof coverageToCsv>[0] }) =>
    format === 'csv' ? reply.type('text/csv; charset=utf-8').serializer((s) => s as string).send(coverageToCsv(report.regions)) : reply.send(report);

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/coverage',
    {
      ...(opts.uploadTimeoutMs && { handlerTimeout: opts.uploadTimeoutMs }),
      config: { heavy: true },
      schema: {
        summary: 'Coverage per region, down to RT',
        description:
          'Send records as JSON (below), or the two CSV exports as `multipart/form-data` with files `residents` and `participants` ' +
          '(optional `employers`) in the canonical columns and fields `asOf`, `levels` (comma-separated), `format`, `preset` (`siak`), `minAge`. ' +
          'Returns the same report as `cakupan coverage --format json`: regions with level, code, name, eligible, covered, bySegment and ratio; ' +
          'linkage figures; every rejected record as an issue { code, message, path } located by index, ref and field (JSON) or by line and column (CSV). Bad records do not fail the request.',
        tags: ['coverage'],
        security: [{ bearerAuth: [] }],
        consumes: ['application/json', 'multipart/form-data'],
        querystring: querySchema,
        body: coverageRequestSchema.nullish().meta({ examples: [EXAMPLE] }),
        response: { 200: z.any().describe('The coverage report (JSON), or text/csv with format=csv'), 400: errorResponseSchema, 401: errorResponseSchema, 413: errorResponseSchema },
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
      const parsed = multipartFieldsSchema.safeParse(fields);
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

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/regions/:code',
    {
      schema: {
        summary: 'A region: name, level and parent chain',
        description:
          'Kemendagri region codes with or without dots, down to RW and RT (`32.71.01.1001.003.005`). Names are known for every province, regency/city, ' +
          'district and village of Indonesia (idn-area-data, ODbL 1.0).',
        tags: ['coverage'],
        params: z.object({ code: z.string().max(40).pipe(regionCodeSchema) }),
        response: {
          200: z.object({
            code: z.string(),
            level: regionLevelSchema,
            name: z.string().nullable(),
            known: z.boolean().describe('Whether cakupan’s reference data names this region'),
            parents: z.array(z.object({ code: z.string(), level: regionLevelSchema, name: z.string().nullable() })).describe('From the province down'),
          }),
          400: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const region = request.params.code;
      return {
        code: region.code,
        level: region.level,
        name: region.name ?? null,
        known: region.name !== undefined,
        parents: region.ancestors.map((code, i) => ({ code, level: REGION_LEVELS[i]!, name: regionName(code) ?? null })),
      };
    },
  );
};
