/**
 * `GET /v1/quality`: what to doubt in a region's figures — the records rejected at import, the
 * participants the register does not hold, and per region one level down the residents under 18
 * with an active account, with several active accounts, or whose birth date in the register
 * differs from their NIK's; and the cells over 100 % (none can be: each eligible resident counts
 * once, but a check that finds one says the data broke that rule).
 */
import { isoDateSchema, type RegionQuality, childLevelOf, isWithinRegion } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema, HttpError } from './errors.js';
import { optionalRegionQuery, requestedRegion } from './scope.js';

export interface QualityRoutesOptions {
  store: Pick<Store, 'quality'>;
  today: () => string;
}

const counts = z.object({
  eligible: z.number().int(),
  covered: z.number().int(),
  underAge: z.number().int().describe('Residents under 18 with an active account'),
  multipleActiveAccounts: z.number().int().describe('Residents with more than one active account'),
  birthDateMismatches: z.number().int().describe('Residents whose register birth date differs from their NIK'),
  birthDatesFromNik: z.number().int().describe('Residents without a register birth date (the NIK’s was used)'),
  cellsOver100: z.number().int().describe('RTs in the region whose covered exceed their eligible'),
});

export const qualityRoutes: FastifyPluginAsync<QualityRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/quality',
    {
      schema: {
        summary: 'Data quality of a region: rejected rows, participants not in the register, under-age and multiple accounts',
        description:
          '`region` defaults to the key’s scope; `asOf` to today. `linkage` and `records` are the whole store’s (a participant not in the ' +
          'register has no address); the counts per region are of residents. Personal data never appears: only counts.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({ region: optionalRegionQuery, asOf: isoDateSchema.optional() }),
        response: {
          200: z.object({
            region: z.object({ code: z.string(), level: z.string() }),
            asOf: z.string(),
            records: z.object({
              residents: z.object({ read: z.number().int(), used: z.number().int(), rejected: z.number().int() }),
              participants: z.object({ read: z.number().int(), used: z.number().int(), rejected: z.number().int() }),
            }),
            linkage: z.object({
              notInRegister: z.number().int().describe('Persons with an active account the register does not hold (e.g. commuters)'),
              underAge: z.number().int(),
              multipleActiveAccounts: z.number().int(),
              personsWithOnlyInactiveAccounts: z.number().int(),
              birthDateMismatches: z.number().int(),
              birthDatesFromNik: z.number().int(),
            }),
            quality: counts,
            children: z.array(counts.extend({ code: z.string(), level: z.string(), name: z.string().nullable() })),
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
      const childLevel = childLevelOf(region.level);
      const levels = [...new Set([region.level, ...(childLevel ? [childLevel] : []), 'rt' as const])];
      // the figures and their quality counts from one pass over the records
      const { report, regions: quality } = await opts.store.quality({ asOf, levels });
      const coverageOf = new Map(report.regions.map((r) => [r.code, r]));
      const qualityOf = new Map(quality.map((q) => [q.code, q]));
      const overs = report.regions.filter((r) => r.level === 'rt' && r.covered > r.eligible).map((r) => r.code);
      const row = (code: string) => {
        const c = coverageOf.get(code);
        const q: Partial<RegionQuality> = qualityOf.get(code) ?? {};
        return {
          eligible: c?.eligible ?? 0,
          covered: c?.covered ?? 0,
          underAge: q.underAge ?? 0,
          multipleActiveAccounts: q.multipleActiveAccounts ?? 0,
          birthDateMismatches: q.birthDateMismatches ?? 0,
          birthDatesFromNik: q.birthDatesFromNik ?? 0,
          cellsOver100: overs.filter((rt) => isWithinRegion(rt, code)).length,
        };
      };
      if (!coverageOf.has(region.code)) throw new HttpError(404, `no residents of ${region.code} in the store`);
      const children = childLevel
        ? report.regions.filter((r) => r.level === childLevel && r.parentCode === region.code).map((r) => ({ code: r.code, level: r.level, name: r.name, ...row(r.code) }))
        : [];
      const { linkage, records } = report;
      return {
        region: { code: region.code, level: region.level },
        asOf,
        records,
        linkage: {
          notInRegister: linkage.notInRegister,
          underAge: linkage.underAge,
          multipleActiveAccounts: linkage.multipleActiveAccounts,
          personsWithOnlyInactiveAccounts: linkage.personsWithOnlyInactiveAccounts,
          birthDateMismatches: linkage.birthDateMismatches,
          birthDatesFromNik: linkage.birthDatesFromNik,
        },
        quality: row(region.code),
        children,
      };
    },
  );
};
