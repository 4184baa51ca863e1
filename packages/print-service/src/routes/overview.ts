/**
 * `GET /v1/overview`: what a region's page opens with — coverage as a share with its numerator and
 * denominator, the segment split, the change since the previous month-end, the same for each region
 * one level down (the drill-down table), and what the figures stand on (the register's snapshot,
 * the latest accounts export and event). From the store.
 */
import { isoDateSchema, type RegionCoverage, childLevelOf, previousMonthEnd } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, HttpError } from './errors.js';
import { optionalRegionQuery, requestedRegion } from './scope.js';

export interface OverviewRoutesOptions {
  store: Pick<Store, 'regionsOnDates' | 'dataAsOf'>;
  today: () => string;
}

const change = z.object({ covered: z.number().int(), ratioPoints: z.number().nullable() }).describe('Since the previous month-end');

const figures = z.object({
  eligible: z.number().int().describe('Residents aged 18+ (the denominator)'),
  covered: z.number().int().describe('Of them, with an active account (the numerator)'),
  ratio: z.number().nullable().describe('covered / eligible; null when nobody is eligible'),
  bySegment: z.object({ PU: z.number().int(), BPU: z.number().int(), JAKON: z.number().int(), PMI: z.number().int() }),
});

export const overviewRoutes: FastifyPluginAsync<OverviewRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/overview',
    {
      schema: {
        summary: 'A region at a glance: coverage with numerator and denominator, change since last month, data as of',
        description:
          '`region` defaults to the key’s scope (or the whole store); `asOf` to today. `previous` is the same region at the month-end before ' +
          '`asOf`; `change` the difference (covered persons, and the ratio in percentage points). `dataAsOf` says what the figures stand on.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({ region: optionalRegionQuery, asOf: isoDateSchema.optional() }),
        response: {
          200: z.object({
            region: z.object({ code: z.string(), level: z.string(), name: z.string().nullable() }),
            asOf: z.string(),
            coverage: figures,
            previous: figures.extend({ asOf: z.string() }),
            change: change,
            children: z
              .array(figures.extend({ code: z.string(), level: z.string(), name: z.string().nullable(), previous: figures, change }))
              .describe('The regions one level down (none for an RT), with the same figures: the drill-down table'),
            dataAsOf: z.object({
              residents: z.object({ asOf: z.string().nullable(), importedAt: z.string() }).nullable(),
              participants: z.object({ asOf: z.string().nullable(), importedAt: z.string() }).nullable(),
              lastEventAt: z.string().nullable(),
            }),
          }),
          400: errorResponseSchema,
          403: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const region = requestedRegion(request, request.query.region);
      const asOf = request.query.asOf ?? opts.today();
      const previousAsOf = previousMonthEnd(asOf);
      const childLevel = childLevelOf(region.level);
      // every region on both dates, kept by the store until its data change: a drill-down step reads them
      const [byDate, dataAsOf] = await Promise.all([opts.store.regionsOnDates([asOf, previousAsOf]), opts.store.dataAsOf(region.code)]);
      const [rowsNow, rowsBefore] = byDate as [readonly RegionCoverage[], readonly RegionCoverage[]];
      const now = rowsNow.find((r) => r.code === region.code);
      const before = rowsBefore.find((r) => r.code === region.code);
      if (!now) throw new HttpError(404, `no residents of ${region.code} in the store`);
      const pick = (r: RegionCoverage | undefined) => ({
        eligible: r?.eligible ?? 0,
        covered: r?.covered ?? 0,
        ratio: r?.ratio ?? null,
        bySegment: r?.bySegment ?? { PU: 0, BPU: 0, JAKON: 0, PMI: 0 },
      });
      const delta = (a: ReturnType<typeof pick>, b: ReturnType<typeof pick>) => ({
        covered: a.covered - b.covered,
        ratioPoints: a.ratio === null || b.ratio === null ? null : Math.round((a.ratio - b.ratio) * 10000) / 100,
      });
      const current = pick(now);
      const previous = pick(before);
      const isChild = (r: RegionCoverage) => r.level === childLevel && r.parentCode === region.code;
      const beforeByCode = new Map(rowsBefore.filter(isChild).map((r) => [r.code, r]));
      const children = rowsNow.filter(isChild).map((r) => {
        const was = pick(beforeByCode.get(r.code));
        const is = pick(r);
        return { code: r.code, level: r.level, name: r.name, ...is, previous: was, change: delta(is, was) };
      });
      return {
        region: { code: region.code, level: region.level, name: now.name },
        asOf,
        coverage: current,
        previous: { asOf: previousAsOf, ...previous },
        change: delta(current, previous),
        children,
        dataAsOf,
      };
    },
  );
};
