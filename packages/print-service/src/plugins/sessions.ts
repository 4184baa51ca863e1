/**
 * Signed-in sessions of people (officers in a browser): `@fastify/session` with its cookie
 * (`cakupan_session`: HttpOnly, SameSite=Lax, Secure when the service is reached over https, ended
 * after `sessions.idleMs` without a request and `sessions.maxMs` in any case), kept in the store
 * so every instance knows them; `@fastify/csrf-protection` for their state-changing requests (the
 * token from `GET /v1/session`, sent back as `x-csrf-token`). Machines use API keys instead.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { Role } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The session cookie's name. */
export const SESSION_COOKIE = 'cakupan_session';

/** The person a session is of (as signed in; a change of role or scope ends the account's sessions). */
export interface SessionPerson {
  username: string;
  name: string;
  role: Role;
  scope: string | null;
  mustChangePassword: boolean;
  /** When they signed in (ms since the epoch): the session ends `sessions.maxMs` later. */
  signedInAt: number;
}

/** A single sign-on on its way: what the provider's answer is checked against. */
export interface SsoPending {
  state: string;
  nonce: string;
  codeVerifier: string;
  startedAt: number;
  /** The page to go back to: the dashboard (`/`) or the field app (`/lapangan/`); never a caller's URL. */
  home: '/' | '/lapangan/';
}

declare module 'fastify' {
  interface Session {
    person?: SessionPerson;
    sso?: SsoPending;
  }
}

export interface SessionOptions {
  store: Pick<Store, 'sessions' | 'secret'>;
  idleMs: number;
  maxMs: number;
  /** Always Secure (the service's public address is https); else Secure when the request came over https. */
  secure: boolean;
}

/** Registers cookies, sessions and CSRF protection on the root (before the routes). */
export async function registerSessions(app: FastifyInstance, options: SessionOptions): Promise<void> {
  const { store } = options;
  const secret = await store.secret('session-cookie');
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret,
    cookieName: SESSION_COOKIE,
    saveUninitialized: false,
    rolling: true,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.secure ? true : 'auto', maxAge: options.idleMs },
    store: {
      get: (id, done) => void store.sessions.get(id).then((s) => done(null, (s ?? null) as never), (err: Error) => done(err)),
      set: (id, session, done) => {
        const expires = session.cookie.expires ?? new Date(Date.now() + options.idleMs);
        void store.sessions.set(id, session, expires).then(() => done(), (err: Error) => done(err));
      },
      destroy: (id, done) => void store.sessions.destroy(id).then(() => done(), (err: Error) => done(err)),
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session', getToken: (request) => request.headers['x-csrf-token'] as string | undefined });
}

/** The signed-in person of a request, unless none or past the session's absolute limit. */
export function personOf(request: FastifyRequest, maxMs: number): SessionPerson | undefined {
  const person = (request as { session?: { person?: SessionPerson } }).session?.person;
  if (!person || Date.now() - person.signedInAt > maxMs) return undefined;
  return person;
}

/** Checks a state-changing request's CSRF token (a session's requests only); rejects with a 403 error. */
export function checkCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => app.csrfProtection(request, reply, (err?: Error) => (err ? reject(err) : resolve())));
}
