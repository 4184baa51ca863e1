/**
 * Single sign-on by OpenID Connect (`openid-client`): `GET /v1/session/sso` sends the browser to
 * the city's provider (authorization code with PKCE, state and nonce kept in the session);
 * `GET /v1/session/sso/callback` checks its answer, finds the account linked to the identity (or,
 * at its first sign-in, the account named by its `preferred_username`) and starts the session.
 * Only people with an account sign in: the provider says who someone is, the store what they may
 * do. A provider that cannot be reached answers 503 with Retry-After and is asked again later.
 */
import type { Role } from '@cakupan/contract';
import type { Store } from '@cakupan/store';
import type { FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import * as oidc from 'openid-client';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../../plugins/errors.js';
import { startSession } from './index.js';

/** How long a started sign-in may take at the provider. */
const SSO_PENDING_MS = 10 * 60_000;

export interface SsoRoutesOptions {
  store: Pick<Store, 'accounts'>;
  oidc: { issuer: string; clientId: string; clientSecret: string };
  publicBaseUrl: string;
  limit: onRequestHookHandler;
}

export const ssoRoutes: FastifyPluginAsync<SsoRoutesOptions> = async (app, opts) => {
  const issuer = new URL(opts.oidc.issuer);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const redirectUri = `${opts.publicBaseUrl}/v1/session/sso/callback`;
  let discovered: Promise<oidc.Configuration> | undefined;
  /** The provider's configuration, discovered once; asked again after a failure. */
  const configuration = async (): Promise<oidc.Configuration> => {
    discovered ??= oidc.discovery(issuer, opts.oidc.clientId, { redirect_uris: [redirectUri] }, oidc.ClientSecretPost(opts.oidc.clientSecret), {
      timeout: 5,
      // plain http only to a provider on this machine (a test's, a developer's)
      ...(issuer.protocol === 'http:' && loopback && { execute: [oidc.allowInsecureRequests] }),
    });
    try {
      return await discovered;
    } catch (err) {
      discovered = undefined;
      app.log.warn({ error: (err as Error).message }, 'single sign-on provider unreachable');
      throw new HttpError(503, 'the single sign-on provider cannot be reached; retry shortly', undefined, { 'retry-after': '30' });
    }
  };

  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/session/sso',
    {
      config: { permission: 'public' },
      onRequest: opts.limit,
      schema: {
        summary: 'Sign in by single sign-on (redirects to the provider)',
        tags: ['session'],
        querystring: z.object({ then: z.enum(['dashboard', 'lapangan']).optional().describe('Where to go once signed in: the dashboard (default) or the field app') }).strict(),
      },
    },
    async (request, reply) => {
    const config = await configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const home = request.query.then === 'lapangan' ? ('/lapangan/' as const) : ('/' as const);
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, startedAt: Date.now(), home };
    request.session.sso = pending;
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return reply.redirect(url.href, 302);
    },
  );

  app.get(
    '/v1/session/sso/callback',
    { config: { permission: 'public' }, onRequest: opts.limit, schema: { summary: 'Where the provider sends the browser back (signs in, then redirects to the dashboard)', tags: ['session'] } },
    async (request, reply) => {
      const pending = request.session.sso;
      request.session.sso = undefined;
      if (!pending || Date.now() - pending.startedAt > SSO_PENDING_MS) return reply.redirect(`${pending?.home ?? '/'}?sign-in=expired`, 302);
      const home = pending.home ?? '/';
      const config = await configuration();
      let claims: oidc.IDToken | undefined;
      let preferredUsername: unknown;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(request.url, opts.publicBaseUrl), {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
        // a provider may keep profile claims out of the ID token: then its userinfo says them
        preferredUsername = claims?.preferred_username ?? (claims && (await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)).preferred_username);
      } catch (err) {
        request.log.info({ error: (err as Error).message }, 'single sign-on answer refused');
        return reply.redirect(`${home}?sign-in=refused`, 302);
      }
      if (!claims) return reply.redirect(`${home}?sign-in=refused`, 302);
      const account = await opts.store.accounts.signInWithSso(`${claims.iss}|${claims.sub}`, typeof preferredUsername === 'string' ? preferredUsername : undefined);
      if (!account) return reply.redirect(`${home}?sign-in=no-account`, 302);
      await startSession(request, { ...account, role: account.role as Role });
      return reply.redirect(home, 302);
    },
  );
};
