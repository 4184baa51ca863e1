/**
 * `GET /v1/overview`: what a region's page opens with (`@cakupan/monitoring`'s `regionOverview`).
 */
import { errorResponseSchema, overviewSchema, regionOnDateQuery } from '@cakupan/contract';
import { regionOverview } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requestedRegion } from '../../../plugins/scope.js';

export interface OverviewRoutesOptions {
  store: Pick<Store, 'regionsOnDates' | 'dataAsOf'>;
  today: () => string;
}

export const overviewRoutes: FastifyPluginAsync<OverviewRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/overview',
    {
      config: { permission: 'coverage:read' },
      schema: {
        summary: 'A region at a glance: coverage with numerator and denominator, change since last month, data as of',
        description:
          '`region` defaults to the key’s scope (or the whole store); `asOf` to today. `previous` is the same region at the month-end before ' +
          '`asOf`; `change` the difference (covered persons, and the ratio in percentage points). `dataAsOf` says what the figures stand on.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: regionOnDateQuery,
        response: { 200: overviewSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const region = requestedRegion(request, request.query.region);
      const overview = await regionOverview(opts.store, region, request.query.asOf ?? opts.today());
      if (!overview) throw new HttpError(404, `no residents of ${region.code} in the store`);
      return overview;
    },
  );
};
