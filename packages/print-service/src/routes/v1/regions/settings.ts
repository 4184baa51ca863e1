/**
 * `GET`/`PUT`/`DELETE /v1/regions/{code}/settings`: a city's or regency's (or a province's)
 * settings — issuer, contact, letterhead and logo, addressee, signatory, target, language — and
 * `GET /v1/regions/{code}/children`. Reading is anyone's who reads regions, inside their scope;
 * setting is an administrator's (`regions:settings`). Each field left out is the region above's,
 * else the default that follows the region ("Pemerintah Kabupaten Bogor", "Yth. Bupati Bogor").
 */
import { errorResponseSchema, regionChildrenSchema, regionField, regionSettingsBody, regionSettingsSchema } from '@cakupan/contract';
import { childLevelOf, childRegions, headOfRegionTitle, levelWordWithin, type RegionSettings, regionWord } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../../../plugins/errors.js';
import { requireInScope } from '../../../plugins/scope.js';
import type { RegionalSettings } from '../../../regions/regionalSettings.js';

export interface RegionSettingsRoutesOptions {
  /** Absent in the stand-alone mode: the settings are then read-only defaults. */
  store: Pick<Store, 'regionSettings'> | undefined;
  settings: RegionalSettings;
}

export const regionSettingsRoutes: FastifyPluginAsync<RegionSettingsRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
  const params = z.object({ code: regionField });
  const answer = async (code: string) => {
    const s = await opts.settings.of(code);
    const own = opts.store ? ((await opts.store.regionSettings.of([code])).get(code)?.settings ?? null) : null;
    return {
      region: code,
      settings: { ...s, letterhead: [...s.letterhead], logo: s.logo ?? null, signatory: s.signatory ?? null },
      from: s.from,
      own: own as never,
      words: { region: regionWord(code), villages: levelWordWithin('village', code), head: headOfRegionTitle(code) ?? null },
    };
  };
  const settable = (code: string) => {
    const depth = code.split('.').length;
    if (depth > 2) {
      const message = 'settings belong to a province or a city/regency (its districts and villages take them)';
      throw new HttpError(400, `code: ${message}`, [{ code: 'custom', path: ['code'], message }]);
    }
  };

  typed.get(
    '/v1/regions/:code/settings',
    {
      config: { permission: 'regions:read' },
      schema: {
        summary: 'The settings in force for a region, each field with the region it comes from',
        description: 'Issuer, contact, letterhead and logo, addressee, signatory, target and language: the region’s own, the nearest region’s above it, the service’s configuration (ISSUER, ISSUER_CONTACT), else a default that follows the region. Also the words its official text uses.',
        tags: ['regions'],
        security,
        params,
        response: { 200: regionSettingsSchema, 400: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      requireInScope(request, request.params.code.code, ['code']);
      return answer(request.params.code.code);
    },
  );

  typed.put(
    '/v1/regions/:code/settings',
    {
      config: { permission: 'regions:settings' },
      schema: {
        summary: 'Set a province’s or city’s/regency’s own settings (the whole document: a field left out is inherited)',
        description: 'Stickers printed from now on, verification pages and reports take them. A text holding a 16-digit number (a NIK or KK) is refused. The audit log names the fields changed.',
        tags: ['regions'],
        security,
        params,
        body: regionSettingsBody,
        response: { 200: regionSettingsSchema, 400: errorResponseSchema, 403: errorResponseSchema, 503: errorResponseSchema },
      },
    },
    async (request) => {
      const code = request.params.code.code;
      requireInScope(request, code, ['code']);
      settable(code);
      if (!opts.store) throw new HttpError(503, 'settings are kept in the store, and this service runs without one');
      await opts.store.regionSettings.set(code, request.body as RegionSettings, request.apiKeyLabel ?? 'unknown');
      opts.settings.forget();
      return answer(code);
    },
  );

  typed.delete(
    '/v1/regions/:code/settings',
    {
      config: { permission: 'regions:settings' },
      schema: { summary: 'Remove a region’s own settings (the region above’s and the defaults apply again)', tags: ['regions'], security, params, response: { 200: regionSettingsSchema, 400: errorResponseSchema, 403: errorResponseSchema, 503: errorResponseSchema } },
    },
    async (request) => {
      const code = request.params.code.code;
      requireInScope(request, code, ['code']);
      settable(code);
      if (!opts.store) throw new HttpError(503, 'settings are kept in the store, and this service runs without one');
      await opts.store.regionSettings.set(code, null, request.apiKeyLabel ?? 'unknown');
      opts.settings.forget();
      return answer(code);
    },
  );

  typed.get(
    '/v1/regions/:code/children',
    {
      config: { permission: 'regions:read' },
      schema: {
        summary: 'The regions one level below: a province’s regencies and cities, a city’s districts, a district’s villages',
        description: 'From the region table (Kepmendagri, all of Indonesia), in code order. A village has no national table below it (RW and RT come with each address): its list is empty.',
        tags: ['regions'],
        security,
        params,
        response: { 200: regionChildrenSchema, 400: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request) => {
      const region = request.params.code;
      requireInScope(request, region.code, ['code']);
      const level = region.level === 'province' || region.level === 'city' || region.level === 'district' ? childLevelOf(region.level)! : null;
      return { region: region.code, level, word: level ? levelWordWithin(level, region.code) : null, children: [...childRegions(region.code)] };
    },
  );
};
