/**
 * Who calls a secured route: a machine by its API key (`Authorization: Bearer <key>`), or a person
 * by the session cookie of their sign-in (whose state-changing requests carry the CSRF token).
 * Limited first (so that wrong keys are limited too); then the caller is known (`request.principal`)
 * and its role is checked against the route's permission — or the request answers 401 (429 when
 * its address has failed too often), or 403.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiKeys } from './apiKeys.js';
import { sendError } from './errors.js';
import { checkPermission } from './permissions.js';
import type { RateLimits } from './rateLimits.js';
import { checkCsrf, personOf } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request, as the imports, events and audit log name it: a key's label or a person's username. */
    apiKeyLabel?: string | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthenticationOptions {
  keys: ApiKeys;
  limits: RateLimits;
  authFailureLimit: number;
  /** Sessions' absolute limit, ms; absent: no sessions (no store), keys only. */
  sessionMaxMs?: number | undefined;
}

/** Adds the checks to `secured` (a scope of the app whose routes all need a caller). */
export function requireCaller(secured: FastifyInstance, options: AuthenticationOptions): void {
  const { keys, limits, authFailureLimit, sessionMaxMs } = options;
  secured.addHook('onRequest', limits.perKey);
  secured.addHook('onRequest', async (request, reply) => {
    const authorization = request.headers.authorization;
    const person = authorization === undefined && sessionMaxMs !== undefined ? personOf(request, sessionMaxMs) : undefined;
    if (person) {
      if (!SAFE_METHODS.has(request.method)) await checkCsrf(secured, request, reply);
      if (person.mustChangePassword) return sendError(reply, 403, 'change your password first (POST /v1/session/password): an administrator reset it');
      request.principal = { label: person.username, kind: 'person', name: person.name, role: person.role, scope: person.scope };
      request.apiKeyLabel = person.username;
      return checkPermission(request, reply);
    }
    const principal = await keys.principalOf(authorization);
    if (principal) {
      request.principal = principal;
      request.apiKeyLabel = principal.label;
      return checkPermission(request, reply);
    }
    const failures = await limits.authFailure(request);
    if (!failures.isAllowed && failures.isExceeded) {
      const retry = Math.max(1, failures.ttlInSeconds);
      reply.header('retry-after', String(retry));
      return sendError(reply, 429, `too many requests with a wrong or missing API key from this address (${authFailureLimit} per ${limits.windowText}); retry in ${retry} s`);
    }
    reply.header('www-authenticate', 'Bearer');
    return sendError(reply, 401, 'sign in (POST /v1/session), or send an API key: Authorization: Bearer <key>');
  });
}
