/**
 * `GET /v1/regions/:code`: a region's name, level and parents, from core's reference data.
 */
import { errorResponseSchema, regionField, regionSchema } from '@cakupan/contract';
import { REGION_LEVELS, regionName } from '@cakupan/core';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const regionRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/regions/:code',
    {
      config: { permission: 'regions:read' },
      schema: {
        summary: 'A region: name, level and parent chain',
        description:
          'Kemendagri region codes with or without dots, down to RW and RT (`32.71.01.1001.003.005`). Names are known for every province, regency/city, ' +
          'district and village of Indonesia (idn-area-data, ODbL 1.0).',
        tags: ['coverage'],
        params: z.object({ code: regionField }),
        response: {
          200: regionSchema,
          400: errorResponseSchema,
        },
      },
    },
    async (request) => {
      const region = request.params.code;
      return {
        code: region.code,
        level: region.level,
        name: region.name ?? null,
        known: region.name !== undefined,
        parents: region.ancestors.map((code, i) => ({ code, level: REGION_LEVELS[i]!, name: regionName(code) ?? null })),
      };
    },
  );
};
