/**
 * `GET /v1/me`: who the key is and where its dashboard opens — its scope (or, for an
 * administrator's key, the one city the store holds), and the date the data reaches.
 */
import { regionCodeSchema, regionName } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from './scope.js';

export interface SessionRoutesOptions {
  store: Pick<Store, 'regionsOn' | 'dataAsOf'>;
  today: () => string;
}

const region = z.object({ code: z.string(), level: z.string(), name: z.string().nullable() });

/**
 * The date the data reaches: the later of the latest accounts export's own date and the day of the
 * latest participant event (UTC), else the register's date, else `today`. A report on a later date
 * would age the residents past what the accounts say.
 */
export function dataDate(asOf: Awaited<ReturnType<Store['dataAsOf']>>, today: string): string {
  const dates = [asOf.participants?.asOf, asOf.lastEventAt?.slice(0, 10)].filter((d): d is string => typeof d === 'string');
  if (dates.length > 0) return dates.sort().at(-1)!;
  return asOf.residents?.asOf ?? today;
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      schema: {
        summary: 'The key: its label and scope, where its dashboard opens, and the date the data reaches',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }],
        response: {
          200: z.object({
            label: z.string(),
            admin: z.boolean(),
            scope: region.nullable().describe('The region the key is confined to; null: everything'),
            home: region.nullable().describe('Where the dashboard opens: the scope, else the one city the store holds (null with none or several)'),
            cities: z.array(region).describe('The cities the store holds residents of (for a key without a scope)'),
            dataDate: z.string().describe('The latest accounts export’s date or event day (else the register’s date, else today)'),
          }),
        },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const dataAsOf = await opts.store.dataAsOf();
      const date = dataDate(dataAsOf, opts.today());
      const scope = scopeOf(request);
      const described = (code: string) => {
        const parsed = regionCodeSchema.parse(code);
        return { code: parsed.code, level: parsed.level, name: regionName(parsed.code) ?? null };
      };
      const cities =
        scope === null && dataAsOf.residents
          ? (await opts.store.regionsOn(date)).filter((r) => r.level === 'city').map((r) => ({ code: r.code, level: r.level, name: r.name }))
          : [];
      const home = scope !== null ? described(scope) : cities.length === 1 ? cities[0]! : null;
      return { label: principal.label, admin: principal.admin, scope: scope === null ? null : described(scope), home, cities, dataDate: date };
    },
  );
};
