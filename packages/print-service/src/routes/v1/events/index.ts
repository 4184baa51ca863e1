/**
 * `POST /v1/participants/events`: a participant account registered, ended, or its status changed,
 * applied by the store in one transaction (the store's `participantEventSchema` is the body).
 */
import { errorResponseSchema, eventAnswerSchema } from '@cakupan/contract';
import { participantEventSchema, type Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { confinedBelow, requireInScope } from '../../../plugins/scope.js';

export interface EventRoutesOptions {
  store: Pick<Store, 'villageOfEvent' | 'applyParticipantEvent'>;
}

export const eventRoutes: FastifyPluginAsync<EventRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/participants/events',
    {
      schema: {
        summary: 'A participant account registered, ended, or its status changed',
        description:
          'Applied in one transaction: as soon as this answers 2xx, coverage reads reflect it. Idempotent by `eventId` (201 when applied, ' +
          '200 when an event with that id was applied before). `ended` and `status_changed` need an account the store holds (else 400). ' +
          '`employer_status_changed` sets an employer’s status by its NPP; its stickers printed with the other colour are revoked at once.',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        body: participantEventSchema,
        response: { 200: eventAnswerSchema, 201: eventAnswerSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      // a key confined below the city sends events only of people who live in its region
      if (confinedBelow(request, 'city')) {
        const village = await opts.store.villageOfEvent(request.body);
        const { type } = request.body;
        requireInScope(request, village ?? 'someone not in the store', [type === 'registered' ? 'nik' : type === 'employer_status_changed' ? 'npp' : 'kpj']);
      }
      const result = await opts.store.applyParticipantEvent(request.body, request.apiKeyLabel);
      return reply.status(result.applied ? 201 : 200).send(result);
    },
  );
};
