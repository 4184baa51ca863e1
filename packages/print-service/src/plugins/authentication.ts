/**
 * The API-key check of every secured route: limited first (so that wrong keys are limited too),
 * then the caller is known (`request.principal`) or the request answers 401 — or 429 when its
 * address has failed too often.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiKeys } from './apiKeys.js';
import { sendError } from './errors.js';
import type { RateLimits } from './rateLimits.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The label of the API key the request was made with (recorded with imports and events). */
    apiKeyLabel?: string | undefined;
  }
}

/** Adds the check to `secured` (a scope of the app whose routes all need a key). */
export function requireApiKey(secured: FastifyInstance, keys: ApiKeys, limits: RateLimits, authFailureLimit: number): void {
  secured.addHook('onRequest', limits.perKey);
  secured.addHook('onRequest', async (request, reply) => {
    const principal = await keys.principalOf(request.headers.authorization);
    if (principal) {
      request.principal = principal;
      request.apiKeyLabel = principal.label;
      return;
    }
    const failures = await limits.authFailure(request);
    if (!failures.isAllowed && failures.isExceeded) {
      const retry = Math.max(1, failures.ttlInSeconds);
      reply.header('retry-after', String(retry));
      return sendError(reply, 429, `too many requests with a wrong or missing API key from this address (${authFailureLimit} per ${limits.windowText}); retry in ${retry} s`);
    }
    reply.header('www-authenticate', 'Bearer');
    return sendError(reply, 401, 'missing or wrong API key: send Authorization: Bearer <key>');
  });
}
