/**
 * `GET /v1/field/delivery-list`: where each sticker in force of a village, RW or RT goes — for the
 * phone (JSON) or on paper (an A4 PDF, one RT per page, boxes to tick). It names heads of household
 * and addresses: `field:delivery-list` only, never cached by a browser, never public.
 */
import { deliveryListQuery, deliveryListSchema, errorResponseSchema, pdfAnswer } from '@cakupan/contract';
import { regionCodeSchema, regionName } from '@cakupan/core';
import { renderDeliveryList } from '@cakupan/print';
import { requisitionSource, type Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HttpError } from '../../../plugins/errors.js';
import { requestedRegion, scopeOf } from '../../../plugins/scope.js';

export interface DeliveryListRoutesOptions {
  store: Pick<Store, 'field' | 'requisitions'>;
  today: () => string;
}

export const deliveryListRoutes: FastifyPluginAsync<DeliveryListRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/field/delivery-list',
    {
      config: { permission: 'field:delivery-list' },
      schema: {
        summary: 'Where each sticker goes: the delivery list of a village, RW or RT (personal data, for officers)',
        description:
          'Each sticker in force (or of one approved requisition) with its serial, label and colour, whether it is up, and the head of household and address ' +
          'as the register holds them (an employer: its name and address). `format=pdf`: A4, one RT per page, marked confidential, with boxes to tick.',
        tags: ['field'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        querystring: deliveryListQuery,
        produces: ['application/json', 'application/pdf'],
        response: { 200: deliveryListSchema.or(pdfAnswer), 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { requisition: requisitionId, format } = request.query;
      const requisition = requisitionId === undefined ? undefined : await opts.store.requisitions.get(requisitionId, { scope: scopeOf(request), approvedOnly: true });
      if (requisitionId !== undefined && requisition === undefined) throw new HttpError(404, `no approved requisition ${requisitionId}`);
      // an out-of-scope requisition answers as none (the viewer's scope); the region is the caller's to choose within it
      const chosen = requestedRegion(request, request.query.region ?? (requisition ? regionCodeSchema.parse(requisition.regionCode) : undefined));
      if (chosen.level !== 'village' && chosen.level !== 'rw' && chosen.level !== 'rt') {
        throw new HttpError(400, 'region: a delivery list is of a village, an RW or an RT', [{ code: 'invalid_value', path: ['region'], message: 'a village, RW or RT code' }]);
      }
      const [province, city, district, village, rw, rt] = chosen.code.split('.');
      const villageCode = [province, city, district, village].join('.');
      const stops = await opts.store.field.deliveryList({
        villageCode,
        rw: rw === undefined ? undefined : Number(rw),
        rt: rt === undefined ? undefined : Number(rt),
        source: requisition ? requisitionSource(requisition.id) : undefined,
      });
      // personal data: no browser or proxy keeps it
      reply.header('cache-control', 'no-store');
      const villageName = regionName(villageCode) ?? null;
      if (format === 'pdf') {
        const scope = [rw === undefined ? null : rt === undefined ? `RW ${rw}` : `RT ${rt}/RW ${rw}`, requisition ? `permintaan no. ${requisition.id}` : null].filter(Boolean).join(' · ');
        const pdf = await renderDeliveryList({ village: { code: villageCode, name: villageName }, scope: scope || null, madeOn: opts.today(), madeBy: request.apiKeyLabel ?? 'petugas', rows: stops });
        const file = `daftar-antar-${chosen.code.replaceAll('.', '')}${requisition ? `-permintaan-${requisition.id}` : ''}.pdf`;
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(pdf);
      }
      return { confidential: true as const, region: { code: chosen.code, level: chosen.level, name: chosen.name ?? null }, village: { code: villageCode, name: villageName }, requisition: requisition?.id ?? null, stops };
    },
  );
};
