/**
 * Signing in and out (`/v1/session`): by username and password (argon2id in the store; locked
 * after repeated failures), or by single sign-on (`./sso.ts`). The session is a cookie; its
 * state-changing requests carry the CSRF token this route answers.
 */
import { changePasswordBody, errorResponseSchema, mayDo, PERMISSION_NAMES, type Role, sessionSchema, sessionStateSchema, signInBody, signInMethodsSchema } from '@cakupan/contract';
import { regionCodeSchema, regionName } from '@cakupan/core';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError, sendError } from '../../plugins/errors.js';
import { checkCsrf, personOf, type SessionPerson } from '../../plugins/sessions.js';

export interface SessionRoutesOptions {
  store: Pick<Store, 'accounts'>;
  maxMs: number;
  /** Per address: sign-in attempts are limited as any request is, on top of each account's lockout. */
  limit: onRequestHookHandler;
  /** Single sign-on's button words, when configured. */
  sso?: { name: string } | undefined;
}

/** The session answer: who, what they may do, the CSRF token. */
export function sessionAnswer(reply: FastifyReply, person: SessionPerson, maxMs: number) {
  const scope = person.scope === null ? null : { code: person.scope, level: regionCodeSchema.parse(person.scope).level, name: regionName(person.scope) ?? null };
  return {
    username: person.username,
    name: person.name,
    role: person.role,
    scope,
    permissions: PERMISSION_NAMES.filter((p) => mayDo(person.role, p)),
    mustChangePassword: person.mustChangePassword,
    csrfToken: reply.generateCsrf(),
    expiresAt: new Date(person.signedInAt + maxMs).toISOString(),
  };
}

/** Starts a session for `person` (a new session id: none from before the sign-in survives). */
export async function startSession(request: FastifyRequest, person: Omit<SessionPerson, 'signedInAt'>): Promise<SessionPerson> {
  await request.session.regenerate();
  const signedIn: SessionPerson = { ...person, signedInAt: Date.now() };
  request.session.person = signedIn;
  return signedIn;
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, opts) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['session'];

  typed.get(
    '/v1/session/methods',
    { config: { permission: 'public' }, schema: { summary: 'How one signs in here: password, and single sign-on when configured', tags, response: { 200: signInMethodsSchema } } },
    async () => ({ password: true, sso: opts.sso ? { name: opts.sso.name, url: '/v1/session/sso' } : null }),
  );

  typed.post(
    '/v1/session',
    {
      config: { permission: 'public' },
      onRequest: opts.limit,
      schema: {
        summary: 'Sign in with a username and password',
        description:
          'Answers the session (and sets its HttpOnly cookie). After 5 wrong passwords in a row the account is locked for 15 minutes; ' +
          'an administrator’s reset lifts the lock. A wrong username, a wrong password and a locked or disabled account answer alike (401).',
        tags,
        body: signInBody,
        response: { 200: sessionSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await opts.store.accounts.signInWithPassword(request.body.username, request.body.password);
      if (!result.ok) {
        request.log.info({ reason: result.reason }, 'sign-in refused');
        return sendError(reply, 401, 'wrong username or password, or the account is locked after repeated failures (try again in 15 minutes, or ask an administrator)');
      }
      const person = await startSession(request, { ...result.account, role: result.account.role as Role });
      return sessionAnswer(reply, person, opts.maxMs);
    },
  );

  typed.get(
    '/v1/session',
    {
      config: { permission: 'public' },
      schema: { summary: 'Who is signed in — with their permissions and the CSRF token — or `signedIn: false`', tags, response: { 200: sessionStateSchema } },
    },
    async (request, reply) => {
      const person = personOf(request, opts.maxMs);
      if (!person) return { signedIn: false as const };
      return { signedIn: true as const, ...sessionAnswer(reply, person, opts.maxMs) };
    },
  );

  typed.delete(
    '/v1/session',
    { config: { permission: 'public' }, schema: { summary: 'Sign out (with the CSRF token)', tags, response: { 200: z.object({ signedOut: z.literal(true) }), 403: errorResponseSchema } } },
    async (request, reply) => {
      if (personOf(request, opts.maxMs)) await checkCsrf(app, request, reply);
      await request.session.destroy();
      return { signedOut: true as const };
    },
  );

  typed.post(
    '/v1/session/password',
    {
      config: { permission: 'public' },
      onRequest: opts.limit,
      schema: {
        summary: 'Change one’s own password (the current one, then the new: at least 10 characters)',
        tags,
        body: changePasswordBody,
        response: { 200: sessionSchema, 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const person = personOf(request, opts.maxMs);
      if (!person) throw new HttpError(401, 'not signed in: POST /v1/session first');
      await checkCsrf(app, request, reply);
      await opts.store.accounts.changeOwnPassword(person.username, request.body.currentPassword, request.body.newPassword);
      const again = await startSession(request, { ...person, mustChangePassword: false });
      return sessionAnswer(reply, again, opts.maxMs);
    },
  );
};
