/**
 * The permission every `/v1` route declares (`config: { permission }`: one of `@cakupan/contract`'s
 * PERMISSIONS, or `'public'` for the few that need no caller: the signing keys, revocations,
 * signing in), checked against the caller's role (the one table) as soon as the caller is known —
 * before the body is read or validated. A `/v1` route that declares none stops the service at
 * start-up.
 */
import { mayDo, type Permission, PERMISSIONS } from '@cakupan/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, sendError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller's role must hold to use the route (see `@cakupan/contract`'s `ROLE_PERMISSIONS`). */
    permission?: Permission | 'public';
  }
}

/** Makes every `/v1` route declare a permission (its registration fails without one). Call on the root before any route. */
export function requireDeclaredPermissions(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const permission = (route.config as { permission?: string } | undefined)?.permission;
    if (permission === undefined || (permission !== 'public' && !(permission in PERMISSIONS))) {
      throw new Error(`${String(route.method)} ${route.url} declares no permission (config.permission: 'public' or one of @cakupan/contract's PERMISSIONS)`);
    }
  });
}

/** The onRequest check, after authentication: 403 naming the permission when the role lacks it. */
export async function checkPermission(request: FastifyRequest, reply: import('fastify').FastifyReply): Promise<void> {
  const permission = request.routeOptions.config.permission;
  const principal = request.principal;
  if (!principal || !permission || permission === 'public') return; // authentication answered already, or a 404 of no route
  if (mayDo(principal.role, permission)) return;
  return sendError(reply, 403, `this needs the permission ${permission} (${PERMISSIONS[permission]}), which a ${principal.role} does not have`);
}

/** Whether the caller's role holds `permission` (for what a route does further, e.g. `facts=request`). */
export function holds(request: FastifyRequest, permission: Permission): boolean {
  return request.principal !== undefined && mayDo(request.principal.role, permission);
}

/**
 * Refuses a caller whose role lacks `permission`, for a step inside a route.
 *
 * @throws {HttpError} 403 naming the permission
 */
export function requirePermission(request: FastifyRequest, permission: Permission, what: string): void {
  if (holds(request, permission)) return;
  throw new HttpError(403, `${what} needs the permission ${permission}, which a ${request.principal?.role ?? 'caller'} does not have`);
}
