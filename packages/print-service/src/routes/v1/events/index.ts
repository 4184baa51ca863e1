/**
 * `POST /v1/participants/events`: a participant account registered, ended, or its status changed,
 * applied by the store in one transaction (the store's `participantEventSchema` is the body).
 */
import { errorResponseSchema, eventAnswerSchema } from '@cakupan/contract';
import { participantEventSchema, type Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { holds } from '../../../plugins/permissions.js';
import { confinedBelow, requireInScope } from '../../../plugins/scope.js';

export interface EventRoutesOptions {
  store: Pick<Store, 'villagesOfEvent' | 'applyParticipantEvent'>;
}

export const eventRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/participants/events',
    {
      config: { permission: 'events:write' },
      schema: {
        summary: 'A participant account registered, ended, or its status changed',
        description:
          'Applied in one transaction: as soon as this answers 2xx, coverage reads reflect it. Idempotent by `eventId`, the sender’s own ' +
          '(201 when applied, 200 when the same key sent an event with that id before). `ended` and `status_changed` need an account the ' +
          'store holds (else 400); a `registered` event of a KPJ held by another NIK is 409 but from an administrator. A key of a region ' +
          'sends events only of people and employers wholly inside it (every employer with the NPP). ' +
          '`employer_status_changed` sets an employer’s status by its NPP; its stickers printed with the other colour are revoked at once.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        body: participantEventSchema,
        response: { 200: eventAnswerSchema, 201: eventAnswerSchema, 400: errorResponseSchema, 403: errorResponseSchema, 409: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // a key confined below the city sends events only of people and employers wholly in its region:
      // the person of the NIK, the person whose account the KPJ is, every employer with the NPP
      if (confinedBelow(request, 'city')) {
        const { type } = request.body;
        const path = [type === 'employer_status_changed' ? 'npp' : type === 'registered' ? 'nik' : 'kpj'];
        for (const village of await opts.store.villagesOfEvent(request.body)) requireInScope(request, village ?? 'someone not in the store', path);
      }
      // an account moves to another NIK by an administrator's event only (else 409)
      const result = await opts.store.applyParticipantEvent(request.body, request.apiKeyLabel, { mayChangeNik: holds(request, 'events:change-nik') });
      return reply.status(result.applied ? 201 : 200).send(result);
    },
  );
};
