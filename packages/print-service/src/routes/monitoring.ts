/**
 * The monitoring store over HTTP: participant events and coverage from what is stored
 * (`GET /v1/coverage`); imports are `imports.ts`. The rules are core's; the
 * store keeps the records and their history (`@cakupan/store`).
 */
import { coverageToCsv, fromZodIssues, isoDateSchema, type Region, regionCodeSchema, REGION_LEVELS, type RegionLevel, regionLevelSchema, isBelowRegion, csvLine } from '@cakupan/core';
import { MAX_SERIES_CELLS, MAX_SERIES_DATES, participantEventSchema, SeriesTooLargeError, type Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confinedBelow, requireInScope, requireScopeAtLeast, scopeOf } from './scope.js';
import { errorResponseSchema, HttpError, summarise } from './errors.js';
import { readUpload } from './upload.js';

export interface MonitoringRoutesOptions {
  store: Store;
  /** Largest uploaded CSV file, bytes. */
  uploadLimit: number;
  /** Called after an import or an event changed the data (household stickers are checked again). */
  changed?: () => void;
}

/** Regions a page of `GET /v1/coverage` and `GET /v1/employers/compliance` holds: by default, and at most. */
const REGION_PAGE = 5_000;
const MAX_REGION_PAGE = 10_000;

/** The paging fields of a list of regions. */
const regionPageQuery = {
  after: z.string().max(40).pipe(regionCodeSchema).optional().describe('The `next` of the previous page: the regions after this code'),
  limit: z.coerce.number().int().min(1).max(MAX_REGION_PAGE).default(REGION_PAGE).describe(`Regions a page (1–${MAX_REGION_PAGE}, default ${REGION_PAGE})`),
};

/** The regions after `after` in code order, at most `limit`, and the code to ask the next page after (`null`: none). */
function regionPage<T extends { code: string }>(regions: readonly T[], after: Region | undefined, limit: number): { page: T[]; next: string | null } {
  const sorted = [...regions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const from = after === undefined ? sorted : sorted.filter((r) => r.code > after.code);
  const page = from.slice(0, limit);
  return { page, next: from.length > limit ? page[page.length - 1]!.code : null };
}

/**
 * The region whose children at `level` a request asks for: the one it names, else the key's scope
 * (none for an unscoped key).
 *
 * @throws {HttpError} 403 outside the key's scope; 400 when `level` is not below it
 */
function parentOf(request: FastifyRequest, named: Region | undefined, level: RegionLevel): Region | undefined {
  const scope = scopeOf(request);
  const parent = named ?? (scope === null ? undefined : regionCodeSchema.parse(scope));
  if (!parent) return undefined;
  requireInScope(request, parent.code, ['parent']);
  if (REGION_LEVELS.indexOf(parent.level) >= REGION_LEVELS.indexOf(level)) {
    throw new HttpError(400, `a ${level} cannot lie under a ${parent.level}`, [{ code: 'inconsistent', path: ['level'], message: `must be below the parent's level (${parent.level})` }]);
  }
  return parent;
}

export const monitoringRoutes: FastifyPluginAsync<MonitoringRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/v1/participants/events',
    {
      schema: {
        summary: 'A participant account registered, ended, or its status changed',
        description:
          'Applied in one transaction: as soon as this answers 2xx, coverage reads reflect it. Idempotent by `eventId` (201 when applied, ' +
          '200 when an event with that id was applied before). `ended` and `status_changed` need an account the store holds (else 400). ' +
          '`employer_status_changed` sets an employer’s status by its NPP; its stickers printed with the other colour are revoked at once.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        body: participantEventSchema,
        response: { 200: z.object({ applied: z.boolean() }), 201: z.object({ applied: z.boolean() }), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // a key confined below the city sends events only of people who live in its region
      if (confinedBelow(request, 'city')) {
        const village = await opts.store.villageOfEvent(request.body);
        const { type } = request.body;
        requireInScope(request, village ?? 'someone not in the store', [type === 'registered' ? 'nik' : type === 'employer_status_changed' ? 'npp' : 'kpj']);
      }
      const result = await opts.store.applyParticipantEvent(request.body, request.apiKeyLabel);
      if (result.applied) opts.changed?.();
      return reply.status(result.applied ? 201 : 200).send(result);
    },
  );

  typed.get(
    '/v1/employers',
    {
      schema: {
        summary: 'Employers of a region, a page at a time: the field officers’ worklist',
        description:
          '`status=unregistered` lists the employers whose sticker is red (no NPP, inactive or unknown status — core’s sticker rule), with their ' +
          'address (village, RW, RT). `region` down to RT; `limit` 1–1000; `after` = the `next` of the previous page; `format=csv` for a spreadsheet.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          region: z.string().max(40).pipe(regionCodeSchema).optional(),
          status: z.enum(['registered', 'unregistered', 'all']).default('all'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          after: z.string().max(64).optional(),
          format: z.enum(['json', 'csv']).optional(),
        }),
        response: { 200: z.any(), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { status, limit, after, format } = request.query;
      const region = request.query.region?.code ?? scopeOf(request) ?? undefined;
      if (region) requireInScope(request, region, ['region']);
      const page = await opts.store.employers({ ...(region && { region }), status, limit, ...(after && { after }) });
      if (format !== 'csv') return page;
      const lines = ['id,name,village_code,village,rw,rt,npp,status,registered,reason', ...page.employers.map((e) => csvLine([e.id, e.name, e.villageCode, e.villageName, e.rw, e.rt, e.npp, e.status, e.registered, e.reason]))];
      if (page.next) reply.header('x-next', page.next);
      return reply.type('text/csv; charset=utf-8').serializer((x) => x as string).send(`${lines.join('\n')}\n`);
    },
  );

  typed.get(
    '/v1/employers/compliance',
    {
      schema: {
        summary: 'Employer compliance per region, from the store',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({ level: regionLevelSchema.default('village'), parent: z.string().max(40).pipe(regionCodeSchema).optional(), ...regionPageQuery }),
        response: { 200: z.any(), 400: errorResponseSchema },
      },
    },
    async (request) => {
      const { level, after, limit } = request.query;
      const parent = parentOf(request, request.query.parent, level);
      const report = await opts.store.compliance(parent ? [parent.level, level] : [level]);
      const { page, next } = regionPage(
        report.regions.filter((r) => r.level === level && (!parent || isBelowRegion(r.code, parent.code))),
        after,
        limit,
      );
      // the parent's own figures (or everything's) beside its children
      const parentRow = parent && report.regions.find((r) => r.code === parent.code);
      const totals = parent ? { employers: parentRow?.employers ?? 0, registered: parentRow?.registered ?? 0, ratio: parentRow?.ratio ?? null } : report.totals;
      return { level, parent: parent?.code ?? null, regions: page, next, totals };
    },
  );

  typed.get(
    '/v1/coverage/series',
    {
      config: { heavy: true },
      schema: {
        summary: 'Coverage at each month-end for a region and its children',
        description:
          'From the store. At each month-end the current register is the population (ages on that date) and the accounts active on that date ' +
          'count: a past month answers how covered today’s register was then (the register is a semester snapshot, not a history). ' +
          `Bounded: at most ${MAX_SERIES_DATES} month-ends and ${MAX_SERIES_CELLS} cells ((1 + children) × month-ends); more answers 400 naming the limit.`,
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          region: z.string().max(40).pipe(regionCodeSchema),
          children: regionLevelSchema.optional().describe('Level of the children listed (default one level below the region; e.g. `village` for every village of a city)'),
          from: isoDateSchema,
          to: isoDateSchema,
          every: z.literal('month').default('month'),
        }),
        response: { 200: z.any(), 400: errorResponseSchema },
      },
    },
    async (request) => {
      const { region, children, from, to } = request.query;
      requireInScope(request, region.code, ['region']);
      if (children !== undefined && REGION_LEVELS.indexOf(children) <= REGION_LEVELS.indexOf(region.level)) {
        throw new HttpError(400, `the children of a ${region.level} are below it`, [{ code: 'inconsistent', path: ['children'], message: `must be below ${region.level}` }]);
      }
      if (region.level === 'rt') {
        const message = 'an RT has no children: give a region above it';
        throw new HttpError(400, `invalid region: ${message}`, [{ code: 'invalid_value', path: ['region'], message }]);
      }
      if (from > to) throw new HttpError(400, 'from must not be after to', [{ code: 'inconsistent', path: ['from'], message: 'after to' }]);
      try {
        const points = await opts.store.series({ region: region.code, level: region.level, childLevel: children, from, to, signal: request.signal });
        return { region: region.code, level: region.level, every: 'month', points };
      } catch (err) {
        // the limit is named: a longer period than MAX_SERIES_DATES, or more cells than MAX_SERIES_CELLS
        if (err instanceof SeriesTooLargeError) throw new HttpError(400, err.message, [{ code: 'out_of_range', path: [err.what === 'dates' ? 'to' : 'children'], message: err.message }]);
        if (err instanceof RangeError) throw new HttpError(400, err.message, [{ code: 'out_of_range', path: ['to'], message: err.message }]);
        throw err;
      }
    },
  );

  typed.get(
    '/v1/coverage',
    {
      schema: {
        summary: 'Coverage from the store on a date, one level under a parent region',
        description:
          'The stored register and participant accounts, with core’s rules (the same figures as `POST /v1/coverage` on the same files). ' +
          '`level` (default village) and `parent` (a region code: only its children at that level) choose the rows; `format=csv` gives CSV. ' +
          `A page holds at most \`limit\` regions (default ${REGION_PAGE}) in code order; \`next\` (and \`x-next\`) is the \`after\` of the next page.`,
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          asOf: isoDateSchema,
          level: regionLevelSchema.default('village'),
          parent: z.string().max(40).pipe(regionCodeSchema).optional(),
          format: z.enum(['json', 'csv']).optional(),
          ...regionPageQuery,
        }),
        response: { 200: z.any(), 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { asOf, level, format, after, limit } = request.query;
      // a key with a scope reads its region and below: its scope is the parent unless it names one inside
      const parentRegion = parentOf(request, request.query.parent, level);
      const report = await opts.store.coverage({ asOf, levels: parentRegion ? [parentRegion.level, level] : [level] });
      const { page: regions, next } = regionPage(
        report.regions.filter((r) => r.level === level && (parentRegion === undefined || isBelowRegion(r.code, parentRegion.code))),
        after,
        limit,
      );
      if (next !== null) reply.header('x-next', next);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').serializer((s) => s as string).send(coverageToCsv(regions));
      // the totals of the parent region (or of everything stored), beside its children
      const parentRow = parentRegion && report.regions.find((r) => r.code === parentRegion.code);
      const totals = parentRegion
        ? (parentRow ?? { residents: 0, eligible: 0, covered: 0, bySegment: { PU: 0, BPU: 0, JAKON: 0, PMI: 0 }, ratio: null })
        : report.totals;
      return { asOf: report.asOf, level, parent: parentRow ?? (parentRegion ? { code: parentRegion.code, level: parentRegion.level } : null), totals, regions, next, linkage: report.linkage, records: report.records };
    },
  );
};
