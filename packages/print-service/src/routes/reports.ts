/**
 * `GET /v1/reports/monthly`: a region's monthly report as an A4 PDF (reports/monthlyReport.ts).
 */
import { renderMonthlyReport } from '@cakupan/print';
import { DEFAULT_TARGET_PERCENT } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { monthlyReportData } from '../reports/monthlyData.js';
import { errorResponseSchema, HttpError } from './errors.js';
import { optionalRegionQuery, requestedRegion } from './scope.js';

export interface ReportRoutesOptions {
  store: Pick<Store, 'regionsOnDates' | 'quality' | 'compliance' | 'dataAsOf'>;
  today: () => string;
}

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .refine((m) => m >= '1900-01' && m <= '2200-12', 'must be a month between 1900-01 and 2200-12');

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/reports/monthly',
    {
      config: { heavy: true },
      schema: {
        summary: 'The monthly report of a region as an A4 PDF (Indonesian)',
        description:
          'Figures at the last day of `month` (default: the current month): coverage with numerator and denominator and the dates the data stand on, ' +
          'the 24-month trend, the regions one and two levels down (sorted, coloured with the dashboard’s legend), the ten lowest, unregistered employers ' +
          'per region one level down, and data-quality notes. `region` defaults to the key’s scope; `target` is the trend’s target line in % (default ' + DEFAULT_TARGET_PERCENT + ').',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          region: optionalRegionQuery,
          month: monthSchema.optional(),
          target: z.coerce.number().min(0).max(100).optional(),
        }),
        response: { 200: z.any().describe('application/pdf'), 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = requestedRegion(request, request.query.region);
      const today = opts.today();
      const month = request.query.month ?? today.slice(0, 7);
      const data = await monthlyReportData(opts.store, region, month, today);
      if (!data) throw new HttpError(404, `no residents of ${region.code} in the store`);
      const pdf = await renderMonthlyReport(data, request.query.target);
      const file = `laporan-bulanan-${region.code.replaceAll('.', '')}-${month}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(pdf);
    },
  );
};
