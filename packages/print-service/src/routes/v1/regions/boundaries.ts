/**
 * A region's village boundaries: `POST /v1/regions/{code}/boundaries` (an administrator uploads
 * the GeoJSON its GIS office exports: checked against the region table, simplified, its
 * attribution kept; `dryRun=true` reports and keeps nothing), `GET …/boundaries` (what the map
 * draws: the region's own file or the part of its city's that lies in it), the uploads kept and
 * putting one back.
 */
import { readFileSync } from 'node:fs';
import { boundariesCheckSchema, boundariesUploadQuery, boundaryVersionsSchema, errorResponseSchema, idField, MAX_BOUNDARIES_BYTES, regionField } from '@cakupan/contract';
import { isWithinRegion, lineageOf, mapAreaOf, regionName } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../../../plugins/errors.js';
import { requireInScope } from '../../../plugins/scope.js';
import { readUpload } from '../../../plugins/upload.js';
import { BoundariesFormatError, checkBoundaries } from '../../../regions/boundariesFile.js';
import { keepBoundaries } from '../../../regions/keepBoundaries.js';

export interface BoundaryRoutesOptions {
  store: Pick<Store, 'boundaries'>;
  uploadLimit: number;
}

export const boundaryRoutes: FastifyPluginAsync<BoundaryRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const security: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { sessionCookie: [] }];
  const params = z.object({ code: regionField });
  const cityOrDistrict = (level: string) => {
    if (level !== 'city' && level !== 'district') {
      const message = 'boundaries are uploaded for a city/regency or a district (a file of its villages)';
      throw new HttpError(400, `code: ${message}`, [{ code: 'custom', path: ['code'], message }]);
    }
  };

  typed.post(
    '/v1/regions/:code/boundaries',
    {
      config: { permission: 'regions:settings' },
      schema: {
        summary: 'Upload the boundaries of a city’s, regency’s or district’s villages (GeoJSON)',
        description:
          '`multipart/form-data`: the FeatureCollection as `file` (RFC 7946; each feature’s Kemendagri village code in a property named `code`, `kode`, `kode_wilayah`, `kd_kel` or `KDEPUM`; ' +
          '`[lat, lng]` files are recognised and turned round), and its licence or attribution as the field `attribution` unless the file carries one (a top-level `attribution` or `license`). ' +
          'Codes are checked against the region table (matched on code, never on name); features not kept are listed with their position and why, and the region’s villages without a boundary. ' +
          'Polygons are simplified (Douglas–Peucker, `tolerance` degrees) for the browser. Every upload is kept: the newest is in force, an older one can be put back. `dryRun=true` keeps nothing.',
        tags: ['regions'],
        security,
        consumes: ['multipart/form-data'],
        params,
        querystring: boundariesUploadQuery,
        response: { 200: boundariesCheckSchema, 201: boundariesCheckSchema, 400: errorResponseSchema, 403: errorResponseSchema, 413: errorResponseSchema, 415: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = request.params.code;
      requireInScope(request, region.code, ['code']);
      cityOrDistrict(region.level);
      if (!request.isMultipart()) throw new HttpError(415, 'send multipart/form-data with the GeoJSON as `file`');
      const { files, fields, done } = await readUpload(request, { fileFields: ['file'], required: ['file'], hint: 'the GeoJSON goes in the field `file`', uploadLimit: Math.min(opts.uploadLimit, MAX_BOUNDARIES_BYTES) });
      try {
        const bytes = readFileSync(files.file!.path);
        let checked;
        try {
          checked = checkBoundaries(bytes.toString('utf8'), region.code, request.query.tolerance);
        } catch (err) {
          if (err instanceof BoundariesFormatError) throw new HttpError(400, `file: ${err.message}`, [{ code: 'custom', path: ['file'], message: err.message }]);
          throw err;
        }
        const attribution = (fields.attribution?.trim() || checked.attribution)?.slice(0, 2000);
        if (!attribution) {
          const message = 'the file carries no licence or attribution: give its text as the field `attribution` (it is shown on the map)';
          throw new HttpError(400, `attribution: ${message}`, [{ code: 'required', path: ['attribution'], message }]);
        }
        const applied = !request.query.dryRun && checked.features > 0;
        const version = applied
          ? await keepBoundaries(opts.store, { regionCode: region.code, bytes, checked, attribution, by: request.apiKeyLabel ?? 'unknown' })
          : undefined;
        return reply.status(applied ? 201 : 200).send({
          region: region.code,
          applied,
          version: version?.id ?? null,
          features: checked.features,
          points: checked.points,
          bytes: Buffer.byteLength(checked.geojson),
          attribution,
          unmatched: checked.unmatched.slice(0, 1000),
          missing: checked.missing,
        });
      } finally {
        done();
      }
    },
  );

  typed.get(
    '/v1/regions/:code/boundaries',
    {
      config: { permission: 'regions:read' },
      schema: {
        summary: 'The village boundaries the map draws for a region (GeoJSON), with their attribution',
        description: 'The region’s own upload, else the part of the nearest region’s above it that lies in it. 404 when the store holds none: the map says so.',
        tags: ['regions'],
        security,
        params,
        produces: ['application/geo+json'],
        response: { 200: z.string().describe('application/geo+json: a FeatureCollection with `attribution`'), 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const region = request.params.code;
      requireInScope(request, region.code, ['code']);
      // a village's map is its district's (with the village picked out by the page)
      const area = mapAreaOf(region.code);
      const found = await opts.store.boundaries.for(lineageOf(area));
      if (!found) throw new HttpError(404, `no boundaries for ${regionName(area) ?? area} in the store: an administrator can upload them`);
      const doc = JSON.parse(found.geojson) as { features: { properties: { code: string } }[] };
      const features = found.regionCode === area ? doc.features : doc.features.filter((f) => isWithinRegion(f.properties.code, area));
      const body = JSON.stringify({ type: 'FeatureCollection', attribution: found.attribution, version: found.id, features });
      return reply.type('application/geo+json').header('cache-control', 'private, max-age=300').serializer((s) => s as string).send(body);
    },
  );

  typed.get(
    '/v1/regions/:code/boundaries/versions',
    {
      config: { permission: 'regions:settings' },
      schema: { summary: 'Every upload of a region’s boundaries, newest (in force) first', tags: ['regions'], security, params, response: { 200: boundaryVersionsSchema, 400: errorResponseSchema, 403: errorResponseSchema } },
    },
    async (request) => {
      requireInScope(request, request.params.code.code, ['code']);
      const versions = await opts.store.boundaries.versions(request.params.code.code);
      return { region: request.params.code.code, versions: versions.map(({ regionCode: _, ...v }) => v) };
    },
  );

  typed.post(
    '/v1/regions/:code/boundaries/versions/:id/restore',
    {
      config: { permission: 'regions:settings' },
      schema: {
        summary: 'Put an earlier upload back in force (kept as a new upload: the history only grows)',
        tags: ['regions'],
        security,
        params: z.object({ code: regionField, id: idField }),
        response: { 200: boundaryVersionsSchema, 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => {
      const code = request.params.code.code;
      requireInScope(request, code, ['code']);
      const restored = await opts.store.boundaries.restore(code, request.params.id, request.apiKeyLabel ?? 'unknown');
      if (!restored) throw new HttpError(404, `${code} has no boundary upload ${request.params.id}`);
      const versions = await opts.store.boundaries.versions(code);
      return { region: code, versions: versions.map(({ regionCode: _, ...v }) => v) };
    },
  );
};
