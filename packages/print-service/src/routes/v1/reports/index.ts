/**
 * `GET /v1/reports/monthly`: a region's monthly report as an A4 PDF: its figures from
 * `@cakupan/monitoring`, drawn by `@cakupan/print`.
 */
import { renderMonthlyReport } from '@cakupan/print';
import { DEFAULT_TARGET_PERCENT } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponseSchema, monthlyReportQuery, pdfAnswer } from '@cakupan/contract';
import { monthlyReportData } from '@cakupan/monitoring';
import { HttpError } from '../../../plugins/errors.js';
import { requestedRegion, scopeOf } from '../../../plugins/scope.js';

export interface ReportRoutesOptions {
  store: Pick<Store, 'regionsOnDates' | 'quality' | 'compliance' | 'dataAsOf' | 'field'>;
  today: () => string;
}

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/reports/monthly',
    {
      config: { permission: 'reports:read', heavy: true },
      schema: {
        summary: 'The monthly report of a region as an A4 PDF (Indonesian)',
        description:
          'Figures at the last day of `month` (default: the current month): coverage with numerator and denominator and the dates the data stand on, ' +
          'the 24-month trend, the regions one and two levels down (sorted, coloured with the dashboard’s legend), the ten lowest, unregistered employers ' +
          'per region one level down, and data-quality notes. `region` defaults to the key’s scope; `target` is the trend’s target line in % (default ' + DEFAULT_TARGET_PERCENT + ').',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: monthlyReportQuery,
        produces: ['application/pdf'],
        response: { 200: pdfAnswer, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = requestedRegion(request, request.query.region);
      const today = opts.today();
      const month = request.query.month ?? today.slice(0, 7);
      const data = await monthlyReportData(opts.store, region, month, today, scopeOf(request) === null);
      if (!data) throw new HttpError(404, `no residents of ${region.code} in the store`);
      const pdf = await renderMonthlyReport(data, request.query.target);
      const file = `laporan-bulanan-${region.code.replaceAll('.', '')}-${month}.pdf`;
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(pdf);
    },
  );
};
