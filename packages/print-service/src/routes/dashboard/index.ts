/**
 * The dashboard's files (`@cakupan/dashboard`'s build: one HTML page, its script, styles and the
 * village boundaries) at `/`, same origin as the API it reads. Public: the page holds no data; it
 * asks for an API key and sends it with each request.
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
    schemaHide: true,
  });
};
