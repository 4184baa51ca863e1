/**
 * `GET /v1/quality`: what to doubt in a region's figures (`@cakupan/monitoring`'s `regionQuality`).
 */
import { errorResponseSchema, qualitySchema, regionOnDateQuery } from '@cakupan/contract';
import { regionQuality } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requestedRegion, scopeOf } from '../../../plugins/scope.js';

export interface QualityRoutesOptions {
  store: Pick<Store, 'quality'>;
  today: () => string;
}

export const qualityRoutes: FastifyPluginAsync<QualityRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/quality',
    {
      config: { permission: 'quality:read' },
      schema: {
        summary: 'Data quality of a region: rejected rows, participants not in the register, under-age and multiple accounts',
        description:
          '`region` defaults to the key’s scope; `asOf` to today. `linkage` and `records` are the whole store’s (a participant not in the ' +
          'register has no address), answered to a key of the whole store only; the counts per region are of residents. Personal data ' +
          'never appears: only counts.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: regionOnDateQuery,
        response: { 200: qualitySchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const region = requestedRegion(request, request.query.region);
      const quality = await regionQuality(opts.store, region, request.query.asOf ?? opts.today());
      if (!quality) throw new HttpError(404, `no residents of ${region.code} in the store`);
      // the whole store's figures are not a region's: a key of a region gets its region's only
      if (scopeOf(request) === null) return quality;
      const { linkage: _linkage, records: _records, ...own } = quality;
      return own;
    },
  );
};
