/**
 * The monthly report of a region: `GET /v1/reports/monthly` (a draft from the store's figures, or
 * the approved PDF itself), `POST /v1/reports/monthly/approvals` (approve a month or correct it)
 * and `GET /v1/reports/monthly/approvals`. Figures from `@cakupan/monitoring`, drawn by
 * `@cakupan/print`, the region's settings (letterhead, addressee, signatory, target) from the store.
 */
import { createHash } from 'node:crypto';
import { approveReportBody, errorResponseSchema, monthlyApprovalSchema, monthlyApprovalsQuery, monthlyApprovalsSchema, monthlyReportQuery, pdfAnswer } from '@cakupan/contract';
import { formatMonth, lastCompleteMonth, type RegionLevel } from '@cakupan/core';
import { dataDate, monthlyReportData } from '@cakupan/monitoring';
import { type MonthlyReportData, renderMonthlyReport } from '@cakupan/print';
import { type ApprovedReport, ReportApprovalConflict, type Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requestedRegion, scopeOf } from '../../../plugins/scope.js';
import type { RegionalSettings } from '../../../regions/regionalSettings.js';

export interface ReportRoutesOptions {
  store: Pick<Store, 'regionsOnDates' | 'quality' | 'compliance' | 'dataAsOf' | 'field' | 'boundaries' | 'monthlyReports'>;
  today: () => string;
  settings: Pick<RegionalSettings, 'of'>;
}

const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

export const reportRoutes: FastifyPluginAsync<ReportRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  /** The month asked for, or the last complete one; a month the data do not reach (or in the future) is refused, naming `month`. */
  const monthOf = async (regionCode: string, asked: string | undefined): Promise<string> => {
    const today = opts.today();
    const date = dataDate(await opts.store.dataAsOf(regionCode), today);
    const latest = lastCompleteMonth(date < today ? date : today);
    const month = asked ?? latest;
    if (month > latest) {
      const why = month > today.slice(0, 7) ? `is in the future (today is ${today})` : `ends after the data’s date, ${date}`;
      const message = `${formatMonth(month, 'en')} ${why}: the latest month the data cover to its last day is ${latest}`;
      throw new HttpError(400, `month: ${message}`, [{ code: 'out_of_range', path: ['month'], message }]);
    }
    return month;
  };

  /** A report's figures and PDF as the store holds them now. */
  const draw = async (request: FastifyRequest, region: { code: string; level: RegionLevel }, month: string, status: MonthlyReportData['status'], target?: number) => {
    const settings = await opts.settings.of(region.code);
    const data = await monthlyReportData(opts.store, region, month, { settings, status, generatedOn: opts.today(), wholeStore: scopeOf(request) === null });
    if (!data) throw new HttpError(404, `no residents of ${region.code} in the store`);
    return { data, pdf: await renderMonthlyReport(data, target) };
  };

  const sendPdf = (reply: FastifyReply, regionCode: string, month: string, pdf: Uint8Array, status: string, revision?: number) => {
    const file = `laporan-bulanan-${regionCode.replaceAll('.', '')}-${month}${revision ? `-r${revision}` : '-konsep'}.pdf`;
    reply.header('x-report-status', status).header('content-disposition', `attachment; filename="${file}"`);
    if (revision) reply.header('x-report-revision', String(revision)).header('etag', `"${createHash('sha256').update(pdf).digest('hex')}"`);
    return reply.type('application/pdf').send(Buffer.from(pdf));
  };

  typed.get(
    '/v1/reports/monthly',
    {
      config: { permission: 'reports:read', heavy: true },
      schema: {
        summary: 'The monthly report of a region as an A4 PDF: the approved one, else a draft',
        description:
          'A letter on the region’s letterhead to its Wali Kota or Bupati (number, date, addressee, paragraphs written from the figures, the signatory) and its annex: coverage at the month’s last day ' +
          'with numerator and denominator and the dates the data stand on, the 24-month trend, the map of the villages (from the boundaries the store holds), the lowest regions, ' +
          'the regions one and two levels down, unregistered employers, the stickering, data-quality notes. An approved month answers its approved PDF, byte for byte (`x-report-status: approved`, ' +
          '`x-report-revision`, `etag` its sha256; `revision=` an earlier one); otherwise, or with `draft=true`, a draft from the store’s figures now, marked as such (`x-report-status: draft`). ' +
          '`month` defaults to the last complete month the data reach; a later month, or one in the future, is 400. `region` defaults to the caller’s scope.',
        tags: ['monitoring'],
        security,
        querystring: monthlyReportQuery,
        produces: ['application/pdf'],
        response: { 200: pdfAnswer, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = requestedRegion(request, request.query.region);
      const q = request.query;
      if (!q.draft) {
        const month = q.month ?? (await monthOf(region.code, undefined));
        const approved = await opts.store.monthlyReports.get(region.code, month, q.revision);
        if (approved) return sendPdf(reply, region.code, month, approved.pdf, 'approved', approved.revision);
        if (q.revision) throw new HttpError(404, `${month} of ${region.code} has no approved revision ${q.revision}`);
      }
      const month = await monthOf(region.code, q.month);
      const { pdf } = await draw(request, region, month, { kind: 'draft' }, q.target);
      return sendPdf(reply, region.code, month, pdf, 'draft');
    },
  );

  typed.post(
    '/v1/reports/monthly/approvals',
    {
      config: { permission: 'reports:approve', heavy: true },
      schema: {
        summary: 'Approve a month’s report (its figures and PDF are frozen), or correct an approved one as a new revision',
        description:
          'Draws the report from the store’s figures now, marked approved by the caller, and keeps its figures and PDF (with its sha256): from then on `GET /v1/reports/monthly` answers that PDF, ' +
          'whatever later imports change. `expectedRevision` is the latest revision the approver read (0: none); another approval meanwhile answers 409. ' +
          'A month approved already takes a correction only with a `reason`: revision 2, 3, …; every revision stays readable.',
        tags: ['monitoring'],
        security,
        body: approveReportBody,
        response: { 201: monthlyApprovalSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = requestedRegion(request, request.body.region);
      const month = await monthOf(region.code, request.body.month);
      const by = request.apiKeyLabel ?? 'unknown';
      const status = { kind: 'approved' as const, revision: request.body.expectedRevision + 1, approvedBy: request.principal?.name ?? by, approvedOn: opts.today(), reason: request.body.reason ?? null };
      if (request.body.expectedRevision > 0 && !request.body.reason) {
        const message = 'a correction of an approved month needs a reason';
        throw new HttpError(400, `reason: ${message}`, [{ code: 'required', path: ['reason'], message }]);
      }
      const { data, pdf } = await draw(request, region, month, status);
      const { map: _map, ...figures } = data; // the map's geometry is the boundaries', kept in their own history
      let approved: ApprovedReport;
      try {
        approved = await opts.store.monthlyReports.approve({ regionCode: region.code, month, figures, pdf, sha256: createHash('sha256').update(pdf).digest('hex'), reason: request.body.reason ?? null, expectedRevision: request.body.expectedRevision, by });
      } catch (err) {
        if (err instanceof ReportApprovalConflict) throw new HttpError(409, err.message, [{ code: 'custom', path: ['expectedRevision'], message: err.message }]);
        throw err;
      }
      const { regionCode, ...rest } = approved;
      return reply.status(201).send({ region: regionCode, ...rest });
    },
  );

  typed.get(
    '/v1/reports/monthly/approvals',
    {
      config: { permission: 'reports:read' },
      schema: { summary: 'The approved months of a region and their revisions, newest first', tags: ['monitoring'], security, querystring: monthlyApprovalsQuery, response: { 200: monthlyApprovalsSchema, 400: errorResponseSchema, 403: errorResponseSchema } },
    },
    async (request) => {
      const region = requestedRegion(request, request.query.region);
      const approvals = await opts.store.monthlyReports.list(region.code, request.query.month);
      return { region: region.code, approvals: approvals.map(({ regionCode, ...r }) => ({ region: regionCode, ...r })) };
    },
  );
};
