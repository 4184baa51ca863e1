/**
 * Rate limits: an API key's requests per window; requests without a valid key per address, and at
 * most `AUTH_FAILURE_LIMIT` failed authentications per address; verification its own, larger limit
 * per address; `/health` none. Over a limit: 429 with `Retry-After`.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Config } from '../config.js';
import { bearerHash } from './apiKeys.js';
import { HttpError } from './errors.js';

export interface RateLimits {
  /** Per API key where a known one is given, else per address. */
  perKey: onRequestHookHandler;
  /** Per address. */
  perAddress: onRequestHookHandler;
  /** Verifications, per address. */
  verify: onRequestHookHandler;
  /** Counts a failed authentication of the request's address. */
  authFailure: ReturnType<FastifyInstance['createRateLimit']>;
  /** The window as people read it ("60 s"). */
  windowText: string;
}

export async function registerRateLimits(app: FastifyInstance, limits: Config['rateLimit'], isKnownKey: (hash: Buffer) => boolean): Promise<RateLimits> {
  await app.register(fastifyRateLimit, { global: false });
  const windowText = `${limits.windowMs / 1000} s`;
  const limited = (what: string) => (_request: FastifyRequest, context: { max: number; ttl: number }) => {
    const retry = Math.max(1, Math.ceil(context.ttl / 1000));
    return new HttpError(429, `rate limit of ${context.max} ${what} per ${windowText} exceeded; retry in ${retry} s`, undefined, { 'retry-after': String(retry) });
  };
  const perKey = app.rateLimit({
    max: limits.max,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => {
      const hash = bearerHash(request.headers.authorization);
      return hash && isKnownKey(hash) ? hash.toString('hex') : `ip:${request.ip}`;
    },
    errorResponseBuilder: limited('requests'),
  });
  const perAddress = app.rateLimit({ max: limits.max, timeWindow: limits.windowMs, errorResponseBuilder: limited('requests') });
  const verify = app.rateLimit({ max: limits.verifyMax, timeWindow: limits.windowMs, errorResponseBuilder: limited('verifications') });
  const authFailure = app.createRateLimit({ max: limits.authFailures, timeWindow: limits.windowMs, keyGenerator: (request) => `auth:${request.ip}` });
  return { perKey, perAddress, verify, authFailure, windowText };
}
