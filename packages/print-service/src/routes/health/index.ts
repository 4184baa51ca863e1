/**
 * Liveness (`/health/live`: the process answers) and readiness (`/health`, `/health/ready`: the
 * store answers too — 503 with `Retry-After` while its database restarts or cannot be reached, so
 * that a load balancer takes the instance out until it heals). No key, no rate limit.
 */
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export interface HealthRoutesOptions {
  store?: Pick<Store, 'health'> | undefined;
}

export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, opts) => {
  app.get('/health/live', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  const ready = async (_request: unknown, reply: FastifyReply) => {
    const store = opts.store ? await opts.store.health() : undefined;
    const ok = !store || store.status === 'ok';
    if (!ok) reply.header('retry-after', '1');
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', ...(store && { store }) });
  };
  app.get('/health', { schema: { hide: true } }, ready);
  app.get('/health/ready', { schema: { hide: true } }, ready);
};
