/**
 * Sticker requisitions (`/v1/requisitions`, *pengajuan kebutuhan stiker*): a village office or a
 * BPJS branch requests the stickers of a village, RW or RT; a city officer (not the requester)
 * approves — freezing the subjects and colours the store holds then — or declines with a reason;
 * the print shop sees approved ones only, prints them (`../stickers`) and reads the job sheet.
 * Another region's requisition answers as one that does not exist.
 */
import { declineBody, errorResponseSchema, jobSheetSchema, requestStickersBody, requisitionParams, requisitionSchema, requisitionsQuery, requisitionsSchema } from '@cakupan/contract';
import { regionName } from '@cakupan/core';
import { approveRequisition, NothingToPrintError } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requireInScope } from '../../../plugins/scope.js';
import { requisitionViewer } from './viewer.js';
import type { RegionalSettings } from '../../../regions/regionalSettings.js';

export interface RequisitionRoutesOptions {
  store: Pick<Store, 'requisitions' | 'households' | 'employers'>;
  today: () => string;
  maxStickers: number;
  /** The settings in force per region: a job sheet names its region's issuer. */
  settings: Pick<RegionalSettings, 'of'>;
}

export const requisitionRoutes: FastifyPluginAsync<RequisitionRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['requisitions'];
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
  const actor = (request: FastifyRequest) => request.apiKeyLabel ?? 'unknown';
  const visible = async (request: FastifyRequest, id: number) => {
    const found = await opts.store.requisitions.get(id, requisitionViewer(request));
    if (!found) throw new HttpError(404, `no requisition ${id}`);
    return found;
  };

  typed.post(
    '/v1/requisitions',
    {
      config: { permission: 'requisitions:request' },
      schema: {
        summary: 'Request the stickers of a village, RW or RT',
        tags,
        security,
        body: requestStickersBody,
        response: { 201: requisitionSchema, 400: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request, reply) => {
      requireInScope(request, request.body.region.code, ['region']);
      const made = await opts.store.requisitions.request({ regionCode: request.body.region.code, kind: request.body.kind, note: request.body.note, by: actor(request) });
      return reply.status(201).send(made);
    },
  );

  typed.get(
    '/v1/requisitions',
    {
      config: { permission: 'requisitions:read' },
      schema: {
        summary: 'The requisitions of the caller’s region, newest first (a print shop: approved ones)',
        tags,
        security,
        querystring: requisitionsQuery,
        response: { 200: requisitionsSchema, 400: errorResponseSchema },
      },
    },
    async (request) => ({ requisitions: await opts.store.requisitions.list(requisitionViewer(request), { status: request.query.status }) }),
  );

  typed.get(
    '/v1/requisitions/:id',
    { config: { permission: 'requisitions:read' }, schema: { summary: 'One requisition', tags, security, params: requisitionParams, response: { 200: requisitionSchema, 404: errorResponseSchema } } },
    async (request) => visible(request, request.params.id),
  );

  typed.post(
    '/v1/requisitions/:id/approve',
    {
      config: { permission: 'requisitions:decide' },
      schema: {
        summary: 'Approve a requisition: its subjects and colours are frozen from the store now',
        description: 'By an officer other than the requester. 409 when it was decided already, or its region has nothing of its kind to print.',
        tags,
        security,
        params: requisitionParams,
        response: { 200: requisitionSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      const requisition = await visible(request, request.params.id);
      try {
        return await approveRequisition(opts.store, requisition, actor(request), { asOf: opts.today(), max: opts.maxStickers });
      } catch (err) {
        if (err instanceof NothingToPrintError) throw new HttpError(409, err.message);
        throw err;
      }
    },
  );

  typed.post(
    '/v1/requisitions/:id/decline',
    {
      config: { permission: 'requisitions:decide' },
      schema: {
        summary: 'Decline a requisition, with the reason the requester reads',
        tags,
        security,
        params: requisitionParams,
        body: declineBody,
        response: { 200: requisitionSchema, 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      await visible(request, request.params.id);
      return opts.store.requisitions.decline(request.params.id, actor(request), request.body.reason);
    },
  );

  typed.get(
    '/v1/requisitions/:id/job-sheet',
    {
      config: { permission: 'requisitions:print' },
      schema: {
        summary: 'The job sheet of a printed requisition: serial ranges per village, RW and RT, counts per colour, the PDF’s sha256',
        tags,
        security,
        params: requisitionParams,
        response: { 200: jobSheetSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request) => {
      const requisition = await visible(request, request.params.id);
      if (requisition.runs === 0) throw new HttpError(409, `requisition ${requisition.id} has not been printed yet`);
      const lines = (await opts.store.requisitions.jobSheet(requisition.id)).map((l) => ({ ...l, villageName: l.villageCode ? (regionName(l.villageCode) ?? null) : null }));
      const totals = lines.reduce((t, l) => ({ stickers: t.stickers + l.green + l.red, green: t.green + l.green, red: t.red + l.red }), { stickers: 0, green: 0, red: 0 });
      return { requisition, issuer: (await opts.settings.of(requisition.regionCode)).issuer, lines, totals, pdfSha256: requisition.pdfSha256 };
    },
  );
};
