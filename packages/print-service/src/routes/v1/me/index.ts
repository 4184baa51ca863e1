/**
 * `GET /v1/me`: who calls (a person or a key), its role and permissions, and where its dashboard opens — its scope (or, for
 * a caller of everything, the one city the store holds), and the date the data reaches.
 */
import { mayDo, meSchema, PERMISSION_NAMES } from '@cakupan/contract';
import { regionCodeSchema, regionName } from '@cakupan/core';
import { accountsKnownTo, dataDate, registerIsStale } from '@cakupan/monitoring';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { scopeOf } from '../../../plugins/scope.js';

export interface MeRoutesOptions {
  store: Pick<Store, 'regionsOn' | 'dataAsOf'>;
  today: () => string;
}

export const meRoutes: FastifyPluginAsync<MeRoutesOptions> = async (app, opts) => {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me',
    {
      config: { permission: 'me:read' },
      schema: {
        summary: 'The key: its label and scope, where its dashboard opens, and the date the data reaches',
        tags: ['monitoring'],
        security: [{ bearerAuth: [] }, { sessionCookie: [] }],
        response: { 200: meSchema },
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
      return {
        label: principal.label,
        kind: principal.kind,
        name: principal.name ?? null,
        role: principal.role,
        permissions: PERMISSION_NAMES.filter((p) => mayDo(principal.role, p)),
        admin: principal.role === 'administrator',
                scope: scope === null ? null : described(scope),
        home,
        cities,
        dataDate: date,
        accountsKnownTo: accountsKnownTo(dataAsOf),
        registerDate: dataAsOf.residents?.asOf ?? null,
        registerStale: registerIsStale(dataAsOf, date),
      };
    },
  );
};
