/**
 * The dashboard's files (`@cakupan/dashboard`'s build: one HTML page, its script, styles and the
 * village boundaries) at `/`, and the field app's at `/lapangan/`, same origin as the API they
 * read. Public: the pages hold no data; they ask the API, as the person signed in.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface DashboardRoutesOptions {
  /** The built dashboard folder (`DASHBOARD_DIR` of `@cakupan/dashboard`). */
  root: string;
}

export const dashboardRoutes: FastifyPluginAsync<DashboardRoutesOptions> = async (app, opts) => {
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    // routes for the files present at start-up only: everything else stays the API's (a 404 in its shape)
    wildcard: false,
    index: ['index.html'],
    // the script and styles change with each build: checked again on each load (ETag), cheap when unchanged
    cacheControl: true,
    maxAge: 0,
    // the build's brotli and gzip copies (`@cakupan/dashboard`'s scripts/precompress.mjs), as the browser accepts
    preCompressed: true,
    schemaHide: true,
  });
  // the field app (`/lapangan/`, *lapangan*: the field) works from relative paths: its folder's URL ends with a slash
  app.get('/lapangan', { schema: { hide: true } }, (_request, reply) => reply.redirect('/lapangan/', 301));
};
